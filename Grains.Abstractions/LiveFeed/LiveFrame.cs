using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.Conversations;

namespace WaApp.Grains.Abstractions.LiveFeed;

/// <summary>
/// One change of a conversation as live clients see it. <paramref name="Version"/> is the conversation's event
/// version after the change; one conversation's frames step it by exactly one per event, so a client that sees a
/// jump has missed frames and re-reads the conversation over REST.
/// </summary>
/// <param name="Type">What happened, e.g. <c>message.received</c> (<see cref="LiveFrameTypes"/>).</param>
/// <param name="Conversation">The conversation right after the batch this change was stored in.</param>
/// <param name="Message">The message the change is about, as it is now; null for conversation-level changes.</param>
[GenerateSerializer, Immutable, Alias("waapp.LiveFrame")]
public sealed record LiveFrame(
    string Type,
    string PhoneNumberId,
    int Version,
    DateTimeOffset At,
    ConversationSnapshot Conversation,
    MessageView? Message);
