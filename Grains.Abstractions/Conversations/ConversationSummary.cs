namespace WaApp.Grains.Abstractions.Conversations;

/// <summary>A conversation as an agent's inbox shows it.</summary>
/// <param name="Version">The conversation's event version (the history endpoint pages by it).</param>
/// <param name="UnreadCount">Customer messages after <paramref name="ReadUpTo"/>.</param>
/// <param name="ReadUpTo">Sequence of the last message an agent marked read (0: none).</param>
/// <param name="WindowExpiresAt">When the 24-hour customer-service window closes; null if the customer never wrote.</param>
/// <param name="PendingOutbound">Queued replies the outbound pipeline has not sent yet.</param>
[GenerateSerializer, Immutable, Alias("waapp.ConversationSummary")]
public sealed record ConversationSummary(
    string PhoneNumberId,
    string ContactId,
    int Version,
    string? ProfileName,
    int MessageCount,
    int UnreadCount,
    long ReadUpTo,
    bool IsOpen,
    string? AssignedTo,
    DateTimeOffset? LastActivityAt,
    DateTimeOffset? WindowExpiresAt,
    bool WindowOpen,
    bool OptedOut,
    bool MarketingStopped,
    int PendingOutbound);

/// <summary>One stored event of a conversation, exactly as kept in the event store.</summary>
/// <param name="Version">Position in the stream (0 = first event).</param>
/// <param name="Type">The event's stable type name, e.g. <c>conversation.message-received.v1</c>.</param>
/// <param name="Json">The event as stored.</param>
[GenerateSerializer, Immutable, Alias("waapp.ConversationEventRecord")]
public sealed record ConversationEventRecord(int Version, string Type, DateTimeOffset CommittedAt, string Json);

/// <summary>Events oldest first; <paramref name="NextVersion"/> continues, null at the end of the stream.</summary>
[GenerateSerializer, Immutable, Alias("waapp.ConversationHistoryPage")]
public sealed record ConversationHistoryPage(IReadOnlyList<ConversationEventRecord> Items, int? NextVersion);
