using System.Text.Json;
using System.Text.Json.Serialization;
using WaApp.WhatsApp.Webhooks.Serialization;

namespace WaApp.WhatsApp.Webhooks;

/// <summary>
/// One inbound user message (<c>value.messages[]</c>). Exactly one content property matching <see cref="Type"/> is
/// normally set; types WaApp does not model yet keep their content in <see cref="Unknown"/>.
/// </summary>
public sealed record WebhookMessage
{
    /// <summary>The wamid: the idempotency key of an inbound message.</summary>
    public string? Id { get; init; }

    /// <summary>The user's wa_id; absent for users with a username whose number the business has not seen.</summary>
    public string? From { get; init; }

    public string? FromUserId { get; init; }

    public string? FromParentUserId { get; init; }

    /// <summary>When the user sent it (Meta's clock, not arrival time).</summary>
    [JsonConverter(typeof(UnixTimeConverter))]
    public DateTimeOffset? Timestamp { get; init; }

    public string? Type { get; init; }

    public WebhookMessageContext? Context { get; init; }

    public Referral? Referral { get; init; }

    public IReadOnlyList<WebhookError>? Errors { get; init; }

    public string? GroupId { get; init; }

    public WebhookText? Text { get; init; }

    public ImageContent? Image { get; init; }

    public AudioContent? Audio { get; init; }

    public VideoContent? Video { get; init; }

    public DocumentContent? Document { get; init; }

    public StickerContent? Sticker { get; init; }

    public LocationContent? Location { get; init; }

    public IReadOnlyList<SharedContact>? Contacts { get; init; }

    public InteractiveContent? Interactive { get; init; }

    public ButtonContent? Button { get; init; }

    public ReactionContent? Reaction { get; init; }

    public OrderContent? Order { get; init; }

    public SystemContent? System { get; init; }

    public UnsupportedContent? Unsupported { get; init; }

    /// <summary>The user edited an earlier message (<c>type: edit</c>): its id and the new content.</summary>
    public MessageEdit? Edit { get; init; }

    /// <summary>The user deleted an earlier message for everyone (<c>type: revoke</c>).</summary>
    public MessageRevoke? Revoke { get; init; }

    /// <summary>The user a coexistence echo or history message went to (business messages only).</summary>
    public string? To { get; init; }

    public string? ToUserId { get; init; }

    /// <summary>What the Business app knew of a history message (its delivery status).</summary>
    public HistoryContext? HistoryContext { get; init; }

    /// <summary>Fields this model does not know (new message types, <c>identity</c>, …), kept as JSON.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }

    /// <summary>Set when the message did not match the expected shape; its raw JSON is still kept.</summary>
    [JsonIgnore]
    public string? ParseError { get; init; }

    [JsonIgnore]
    public MessageKind Kind => MessageKinds.FromType(Type);
}

/// <summary>The message types WaApp understands; anything else is <see cref="Unknown"/> and kept raw.</summary>
public enum MessageKind
{
    Unknown,
    Text,
    Image,
    Audio,
    Video,
    Document,
    Sticker,
    Location,
    Contacts,
    Interactive,
    Button,
    Reaction,
    Order,
    System,
    Unsupported,
    Edit,
    Revoke,
}

public static class MessageKinds
{
    public static MessageKind FromType(string? type) => type switch
    {
        "text" => MessageKind.Text,
        "image" => MessageKind.Image,
        "audio" => MessageKind.Audio,
        "video" => MessageKind.Video,
        "document" => MessageKind.Document,
        "sticker" => MessageKind.Sticker,
        "location" => MessageKind.Location,
        "contacts" => MessageKind.Contacts,
        "interactive" => MessageKind.Interactive,
        "button" => MessageKind.Button,
        "reaction" => MessageKind.Reaction,
        "order" => MessageKind.Order,
        "system" => MessageKind.System,
        "unsupported" => MessageKind.Unsupported,
        "edit" => MessageKind.Edit,
        "revoke" => MessageKind.Revoke,
        _ => MessageKind.Unknown,
    };
}
