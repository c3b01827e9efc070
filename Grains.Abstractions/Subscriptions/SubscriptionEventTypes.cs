namespace WaApp.Grains.Abstractions.Subscriptions;

/// <summary>
/// The event names a subscription can ask for, as the API and the delivered <c>type</c> spell them. Each is read from
/// conversations' event logs. <c>template.status</c> (named in issue 19) is not offered yet: template reviews live
/// in the template catalog's state, not in an event log a dispatcher can read from a cursor, and a name that is
/// accepted but never delivered would be worse than a clear 400.
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

    public static readonly IReadOnlyList<string> All =
    [
        MessageReceived, MessageStatus, MessageSent, MessageFailed, ConversationAssigned, ConversationClosed, ContactChanged, MediaStored,
    ];
}
