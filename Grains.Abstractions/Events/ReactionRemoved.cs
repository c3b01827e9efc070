namespace WaApp.Grains.Abstractions.Events;

/// <summary>The customer removed their reaction to <paramref name="TargetMessageId"/>.</summary>
/// <param name="MessageId">The wamid of the removal (its dedupe key).</param>
[GenerateSerializer, Immutable, Alias("conversation.reaction-removed.v1")]
public sealed record ReactionRemoved(string MessageId, string TargetMessageId, DateTimeOffset Timestamp, string RawJson)
    : ConversationEvent;
