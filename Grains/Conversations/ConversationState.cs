using WaApp.EventSourcing.Grains;
using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Events;

namespace WaApp.Grains.Conversations;

/// <summary>
/// A conversation rebuilt from its events. Plain get/set properties: it is also the JSON snapshot the event store
/// keeps every few events.
/// </summary>
[GenerateSerializer, Alias("waapp.ConversationState")]
public sealed partial class ConversationState : IEventSourcedState<ConversationEvent>
{
    /// <summary>
    /// How many of the newest messages keep their text and content in memory. Older ones keep what dedupe, statuses,
    /// reactions and paging need (id, sequence, type, status, time); a page that reaches them reads their content
    /// back from the event store. This bounds the state's size, its snapshot, and the copy JournaledGrain makes of
    /// it after every commit.
    /// </summary>
    public const int RecentContentLimit = 200;

    // An index of Messages, rebuilt on demand: not part of the stored or serialized state.
    [NonSerialized]
    private Dictionary<string, MessageRecord>? _byId;

    // Set only on a state rebuilt to read old messages back: it compacts nothing.
    [NonSerialized]
    private bool _keepsAllContent;

    /// <summary>A state to replay events into when older messages' content is needed; never stored.</summary>
    public static ConversationState ForHistory() => new() { _keepsAllContent = true };

    /// <summary>Messages in arrival order; <see cref="MessageRecord.Sequence"/> is 1-based.</summary>
    [Id(0)]
    public List<MessageRecord> Messages { get; set; } = [];

    /// <summary>Every wamid this conversation has stored (messages and reactions), so redeliveries are recognised.</summary>
    [Id(1)]
    public HashSet<string> MessageIds { get; set; } = new(StringComparer.Ordinal);

    [Id(3)]
    public string? ProfileName { get; set; }

    /// <summary>Statuses of business messages by wamid, including messages this conversation has not seen yet.</summary>
    [Id(4)]
    public Dictionary<string, DeliveryRecord> Deliveries { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The customer's reactions by the wamid they react to.</summary>
    [Id(5)]
    public Dictionary<string, ReactionRecord> Reactions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The customer's latest choice per message category (e.g. <c>marketing_messages</c>).</summary>
    [Id(6)]
    public Dictionary<string, PreferenceRecord> Preferences { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Preference updates already recorded (category, value and time), so redeliveries are recognised.</summary>
    [Id(7)]
    public HashSet<string> PreferenceKeys { get; set; } = new(StringComparer.Ordinal);

    public bool Contains(string messageId) => MessageIds.Contains(messageId);

    public bool HasStatus(string messageId, string status) => Deliveries.TryGetValue(messageId, out var delivery) && delivery.Has(status);

    public bool HasPreference(PreferenceReport preference) => PreferenceKeys.Contains(PreferenceKey(preference));

    public MessageRecord? Find(string messageId)
    {
        _byId ??= Messages.ToDictionary(message => message.Id, StringComparer.Ordinal);
        return _byId.GetValueOrDefault(messageId);
    }

    public void Apply(ConversationEvent @event)
    {
        switch (@event)
        {
            case MessageReceived received:
                Apply(received);
                break;
            case ReactionReceived reaction:
                React(reaction.MessageId, reaction.TargetMessageId, reaction.Emoji, reaction.Timestamp);
                break;
            case ReactionRemoved removal:
                React(removal.MessageId, removal.TargetMessageId, emoji: null, removal.Timestamp);
                break;
            case StatusUpdated status:
                Apply(status.Report);
                break;
            case UserPreferenceChanged preference:
                Apply(preference.Preference);
                TrackPreference(preference.Preference);
                break;
            case var outbound when ApplyOutbox(outbound):
                break;
            default:
                if (!ApplyWorkflow(@event))
                {
                    throw new InvalidOperationException($"ConversationState has no rule for {@event.GetType().Name}.");
                }

                break;
        }
    }

    /// <summary>
    /// Adds a message to the conversation; statuses Meta reported before the message was known are applied now.
    /// Every event that brings a message (inbound or outbound) goes through here.
    /// </summary>
    public void AddMessage(MessageRecord message)
    {
        if (!MessageIds.Add(message.Id))
        {
            return;
        }

        message.Sequence = Messages.Count + 1;
        if (message.Direction == MessageDirection.Outbound && Deliveries.TryGetValue(message.Id, out var delivery) && delivery.Status is { } status)
        {
            message.Status = status;
        }

        Messages.Add(message);
        _byId?.TryAdd(message.Id, message);
        var leavingRecent = Messages.Count - RecentContentLimit - 1;
        if (leavingRecent >= 0 && !_keepsAllContent)
        {
            Messages[leavingRecent].Compact();
        }
    }

    /// <summary>The message as agents see it, with its delivery details and the customer's reaction.</summary>
    public MessageView View(MessageRecord message)
    {
        var delivery = Deliveries.GetValueOrDefault(WamidOf(message));
        var reaction = Reactions.GetValueOrDefault(message.Id)?.Emoji;
        return message.ToView() with
        {
            Content = message.Content,
            StatusTimes = delivery?.StatusTimes.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal),
            Errors = delivery is { Errors.Count: > 0 } ? [.. delivery.Errors] : SendErrors(message),
            Reaction = reaction,
        };
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
        });
        ProfileName = message.ProfileName ?? ProfileName;
        TrackInbound(message);
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

        Reactions[targetId] = new ReactionRecord { Emoji = string.IsNullOrEmpty(emoji) ? null : emoji, Timestamp = timestamp, MessageId = reactionId };
    }

    private void Apply(StatusReport report)
    {
        if (!Deliveries.TryGetValue(report.MessageId, out var delivery))
        {
            Deliveries[report.MessageId] = delivery = new DeliveryRecord();
        }

        delivery.Add(report);
        if (FindOutbound(report) is { Direction: MessageDirection.Outbound } message && delivery.Status is { } status)
        {
            message.Status = status;
        }
    }

    private void Apply(PreferenceReport preference)
    {
        if (!PreferenceKeys.Add(PreferenceKey(preference)))
        {
            return;
        }

        if (!Preferences.TryGetValue(preference.Category, out var current) || current.Timestamp <= preference.Timestamp)
        {
            Preferences[preference.Category] = new PreferenceRecord { Value = preference.Value, Timestamp = preference.Timestamp };
        }
    }

    private static string PreferenceKey(PreferenceReport preference) =>
        $"{preference.Category}|{preference.Value}|{preference.Timestamp.ToUnixTimeSeconds()}";
}
