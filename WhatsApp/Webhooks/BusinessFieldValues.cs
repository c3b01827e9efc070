using System.Text.Json;
using System.Text.Json.Serialization;
using WaApp.WhatsApp.Webhooks.Serialization;

namespace WaApp.WhatsApp.Webhooks;

/// <summary>The value of a business-level field (templates, number quality, account). Unknown keys are kept.</summary>
public abstract record BusinessFieldValue
{
    /// <summary>What happened, e.g. <c>APPROVED</c>, <c>THROUGHPUT_UPGRADE</c>, <c>ACCOUNT_RESTRICTION</c>.</summary>
    public string? Event { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

/// <summary><c>message_template_status_update</c>: a template was approved, rejected, paused, disabled, …</summary>
public sealed record TemplateStatusEvent : BusinessFieldValue
{
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? MessageTemplateId { get; init; }

    public string? MessageTemplateName { get; init; }

    public string? MessageTemplateLanguage { get; init; }

    public string? MessageTemplateCategory { get; init; }

    public string? Reason { get; init; }

    public TemplateRejectionInfo? RejectionInfo { get; init; }
}

public sealed record TemplateRejectionInfo
{
    public string? Reason { get; init; }

    public string? Recommendation { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

/// <summary><c>phone_number_quality_update</c>: messaging limit or throughput of a business number changed.</summary>
public sealed record PhoneNumberQualityEvent : BusinessFieldValue
{
    public string? DisplayPhoneNumber { get; init; }

    public string? MaxDailyConversationsPerBusiness { get; init; }

    public string? CurrentLimit { get; init; }

    public string? OldLimit { get; init; }
}

/// <summary><c>account_update</c>: restrictions, violations, bans and other WABA events.</summary>
public sealed record AccountEvent : BusinessFieldValue
{
    public string? PhoneNumber { get; init; }

    public IReadOnlyList<AccountRestriction>? RestrictionInfo { get; init; }
}

public sealed record AccountRestriction
{
    public string? RestrictionType { get; init; }

    [JsonConverter(typeof(UnixTimeConverter))]
    public DateTimeOffset? Expiration { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

/// <summary>A user stopped or resumed marketing messages (<c>user_preferences[]</c>).</summary>
public sealed record WebhookUserPreference
{
    public string? WaId { get; init; }

    public string? UserId { get; init; }

    /// <summary>e.g. <c>marketing_messages</c>.</summary>
    public string? Category { get; init; }

    /// <summary><c>stop</c> or <c>resume</c>.</summary>
    public string? Value { get; init; }

    public string? Detail { get; init; }

    [JsonConverter(typeof(UnixTimeConverter))]
    public DateTimeOffset? Timestamp { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }

    [JsonIgnore]
    public string? ContactId => ContactIdentity.ContactId(WaId, UserId);
}
