namespace WaApp.WhatsApp.Webhooks;

/// <summary>A Calling API event (connect, terminate, or a status of a business-initiated call) for one conversation.</summary>
public sealed record CallUpdate(WebhookSource Source, ConversationRoute Conversation, WebhookCall Call, string RawJson)
    : ConversationWebhookUpdate(Source, Conversation, RawJson);

/// <summary>
/// A message the business sent from the WhatsApp Business app on a coexistence number (<c>smb_message_echoes</c>),
/// or a message of the chat history Meta imports (<c>history</c>, then <see cref="Chunk"/> is set).
/// </summary>
/// <param name="FromBusiness">True for the business's own messages; false for what the user wrote (history only).</param>
public sealed record CoexistenceMessageUpdate(
    WebhookSource Source,
    ConversationRoute Conversation,
    WebhookMessage Message,
    bool FromBusiness,
    HistoryChunk? Chunk,
    string RawJson)
    : ConversationWebhookUpdate(Source, Conversation, RawJson);

/// <summary>A Groups API event (lifecycle, participants, settings, status) for the group's conversation.</summary>
public sealed record GroupEventUpdate(WebhookSource Source, ConversationRoute Conversation, WebhookGroupEvent Event, string RawJson)
    : ConversationWebhookUpdate(Source, Conversation, RawJson);

/// <summary>The business saved, renamed or removed a contact in the WhatsApp Business app (<c>smb_app_state_sync</c>).</summary>
/// <param name="ContactId">The contact's phone number (wa_id digits).</param>
/// <param name="Removed">True when the contact was removed from the address book (no name then).</param>
public sealed record ContactNameUpdate(
    WebhookSource Source,
    string ContactId,
    string? FullName,
    string? FirstName,
    bool Removed,
    DateTimeOffset? Timestamp,
    string RawJson)
    : WebhookUpdate(Source, RawJson);
