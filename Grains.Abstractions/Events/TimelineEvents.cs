using WaApp.Grains.Abstractions.Conversations;

namespace WaApp.Grains.Abstractions.Events;

/// <summary>The customer edited a message (applied to it once it is known).</summary>
[GenerateSerializer, Immutable, Alias("conversation.message-edited.v1")]
public sealed record MessageEdited(MessageEditReport Edit) : ConversationEvent;

/// <summary>The customer deleted a message for everyone: its content leaves the state and the API.</summary>
[GenerateSerializer, Immutable, Alias("conversation.message-revoked.v1")]
public sealed record MessageRevoked(MessageRevokeReport Revoke) : ConversationEvent;

/// <summary>A Calling API event: the call log entry of its call is created or updated.</summary>
[GenerateSerializer, Immutable, Alias("conversation.call-logged.v1")]
public sealed record CallLogged(CallReport Call) : ConversationEvent;

/// <summary>A Business app echo or a history message entered the conversation.</summary>
[GenerateSerializer, Immutable, Alias("conversation.message-imported.v1")]
public sealed record MessageImported(ImportedMessage Message) : ConversationEvent;

/// <summary>A Groups API event about the conversation's group.</summary>
[GenerateSerializer, Immutable, Alias("conversation.group-event-recorded.v1")]
public sealed record GroupEventRecorded(GroupEventReport Event) : ConversationEvent;
