using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Events;
using WaApp.Grains.Abstractions.Outbound;
using WaApp.Grains.Rules;

namespace WaApp.Grains.Conversations;

/// <summary>The inbox side of a conversation: window, unread/read marker, assignment, open/closed, consent, auto-replies.</summary>
public sealed partial class ConversationState
{
    public const string CustomerActor = "customer";

    /// <summary>Meta's timestamp of the customer's latest message that counts for the 24-hour window.</summary>
    [Id(20)]
    public DateTimeOffset? LastUserMessageAt { get; set; }

    [Id(21)]
    public long ReadUpTo { get; set; }

    [Id(22)]
    public int UnreadCount { get; set; }

    [Id(23)]
    public string? AssignedTo { get; set; }

    [Id(24)]
    public bool IsClosed { get; set; }

    [Id(25)]
    public ContactConsent Consent { get; set; } = ContactConsent.Initial;

    /// <summary>Timestamp of the customer message that last triggered an away message.</summary>
    [Id(26)]
    public DateTimeOffset? LastAwayMessageAt { get; set; }

    [Id(28)]
    public DateTimeOffset? LastActivityAt { get; set; }

    public CustomerServiceWindow Window => new(LastUserMessageAt);

    /// <summary>Applies the inbox events; false for events this part does not own.</summary>
    private bool ApplyWorkflow(ConversationEvent @event)
    {
        switch (@event)
        {
            case ConversationMarkedRead read when read.UpToSequence > ReadUpTo:
                ReadUpTo = read.UpToSequence;
                UnreadCount = Messages.Count(message => message.Sequence > ReadUpTo && IsUnreadCandidate(message));
                return true;
            case ConversationMarkedRead:
                return true;
            case ConversationAssigned assigned:
                AssignedTo = assigned.Agent;
                return true;
            case ConversationClosed:
                IsClosed = true;
                return true;
            case ConversationReopened:
                IsClosed = false;
                return true;
            case ConsentChanged consent:
                Consent = Consent.Apply(consent.Change, consent.At);
                return true;
            case AutoReplyQueued reply:
                QueueReply(reply);
                return true;
            default:
                return false;
        }
    }

    /// <summary>What a stored inbound message changes in the inbox (called once per new message).</summary>
    private void TrackInbound(InboundMessage message)
    {
        LastActivityAt = Max(LastActivityAt, message.Timestamp);
        if (!MessageTypes.IsUserMessage(message.Type))
        {
            return;
        }

        LastUserMessageAt = Window.After(message.Type, message.Timestamp).LastUserMessageAt;
        UnreadCount++;
        IsClosed = false;
    }

    private void QueueReply(AutoReplyQueued reply)
    {
        if (MessageIds.Contains(reply.MessageId))
        {
            return;
        }

        if (reply.Kind == AutoReplyKind.AwayMessage)
        {
            LastAwayMessageAt = Max(LastAwayMessageAt, reply.InReplyToSentAt);
        }

        // The reply's id doubles as its idempotency key: it is derived from the inbound wamid.
        Queue(new MessageQueued(reply.MessageId, reply.MessageId, reply.To, new TextContent(reply.Text), SendLane.Live, ReplyTo: null)
        {
            RecordedAt = reply.RecordedAt,
        });
    }

    /// <summary>Mirrors Meta's <c>user_preferences</c> marketing stop/resume into the consent.</summary>
    private void TrackPreference(PreferenceReport preference)
    {
        if (ContactConsent.TryParseUserPreference(preference.Category, preference.Value, out var change))
        {
            Consent = Consent.Apply(change, preference.Timestamp);
        }
    }

    private static bool IsUnreadCandidate(MessageRecord message) =>
        message.Direction == MessageDirection.Inbound && MessageTypes.IsUserMessage(message.Type);

    private static DateTimeOffset? Max(DateTimeOffset? current, DateTimeOffset candidate) =>
        current is { } known && known >= candidate ? known : candidate;
}
