using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Outbound;

namespace WaApp.Grains.Abstractions.LiveFeed;

/// <summary>
/// One change of a conversation as live clients see it. <paramref name="Version"/> is the conversation's event
/// version after the change; one conversation's frames step it by exactly one per event, so a client that sees a
/// jump has missed frames and re-reads the conversation over REST.
/// </summary>
/// <param name="Type">What happened, e.g. <c>message.received</c> (<see cref="LiveFrameTypes"/>).</param>
/// <param name="Conversation">The conversation right after the batch this change was stored in; null for business-level frames.</param>
/// <param name="Message">The message the change is about, as it is now; null for conversation-level changes.</param>
/// <param name="Sending">The number's sending status, for the <c>sending.*</c> frames of its breaker; null otherwise.</param>
[GenerateSerializer, Immutable, Alias("waapp.LiveFrame")]
public sealed record LiveFrame(
    string Type,
    string PhoneNumberId,
    int Version,
    DateTimeOffset At,
    ConversationSnapshot? Conversation,
    MessageView? Message,
    SendingStatus? Sending = null)
{
    /// <summary>A business-level frame: the number's sending was paused or resumed (its version is 0: not an event).</summary>
    public static LiveFrame ForSending(string phoneNumberId, DateTimeOffset at, SendingStatus sending)
    {
        ArgumentNullException.ThrowIfNull(sending);
        return new(sending.IsPaused ? LiveFrameTypes.SendingPaused : LiveFrameTypes.SendingResumed, phoneNumberId, 0, at, null, null, sending);
    }
}
