using WaApp.Grains.Abstractions.Conversations;

namespace WaApp.Grains.Abstractions.Events;

/// <summary>
/// Meta reported a status of a business message, recorded once per (wamid, status). Whether it moves the message's
/// status forward is the state's rule; a status for a message not yet known is kept until it appears.
/// </summary>
[GenerateSerializer, Immutable, Alias("conversation.status-updated.v1")]
public sealed record StatusUpdated(StatusReport Report) : ConversationEvent;
