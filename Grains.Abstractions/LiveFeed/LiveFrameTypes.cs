namespace WaApp.Grains.Abstractions.LiveFeed;

/// <summary>The <see cref="LiveFrame.Type"/> values; clients match on them, so never rename one.</summary>
public static class LiveFrameTypes
{
    public const string MessageReceived = "message.received";
    public const string MessageQueued = "message.queued";
    public const string MessageSent = "message.sent";
    public const string MessageFailed = "message.failed";
    public const string MessageUnknown = "message.unknown";
    public const string StatusChanged = "status.changed";
    public const string ReactionChanged = "reaction.changed";

    /// <summary>A message was edited or deleted by the customer, or a call log entry changed.</summary>
    public const string MessageChanged = "message.changed";

    /// <summary>A customer's file was stored, failed, or is being fetched again; the frame carries the message with its media.</summary>
    public const string MediaChanged = "media.changed";
    public const string ConversationAssigned = "conversation.assigned";
    public const string ConversationClosed = "conversation.closed";
    public const string ConversationReopened = "conversation.reopened";
    public const string ConversationRead = "conversation.read";
    public const string ConversationUpdated = "conversation.updated";

    /// <summary>The 24-hour window closes soon; not an event, so its version is the conversation's current one.</summary>
    public const string WindowExpiring = "window.expiring";

    /// <summary>The number's breaker opened: nothing is sent until it resumes (business-level: no conversation).</summary>
    public const string SendingPaused = "sending.paused";

    /// <summary>The number sends again (an operator resumed it, or its token changed).</summary>
    public const string SendingResumed = "sending.resumed";
}
