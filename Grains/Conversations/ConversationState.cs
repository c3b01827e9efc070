using WaApp.EventSourcing.Grains;
using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Events;

namespace WaApp.Grains.Conversations;

/// <summary>
/// A conversation rebuilt from its events. Plain get/set properties: it is also the JSON snapshot the event store
/// keeps every few events. Each flow applies its own events: <c>.Ingest.cs</c> (what the customer and Meta send),
/// <c>.AgentActions.cs</c> (what agents do) and <c>.Outbox.cs</c> (the business's messages).
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

    [Id(28)]
    public DateTimeOffset? LastActivityAt { get; set; }

    public bool Contains(string messageId) => MessageIds.Contains(messageId);

    public MessageRecord? Find(string messageId)
    {
        _byId ??= Messages.ToDictionary(message => message.Id, StringComparer.Ordinal);
        return _byId.GetValueOrDefault(messageId);
    }

    public void Apply(ConversationEvent @event)
    {
        if (!ApplyIngest(@event) && !ApplyAgentAction(@event) && !ApplyOutbox(@event) && !ApplyIdentity(@event))
        {
            throw new InvalidOperationException($"ConversationState has no rule for {@event.GetType().Name}.");
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

    private static DateTimeOffset? Max(DateTimeOffset? current, DateTimeOffset candidate) =>
        current is { } known && known >= candidate ? known : candidate;
}
