using WaApp.Grains.Abstractions.Outbound;

namespace WaApp.Grains.Abstractions.Events;

/// <summary>A business message entered the outbox; stored before any call to Meta.</summary>
/// <param name="MessageId">Our id of the message (also sent to Meta as <c>biz_opaque_callback_data</c>).</param>
/// <param name="To">The customer it goes to (the conversation's contact).</param>
[GenerateSerializer, Immutable, Alias("conversation.message-queued.v1")]
public sealed record MessageQueued(
    string MessageId,
    string IdempotencyKey,
    string To,
    OutboundContent Content,
    SendLane Lane,
    string? ReplyTo) : ConversationEvent;

/// <summary>Meta accepted the message: statuses for <paramref name="Wamid"/> follow.</summary>
[GenerateSerializer, Immutable, Alias("conversation.message-sent.v1")]
public sealed record MessageSent(string MessageId, string Wamid, string? WaId) : ConversationEvent;

/// <summary>The message was not sent: Meta refused it or it never left (<paramref name="Code"/> -1).</summary>
[GenerateSerializer, Immutable, Alias("conversation.message-failed.v1")]
public sealed record MessageFailed(string MessageId, int Code, string Title, string? Details, SendErrorClass Class) : ConversationEvent;

/// <summary>
/// Nobody knows whether the message went out (a timeout, or a crash between queueing and the answer). It is not
/// re-sent automatically: the Messages API has no idempotency key.
/// </summary>
[GenerateSerializer, Immutable, Alias("conversation.message-outcome-unknown.v1")]
public sealed record MessageOutcomeUnknown(string MessageId, string Reason) : ConversationEvent;

/// <summary>A person asked to send a failed or unknown message again; it is queued once more.</summary>
[GenerateSerializer, Immutable, Alias("conversation.message-retried.v1")]
public sealed record MessageRetried(string MessageId) : ConversationEvent;
