using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Events;
using WaApp.Grains.Abstractions.Outbound;
using WaApp.Grains.Rules;

namespace WaApp.Grains.Conversations;

/// <summary>
/// Ingest: what the customer and Meta send (messages, reactions, statuses, preferences) and what the processing rules
/// make of a new message (the 24-hour window, consent, automatic replies).
/// </summary>
public sealed partial class ConversationState
{
    [Id(3)]
    public string? ProfileName { get; set; }

    [Id(4)]
    private Dictionary<string, DeliveryRecord>? _deliveries;

    /// <summary>Statuses of business messages by wamid, including messages this conversation has not seen yet.</summary>
    public IReadOnlyDictionary<string, DeliveryRecord> Deliveries
    {
        get => LazyCollections.View(_deliveries);
        set => _deliveries = LazyCollections.From(value);
    }

    [Id(5)]
    private Dictionary<string, ReactionRecord>? _reactions;

    /// <summary>The customer's reactions by the wamid they react to.</summary>
    public IReadOnlyDictionary<string, ReactionRecord> Reactions
    {
        get => LazyCollections.View(_reactions);
        set => _reactions = LazyCollections.From(value);
    }

    [Id(6)]
    private Dictionary<string, PreferenceRecord>? _preferences;

    /// <summary>The customer's latest choice per message category (e.g. <c>marketing_messages</c>).</summary>
    public IReadOnlyDictionary<string, PreferenceRecord> Preferences
    {
        get => LazyCollections.View(_preferences);
        set => _preferences = LazyCollections.From(value);
    }

    [Id(7)]
    private HashSet<string>? _preferenceKeys;

    /// <summary>Preference updates already recorded (category, value and time), so redeliveries are recognised.</summary>
    public IReadOnlyCollection<string> PreferenceKeys
    {
        get => (IReadOnlyCollection<string>?)_preferenceKeys ?? [];
        set => _preferenceKeys = value is { Count: > 0 } ? new HashSet<string>(value, StringComparer.Ordinal) : null;
    }

    /// <summary>Meta's timestamp of the customer's latest message that counts for the 24-hour window.</summary>
    [Id(20)]
    public DateTimeOffset? LastUserMessageAt { get; set; }

    [Id(25)]
    public ContactConsent Consent { get; set; } = ContactConsent.Initial;

    /// <summary>Timestamp of the customer message that last triggered an away message.</summary>
    [Id(26)]
    public DateTimeOffset? LastAwayMessageAt { get; set; }

    public CustomerServiceWindow Window => new(LastUserMessageAt);

    public bool HasStatus(string messageId, string status) => Deliveries.TryGetValue(messageId, out var delivery) && delivery.Has(status);

    public bool HasPreference(PreferenceReport preference) => _preferenceKeys?.Contains(PreferenceKey(preference)) == true;

    /// <summary>Applies the ingest events; false for events this flow does not own.</summary>
    private bool ApplyIngest(ConversationEvent @event)
    {
        switch (@event)
        {
            case MessageReceived received:
                Apply(received);
                return true;
            case ReactionReceived reaction:
                React(reaction.MessageId, reaction.TargetMessageId, reaction.Emoji, reaction.Timestamp);
                return true;
            case ReactionRemoved removal:
                React(removal.MessageId, removal.TargetMessageId, emoji: null, removal.Timestamp);
                return true;
            case StatusUpdated status:
                Apply(status.Report);
                return true;
            case UserPreferenceChanged preference:
                Apply(preference.Preference);
                TrackPreference(preference.Preference);
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

    private void Apply(MessageReceived received)
    {
        var message = received.Message;
        if (MessageIds.Contains(message.MessageId))
        {
            return;
        }

        AddMessage(new MessageRecord
        {
            Id = message.MessageId,
            Direction = MessageDirection.Inbound,
            Type = message.Type,
            Text = message.Text,
            Timestamp = message.Timestamp,
            Status = MessageRecord.ReceivedStatus,
            Content = message.Content,
            Sender = message.GroupId is null ? null : message.FromWaId ?? message.FromUserId,
        });

        // In a group the profile name is the sender's, not the conversation's: the group keeps its subject.
        if (message.GroupId is null)
        {
            ProfileName = message.ProfileName ?? ProfileName;
            NoteCustomerIds(message);
        }

        TrackInbound(message);
        TrackMedia(received);
    }

    /// <summary>What a stored inbound message changes in the inbox (called once per new message).</summary>
    private void TrackInbound(InboundMessage message)
    {
        LastActivityAt = Max(LastActivityAt, message.Timestamp);
        if (!MessageTypes.IsUserMessage(message.Type))
        {
            return;
        }

        // Group traffic opens no customer service window: the window is between the business and one user.
        if (message.GroupId is null)
        {
            LastUserMessageAt = Window.After(message.Type, message.Timestamp).LastUserMessageAt;
        }

        UnreadCount++;
        IsClosed = false;
    }

    private void React(string reactionId, string targetId, string? emoji, DateTimeOffset timestamp)
    {
        if (!MessageIds.Add(reactionId))
        {
            return;
        }

        // Reactions can arrive out of order: only a newer one replaces what the customer last did.
        if (Reactions.TryGetValue(targetId, out var current) && current.Timestamp > timestamp)
        {
            return;
        }

        LazyCollections.Map(ref _reactions)[targetId] = new ReactionRecord { Emoji = string.IsNullOrEmpty(emoji) ? null : emoji, Timestamp = timestamp, MessageId = reactionId };
    }

    private void Apply(StatusReport report)
    {
        if (!Deliveries.TryGetValue(report.MessageId, out var delivery))
        {
            LazyCollections.Map(ref _deliveries)[report.MessageId] = delivery = new DeliveryRecord();
        }

        delivery.Add(report);
        if (FindOutbound(report) is { Direction: MessageDirection.Outbound } message && delivery.Status is { } status)
        {
            message.Status = status;
        }
    }

    private void Apply(PreferenceReport preference)
    {
        if (!(_preferenceKeys ??= new HashSet<string>(StringComparer.Ordinal)).Add(PreferenceKey(preference)))
        {
            return;
        }

        if (!Preferences.TryGetValue(preference.Category, out var current) || current.Timestamp <= preference.Timestamp)
        {
            LazyCollections.Map(ref _preferences)[preference.Category] = new PreferenceRecord { Value = preference.Value, Timestamp = preference.Timestamp };
        }
    }

    /// <summary>Mirrors Meta's <c>user_preferences</c> marketing stop/resume into the consent.</summary>
    private void TrackPreference(PreferenceReport preference)
    {
        if (ContactConsent.TryParseUserPreference(preference.Category, preference.Value, out var change))
        {
            Consent = Consent.Apply(change, preference.Timestamp);
        }
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

        HoldIfUnsettled(reply.MessageId);
        // The reply's id doubles as its idempotency key: it is derived from the inbound wamid.
        Queue(new MessageQueued(reply.MessageId, reply.MessageId, reply.To, new TextContent(reply.Text), SendLane.Live, ReplyTo: null)
        {
            RecordedAt = reply.RecordedAt,
        });
    }

    private static string PreferenceKey(PreferenceReport preference) =>
        $"{preference.Category}|{preference.Value}|{preference.Timestamp.ToUnixTimeSeconds()}";
}
