using Orleans.EventSourcing;
using Orleans.EventSourcing.CustomStorage;
using Orleans.Providers;
using WaApp.DynamoDB.EventStore;
using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Events;

namespace WaApp.Grains.Conversations;

/// <summary>
/// One business number and one customer, event-sourced on the DynamoDB event store: every call confirms its events
/// before it returns, so a webhook is acknowledged only once what it carried is durable.
/// </summary>
[LogConsistencyProvider(ProviderName = EventSourcingConstants.LogConsistencyProviderName)]
public sealed partial class ConversationGrain(IEventSourcedStreamFactory streams, TimeProvider clock)
    : JournaledGrain<ConversationState, ConversationEvent>,
      IConversationGrain,
      ICustomStorageInterface<ConversationState, ConversationEvent>
{
    private const int MaxPageSize = 200;

    private EventSourcedStream<ConversationState, ConversationEvent>? _stream;

    private EventSourcedStream<ConversationState, ConversationEvent> Stream =>
        _stream ??= streams.Create<ConversationState, ConversationEvent>(
            $"conversation/{this.GetPrimaryKeyString()}",
            static (state, @event) => state.Apply(@event));

    public async Task<IngestResult> IngestAsync(IReadOnlyList<ConversationUpdate> updates)
    {
        var applied = 0;
        var duplicates = 0;
        foreach (var update in updates)
        {
            // TentativeState already holds what earlier updates of this batch raised, so in-batch repeats dedupe too.
            if (ToEvent(update) is { } @event)
            {
                RaiseEvent(@event with { RecordedAt = clock.GetUtcNow() });
                applied++;
            }
            else
            {
                duplicates++;
            }
        }

        // Also waits for events an earlier, timed-out call raised: a redelivery is acknowledged only once the
        // original is durable.
        await ConfirmEvents();
        return new IngestResult(applied, duplicates, Version);
    }

    public Task<MessagePage?> GetMessagesAsync(MessagePageQuery query)
    {
        var messages = State.Messages;
        if (Version == 0 || messages.Count == 0)
        {
            return Task.FromResult<MessagePage?>(null);
        }

        var limit = Math.Clamp(query.Limit, 1, MaxPageSize);
        var end = query.Before is { } before ? (int)Math.Clamp(before - 1, 0, messages.Count) : messages.Count;
        var start = Math.Max(0, end - limit);
        var items = messages.GetRange(start, end - start).ConvertAll(State.View);
        long? olderBefore = start > 0 ? messages[start].Sequence : null;
        return Task.FromResult<MessagePage?>(new MessagePage(items, olderBefore));
    }

    // The event an update adds to the log, or null when the log already has it (a redelivery).
    private ConversationEvent? ToEvent(ConversationUpdate update) => update switch
    {
        InboundMessage message when TentativeState.Contains(message.MessageId) => null,
        InboundMessage { Content.Reaction: { TargetMessageId: { Length: > 0 } target } reaction } message => reaction.IsRemoval
            ? new ReactionRemoved(message.MessageId, target, message.Timestamp, message.RawJson)
            : new ReactionReceived(message.MessageId, target, reaction.Emoji!, message.Timestamp, message.RawJson),
        InboundMessage message => new MessageReceived(message),
        StatusReport status when TentativeState.HasStatus(status.MessageId, status.Status) => null,
        StatusReport status => new StatusUpdated(status),
        PreferenceReport preference when TentativeState.HasPreference(preference) => null,
        PreferenceReport preference => new UserPreferenceChanged(preference),
        _ => null,
    };

    protected override void TransitionState(ConversationState state, ConversationEvent @event) => state.Apply(@event);

    public Task<KeyValuePair<int, ConversationState>> ReadStateFromStorage() => Stream.ReadStateFromStorageAsync();

    public Task<bool> ApplyUpdatesToStorage(IReadOnlyList<ConversationEvent> updates, int expectedVersion) =>
        Stream.ApplyUpdatesToStorageAsync(updates, expectedVersion);
}
