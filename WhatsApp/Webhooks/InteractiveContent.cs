using System.Text.Json;
using System.Text.Json.Serialization;

namespace WaApp.WhatsApp.Webhooks;

/// <summary>A user's answer to an interactive message: a reply button, a list row or a WhatsApp Flow.</summary>
public sealed record InteractiveContent
{
    /// <summary><c>button_reply</c>, <c>list_reply</c>, <c>nfm_reply</c>, or a newer kind kept in <see cref="Unknown"/>.</summary>
    public string? Type { get; init; }

    public InteractiveReply? ButtonReply { get; init; }

    public InteractiveReply? ListReply { get; init; }

    public FlowReply? NfmReply { get; init; }

    /// <summary>The user's answer to a call permission request (Calling API).</summary>
    public CallPermissionReply? CallPermissionReply { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

/// <summary>The chosen button or list row: the id the business set and its title (and a list row's description).</summary>
public sealed record InteractiveReply
{
    public string? Id { get; init; }

    public string? Title { get; init; }

    public string? Description { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

/// <summary>
/// A completed Flow (<c>name</c> = <c>flow</c>) or address message. Meta sends the answers as a JSON document
/// encoded in a string; the parser decodes it into <see cref="Response"/> (null when it is not valid JSON).
/// </summary>
public sealed record FlowReply
{
    public string? Name { get; init; }

    public string? Body { get; init; }

    public string? ResponseJson { get; init; }

    [JsonIgnore]
    public JsonElement? Response { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
