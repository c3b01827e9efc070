namespace WaApp.WhatsApp.Webhooks;

/// <summary>Where an update came from: the WABA (<c>entry.id</c>), the change's field and the business number.</summary>
public sealed record WebhookSource(string? BusinessAccountId, string Field, string? PhoneNumberId, string? DisplayPhoneNumber);

/// <summary>The conversation an update belongs to: one business number and one user, <c>"{PhoneNumberId}:{ContactId}"</c>.</summary>
public readonly record struct ConversationRoute(string PhoneNumberId, string ContactId)
{
    public override string ToString() => $"{PhoneNumberId}:{ContactId}";
}

/// <summary>
/// One normalized update of a webhook body, produced by <see cref="WebhookParser.Parse"/>. <see cref="RawJson"/>
/// is the exact JSON text of the item it came from.
/// </summary>
public abstract record WebhookUpdate(WebhookSource Source, string RawJson);

/// <summary>An update that belongs to one conversation, in body order.</summary>
public abstract record ConversationWebhookUpdate(WebhookSource Source, ConversationRoute Conversation, string RawJson)
    : WebhookUpdate(Source, RawJson);

/// <summary>An inbound message of any type, reactions included; <see cref="Contact"/> is the matching <c>contacts[]</c> entry.</summary>
public sealed record MessageUpdate(WebhookSource Source, ConversationRoute Conversation, WebhookMessage Message, WebhookContact? Contact, string RawJson)
    : ConversationWebhookUpdate(Source, Conversation, RawJson);

/// <summary>A status of a message the business sent.</summary>
public sealed record StatusUpdate(WebhookSource Source, ConversationRoute Conversation, WebhookStatus Status, string RawJson)
    : ConversationWebhookUpdate(Source, Conversation, RawJson);

/// <summary>A user stopped or resumed marketing messages from this business number.</summary>
public sealed record UserPreferenceUpdate(WebhookSource Source, ConversationRoute Conversation, WebhookUserPreference Preference, string RawJson)
    : ConversationWebhookUpdate(Source, Conversation, RawJson);

/// <summary>What Meta told about a user (profile name, wa_id, BSUID) in a change's <c>contacts[]</c>.</summary>
public sealed record ContactUpdate(WebhookSource Source, string ContactId, WebhookContact Contact, string RawJson)
    : WebhookUpdate(Source, RawJson);

/// <summary>
/// A user changed number (<see cref="NewWaId"/>) or business-scoped user id (<see cref="NewUserId"/>), from a
/// <c>system</c> message; <see cref="ContactId"/> is the id the user had until now.
/// </summary>
public sealed record ContactIdentityChangeUpdate(
    WebhookSource Source,
    string ContactId,
    string ChangeType,
    string? NewWaId,
    string? NewUserId,
    string? MessageId,
    DateTimeOffset? Timestamp,
    string RawJson)
    : WebhookUpdate(Source, RawJson);

/// <summary>A value-level error (system, app or account problem) for a business number.</summary>
public sealed record ErrorUpdate(WebhookSource Source, WebhookError Error, string RawJson)
    : WebhookUpdate(Source, RawJson);

/// <summary>
/// A business-level field (template status, number quality, account update, or any field WaApp does not model,
/// then <see cref="Value"/> is null and only <see cref="WebhookUpdate.RawJson"/> tells what happened).
/// </summary>
public sealed record BusinessFieldUpdate(WebhookSource Source, DateTimeOffset? Time, BusinessFieldValue? Value, string RawJson)
    : WebhookUpdate(Source, RawJson);

/// <summary>An item that names no business number or no user, so it cannot be routed; it is acknowledged and logged.</summary>
public sealed record UnroutableUpdate(WebhookSource Source, string Reason, string RawJson)
    : WebhookUpdate(Source, RawJson);
