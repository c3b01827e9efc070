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
    DateTimeOffset? WindowExpiresAt,
    MessagePreview? LastMessage = null);

/// <summary>The conversation's latest message as a list shows it: <paramref name="Text"/> is cut to <see cref="MaxTextLength"/> characters.</summary>
/// <param name="Direction"><c>inbound</c> or <c>outbound</c>.</param>
/// <param name="Type">The message type (<c>text</c>, <c>image</c>, <c>template</c>, …).</param>
[GenerateSerializer, Immutable, Alias("waapp.MessagePreview")]
public sealed record MessagePreview(string Direction, string Type, string? Text, DateTimeOffset Timestamp)
{
    public const int MaxTextLength = 120;
}

/// <summary>
/// A conversation's one-way report to its business: its current snapshot and the counts its new events add. The
/// events are those from <paramref name="FromVersion"/> up to the snapshot's version, so the business counts each
/// event once however reports are repeated, reordered or recovered (−1: not known, counted as given).
/// </summary>
[GenerateSerializer, Immutable, Alias("waapp.ConversationActivity")]
public sealed record ConversationActivity(ConversationSnapshot Conversation, MessageCounters Added, int FromVersion = -1);
