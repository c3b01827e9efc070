using WaApp.Grains.Abstractions.Conversations;

namespace WaApp.Grains.Abstractions.Events;

/// <summary>
/// WaApp queued an automatic text reply to message <paramref name="InReplyTo"/>: it enters the outbox (id
/// <paramref name="MessageId"/>, WaApp's own until Meta assigns a wamid) and is sent like an agent's message to
/// <paramref name="To"/>, the conversation's customer.
/// </summary>
[GenerateSerializer, Immutable, Alias("conversation.auto-reply-queued.v1")]
public sealed record AutoReplyQueued(string MessageId, AutoReplyKind Kind, string Text, string InReplyTo, DateTimeOffset InReplyToSentAt, string To) : ConversationEvent;

/// <summary>The customer's consent changed: <paramref name="Source"/> is the wamid of a STOP/START message or the preference webhook.</summary>
[GenerateSerializer, Immutable, Alias("conversation.consent-changed.v1")]
public sealed record ConsentChanged(ConsentChange Change, DateTimeOffset At, string Source) : ConversationEvent;
