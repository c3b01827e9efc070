namespace WaApp.Grains.Abstractions.Conversations;

/// <summary>
/// Asks for up to <paramref name="Limit"/> messages: before the message with sequence <paramref name="Before"/>
/// (towards older ones), or after the one with sequence <paramref name="After"/> (towards newer ones); neither
/// means the newest.
/// </summary>
[GenerateSerializer, Immutable, Alias("waapp.MessagePageQuery")]
public sealed record MessagePageQuery(int Limit, long? Before = null, long? After = null);

/// <summary>
/// Messages oldest first (newest last); <paramref name="OlderBefore"/> continues towards older messages,
/// <paramref name="NewerAfter"/> towards newer ones (it is set on every non-empty page, so a client can poll it).
/// </summary>
[GenerateSerializer, Immutable, Alias("waapp.MessagePage")]
public sealed record MessagePage(IReadOnlyList<MessageView> Items, long? OlderBefore, long? NewerAfter = null);
