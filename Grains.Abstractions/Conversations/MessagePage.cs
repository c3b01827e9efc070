namespace WaApp.Grains.Abstractions.Conversations;

/// <summary>Asks for up to <paramref name="Limit"/> messages before the message with sequence <paramref name="Before"/> (null = the newest).</summary>
[GenerateSerializer, Immutable, Alias("waapp.MessagePageQuery")]
public sealed record MessagePageQuery(int Limit, long? Before = null);

/// <summary>Messages oldest first (newest last); <paramref name="OlderBefore"/> continues towards older messages.</summary>
[GenerateSerializer, Immutable, Alias("waapp.MessagePage")]
public sealed record MessagePage(IReadOnlyList<MessageView> Items, long? OlderBefore);
