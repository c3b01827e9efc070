namespace WaApp.Grains.Abstractions.Subscriptions;

/// <summary>
/// The event names a subscription can ask for, as the API and the delivered <c>type</c> spell them. Each is read from
/// an event log: the conversation events from conversations' logs, <see cref="TemplateStatus"/> from the business
/// account's notice log (one stream per WhatsApp Business Account, where every template webhook is stored before it
/// is answered).
/// </summary>
public static class SubscriptionEventTypes
{
    public const string MessageReceived = "message.received";
    public const string MessageStatus = "message.status";
    public const string MessageSent = "message.sent";
    public const string MessageFailed = "message.failed";
    public const string ConversationAssigned = "conversation.assigned";
    public const string ConversationClosed = "conversation.closed";
    public const string ContactChanged = "contact.changed";
    public const string MediaStored = "media.stored";
    public const string TemplateStatus = "template.status";

    public static readonly IReadOnlyList<string> All =
    [
        MessageReceived, MessageStatus, MessageSent, MessageFailed, ConversationAssigned, ConversationClosed, ContactChanged, MediaStored, TemplateStatus,
    ];
}
