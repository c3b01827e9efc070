using System.Text.Json;
using System.Text.Json.Serialization;

namespace WaApp.WhatsApp.Webhooks;

/// <summary>What every inbound media object carries. The media id is valid for 7 days; <c>url</c> is newer and optional.</summary>
public abstract record MediaContent
{
    /// <summary>
    /// The longest media id kept from a webhook. Meta's are numeric strings of a few dozen digits at most; the id becomes
    /// a storage key (DynamoDB refuses keys over 2 KB), so a longer one could never be fetched or stored.
    /// </summary>
    public const int MaxIdLength = 128;

    public string? Id { get; init; }

    /// <summary>
    /// True when the webhook named an id no media id can be (longer than <see cref="MaxIdLength"/>): <see cref="Id"/> is
    /// then null and the message is kept with its file marked as failed, never fetched.
    /// </summary>
    [JsonIgnore]
    public bool InvalidId { get; init; }

    public string? MimeType { get; init; }

    /// <summary>Base64 SHA-256 of the file.</summary>
    [JsonPropertyName("sha256")]
    public string? Sha256 { get; init; }

    public string? Url { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

public sealed record ImageContent : MediaContent
{
    public string? Caption { get; init; }
}

public sealed record VideoContent : MediaContent
{
    public string? Caption { get; init; }
}

public sealed record AudioContent : MediaContent
{
    /// <summary>True for a push-to-talk voice note, false for an attached file, null when Meta did not say.</summary>
    public bool? Voice { get; init; }
}

public sealed record DocumentContent : MediaContent
{
    /// <summary>User-controlled: never use it as a path.</summary>
    public string? Filename { get; init; }

    public string? Caption { get; init; }
}

public sealed record StickerContent : MediaContent
{
    public bool? Animated { get; init; }
}
