using Orleans.EventSourcing;
using Orleans.EventSourcing.CustomStorage;
using Orleans.Providers;
using WaApp.DynamoDB.EventStore;
using WaApp.Grains.Abstractions.Business;

namespace WaApp.Grains.Business;

/// <summary>A business account's notice log, event-sourced like conversations so a webhook is acknowledged only once durable.</summary>
[LogConsistencyProvider(ProviderName = EventSourcingConstants.LogConsistencyProviderName)]
public sealed class BusinessAccountGrain(IEventSourcedStreamFactory streams, TimeProvider clock)
    : JournaledGrain<BusinessAccountState, BusinessAccountEvent>,
      IBusinessAccountGrain,
      ICustomStorageInterface<BusinessAccountState, BusinessAccountEvent>
{
    private const int MaxLimit = 200;

    private EventSourcedStream<BusinessAccountState, BusinessAccountEvent>? _stream;

    private EventSourcedStream<BusinessAccountState, BusinessAccountEvent> Stream =>
        _stream ??= streams.Create<BusinessAccountState, BusinessAccountEvent>(
            $"business-account/{this.GetPrimaryKeyString()}",
            static (state, @event) => state.Apply(@event));

    public async Task<int> RecordAsync(IReadOnlyList<BusinessNotice> notices)
    {
        var recorded = 0;
        foreach (var notice in notices)
        {
            if (!TentativeState.Contains(notice))
            {
                RaiseEvent(new BusinessNoticeReceived(notice) { RecordedAt = clock.GetUtcNow() });
                recorded++;
            }
        }

        // Also waits for events of an earlier call that timed out: a redelivery is acknowledged once they are durable.
        await ConfirmEvents();
        return recorded;
    }

    public Task<IReadOnlyList<BusinessNotice>> GetNoticesAsync(int limit)
    {
        var notices = State.Notices;
        var count = Math.Clamp(limit, 1, MaxLimit);
        return Task.FromResult<IReadOnlyList<BusinessNotice>>(notices.Skip(Math.Max(0, notices.Count - count)).ToList());
    }

    protected override void TransitionState(BusinessAccountState state, BusinessAccountEvent @event) => state.Apply(@event);

    public Task<KeyValuePair<int, BusinessAccountState>> ReadStateFromStorage() => Stream.ReadStateFromStorageAsync();

    public Task<bool> ApplyUpdatesToStorage(IReadOnlyList<BusinessAccountEvent> updates, int expectedVersion) =>
        Stream.ApplyUpdatesToStorageAsync(updates, expectedVersion, State);
}
