using Orleans;
using Orleans.EventSourcing;
using Orleans.EventSourcing.CustomStorage;
using Orleans.Providers;
using WaApp.EventSourcing.Streams;

namespace WaApp.EventSourcing.Grains;

/// <summary>
/// A journaled grain whose log is the stream <c>{StreamKind}/{primary key}</c> of the <see cref="Storage.IEventStore"/>.
/// Holds what every event-sourced grain would otherwise repeat: the stream, the CustomStorage hand-off (reads rebuild
/// from snapshot plus events; commits pass the confirmed state so the stream can snapshot it), raising events stamped
/// with the time they were recorded, and the events confirmed since a grain last reported them.
/// </summary>
[LogConsistencyProvider(ProviderName = EventSourcingConstants.LogConsistencyProviderName)]
public abstract class EventSourcedGrain<TState, TEvent>
    : JournaledGrain<TState, TEvent>, ICustomStorageInterface<TState, TEvent>
    where TState : class, IEventSourcedState<TEvent>, new()
    where TEvent : class
{
    private readonly IEventSourcedStreamFactory _streams;

    // Events raised but not yet handed out by TakeConfirmedEvents (kept across a failed confirm); null unless the
    // grain reports its events, so grains that do not never hold on to them.
    private readonly List<TEvent>? _unreported;
    private EventSourcedStream<TState, TEvent>? _stream;

    protected EventSourcedGrain(IEventSourcedStreamFactory streams, TimeProvider clock, bool reportsConfirmedEvents = false)
    {
        _streams = streams;
        Clock = clock;
        _unreported = reportsConfirmedEvents ? [] : null;
    }

    protected TimeProvider Clock { get; }

    /// <summary>The first segment of the stream id, e.g. <c>conversation</c>; never change it once events are stored.</summary>
    protected abstract string StreamKind { get; }

    protected string StreamId => $"{StreamKind}/{this.GetPrimaryKeyString()}";

    protected EventSourcedStream<TState, TEvent> Stream =>
        _stream ??= _streams.Create<TState, TEvent>(StreamId, static (state, @event) => state.Apply(@event));

    /// <summary>Raises <paramref name="event"/> stamped with the current time; it is durable once confirmed.</summary>
    protected void Raise(TEvent @event)
    {
        var stamped = Stamp(@event, Clock.GetUtcNow());
        RaiseEvent(stamped);
        _unreported?.Add(stamped);
    }

    /// <summary>The event with its recorded-at time set (events are immutable records: <c>e with { RecordedAt = at }</c>).</summary>
    protected abstract TEvent Stamp(TEvent @event, DateTimeOffset recordedAt);

    /// <summary>
    /// The events this activation raised that are confirmed and were not taken before, oldest first. Events raised
    /// meanwhile stay for a later call, so the versions a report derives from <c>Version</c> are exact.
    /// </summary>
    protected IReadOnlyList<TEvent> TakeConfirmedEvents()
    {
        if (_unreported is null)
        {
            throw new InvalidOperationException($"{GetType().Name} does not report its events; pass reportsConfirmedEvents: true.");
        }

        var confirmed = _unreported.Count - UnconfirmedEvents.Count();
        if (confirmed <= 0)
        {
            return [];
        }

        var events = _unreported.GetRange(0, confirmed);
        _unreported.RemoveRange(0, confirmed);
        return events;
    }

    protected override void TransitionState(TState state, TEvent @event) => state.Apply(@event);

    public Task<KeyValuePair<int, TState>> ReadStateFromStorage() => Stream.ReadStateFromStorageAsync();

    public Task<bool> ApplyUpdatesToStorage(IReadOnlyList<TEvent> updates, int expectedVersion) =>
        Stream.ApplyUpdatesToStorageAsync(updates, expectedVersion, State);
}
