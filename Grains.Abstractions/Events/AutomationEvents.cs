using WaApp.Grains.Abstractions.Conversations;

namespace WaApp.Grains.Abstractions.Events;

/// <summary>
/// WaApp queued an automatic text reply to message <paramref name="InReplyTo"/>. It is a pending outbound message
/// (id <paramref name="MessageId"/>, WaApp's own until Meta assigns a wamid) that the outbound pipeline sends.
/// </summary>
[GenerateSerializer, Immutable, Alias("conversation.auto-reply-queued.v1")]
public sealed record AutoReplyQueued(string MessageId, AutoReplyKind Kind, string Text, string InReplyTo, DateTimeOffset InReplyToSentAt) : ConversationEvent;

/// <summary>The customer's consent changed: <paramref name="Source"/> is the wamid of a STOP/START message or the preference webhook.</summary>
[GenerateSerializer, Immutable, Alias("conversation.consent-changed.v1")]
public sealed record ConsentChanged(ConsentChange Change, DateTimeOffset At, string Source) : ConversationEvent;
