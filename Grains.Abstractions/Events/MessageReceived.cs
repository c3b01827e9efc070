using WaApp.Grains.Abstractions.Conversations;

namespace WaApp.Grains.Abstractions.Events;

/// <summary>The customer sent a message.</summary>
[GenerateSerializer, Immutable, Alias("conversation.message-received.v1")]
public sealed record MessageReceived(InboundMessage Message) : ConversationEvent;
