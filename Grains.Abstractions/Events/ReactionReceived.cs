namespace WaApp.Grains.Abstractions.Events;

/// <summary>The customer reacted to <paramref name="TargetMessageId"/> with <paramref name="Emoji"/>.</summary>
/// <param name="MessageId">The wamid of the reaction itself (its dedupe key).</param>
/// <param name="RawJson">The reaction message exactly as Meta sent it.</param>
[GenerateSerializer, Immutable, Alias("conversation.reaction-received.v1")]
public sealed record ReactionReceived(string MessageId, string TargetMessageId, string Emoji, DateTimeOffset Timestamp, string RawJson)
    : ConversationEvent;
