using System.Text.Json;
using System.Text.Json.Serialization;
using WaApp.WhatsApp.Webhooks.Serialization;

namespace WaApp.WhatsApp.Webhooks;

/// <summary>A status of a message the business sent (<c>value.statuses[]</c>).</summary>
public sealed record WebhookStatus
{
    /// <summary>The wamid of the business's message.</summary>
    public string? Id { get; init; }

    public string? Status { get; init; }

    /// <summary>When the message reached this status.</summary>
    [JsonConverter(typeof(UnixTimeConverter))]
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>The user's wa_id (or a group id); may be absent when the business sent to a BSUID.</summary>
    public string? RecipientId { get; init; }

    public string? RecipientUserId { get; init; }

    public string? RecipientType { get; init; }

    public string? RecipientParticipantId { get; init; }

    /// <summary>Echo of what the business attached when sending (its own send id, typically).</summary>
    public string? BizOpaqueCallbackData { get; init; }

    public StatusConversation? Conversation { get; init; }

    public StatusPricing? Pricing { get; init; }

    public IReadOnlyList<WebhookError>? Errors { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }

    /// <summary>Set when the status did not match the expected shape; its raw JSON is still kept.</summary>
    [JsonIgnore]
    public string? ParseError { get; init; }

    [JsonIgnore]
    public StatusKind Kind => Status switch
    {
        "sent" => StatusKind.Sent,
        "delivered" => StatusKind.Delivered,
        "read" => StatusKind.Read,
        "played" => StatusKind.Played,
        "failed" => StatusKind.Failed,
        _ => StatusKind.Unknown,
    };

    /// <summary>The user the status is about: the wa_id when present, else the BSUID.</summary>
    [JsonIgnore]
    public string? ContactId => ContactIdentity.ContactId(RecipientId, RecipientUserId);
}

/// <summary>Status kinds in lifecycle order (sent &lt; delivered &lt; read &lt; played); failed is terminal.</summary>
public enum StatusKind
{
    Unknown = 0,
    Sent = 1,
    Delivered = 2,
    Read = 3,
    Played = 4,
    Failed = 5,
}

/// <summary>The pricing conversation (omitted from v24 unless a free-entry-point window is open).</summary>
public sealed record StatusConversation
{
    public string? Id { get; init; }

    [JsonConverter(typeof(UnixTimeConverter))]
    public DateTimeOffset? ExpirationTimestamp { get; init; }

    public ConversationOrigin? Origin { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

public sealed record ConversationOrigin
{
    public string? Type { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

public sealed record StatusPricing
{
    public bool? Billable { get; init; }

    public string? PricingModel { get; init; }

    public string? Type { get; init; }

    public string? Category { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
