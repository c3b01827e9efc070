using System.Text.Json;
using System.Text.Json.Serialization;

namespace WaApp.WhatsApp.Webhooks;

/// <summary>
/// An edit of an earlier user message: <see cref="OriginalMessageId"/> names it, <see cref="Message"/> carries the
/// new content in the ordinary message shape (<c>type</c> plus the matching object).
/// </summary>
public sealed record MessageEdit
{
    public string? OriginalMessageId { get; init; }

    public WebhookMessage? Message { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

/// <summary>The user deleted <see cref="OriginalMessageId"/> for everyone.</summary>
public sealed record MessageRevoke
{
    public string? OriginalMessageId { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

/// <summary>The status the WhatsApp Business app had for a message of the imported chat history.</summary>
public sealed record HistoryContext
{
    public string? Status { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

/// <summary>A user's answer to a call permission request: <c>accept</c> or <c>reject</c>.</summary>
public sealed record CallPermissionReply
{
    public string? Response { get; init; }

    [JsonConverter(typeof(Serialization.UnixTimeConverter))]
    public DateTimeOffset? ExpirationTimestamp { get; init; }

    public string? ResponseSource { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
