namespace WaApp.Grains.Abstractions.Business;

/// <summary>
/// What a business's conversation list shows about one conversation, as of conversation <paramref name="Version"/>
/// (a newer version replaces an older one, so reordered notifications cannot roll the list back).
/// </summary>
[GenerateSerializer, Immutable, Alias("waapp.ConversationSnapshot")]
public sealed record ConversationSnapshot(
    string ContactId,
    int Version,
    DateTimeOffset LastActivityAt,
    string? ProfileName,
    int UnreadCount,
    bool IsOpen,
    string? AssignedTo,
    DateTimeOffset? WindowExpiresAt);

/// <summary>A conversation's one-way report to its business: its current snapshot and the counts its new events add.</summary>
[GenerateSerializer, Immutable, Alias("waapp.ConversationActivity")]
public sealed record ConversationActivity(ConversationSnapshot Conversation, MessageCounters Added);
