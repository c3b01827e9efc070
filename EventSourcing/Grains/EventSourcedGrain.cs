using System.Collections.Concurrent;
using System.Reflection;
using Orleans;
using Orleans.EventSourcing;
using Orleans.EventSourcing.CustomStorage;
using Orleans.Providers;
using Orleans.Storage;
using WaApp.EventSourcing.Streams;

namespace WaApp.EventSourcing.Grains;

/// <summary>
/// A journaled grain whose log is the stream <c>{StreamKind}/{primary key}</c> of the <see cref="Storage.IEventStore"/>.
/// Holds what every event-sourced grain would otherwise repeat: the stream, the CustomStorage hand-off (reads rebuild
/// from snapshot plus events; commits pass the confirmed state so the stream can snapshot it), raising events stamped
/// with the time they were recorded, and the events confirmed since a grain last reported them.
/// <para>
/// A grain that overrides <see cref="AssumesNewStream"/> does not read its stream on activation: it assumes the stream
/// is new (empty, version 0), so the first commit of a new stream costs one write and no read. Decisions taken on that
/// assumption are raised conditionally and confirmed with <see cref="ConfirmDecisionsAsync"/>; if the stream exists,
/// the commit at version 0 collides and writes nothing, the stream is read, and <see cref="DecideAsync{T}"/> runs the
/// decision again on the stored state. Only methods marked <see cref="AssumesNewStreamAttribute"/> run on the
/// assumption; any other call reads the stream first.
/// </para>
/// </summary>
[LogConsistencyProvider(ProviderName = EventSourcingConstants.LogConsistencyProviderName)]
public abstract class EventSourcedGrain<TState, TEvent>
    : JournaledGrain<TState, TEvent>, ICustomStorageInterface<TState, TEvent>, IIncomingGrainCallFilter
    where TState : class, IEventSourcedState<TEvent>, new()
    where TEvent : class
{
    private readonly IEventSourcedStreamFactory _streams;

    // Events raised but not yet handed out by TakeConfirmedEvents (kept across a failed confirm); null unless the
    // grain reports its events, so grains that do not never hold on to them.
    private readonly List<TEvent>? _unreported;
    private EventSourcedStream<TState, TEvent>? _stream;

    // The confirmed state is the assumed empty state of a new stream, not one read from storage.
    private bool _assumedNew;
    private bool _readRequested;

    // A commit decided on the assumed state collided with stored events; the state has been read since.
    private bool _assumptionLost;

    protected EventSourcedGrain(IEventSourcedStreamFactory streams, TimeProvider clock, bool reportsConfirmedEvents = false)
    {
        _streams = streams;
        Clock = clock;
        _unreported = reportsConfirmedEvents ? [] : null;
    }

    protected TimeProvider Clock { get; }

    /// <summary>The first segment of the stream id, e.g. <c>conversation</c>; never change it once events are stored.</summary>
    protected abstract string StreamKind { get; }

    // The stream keeps the id it was made with; Orleans decodes the primary key into a new string on every read.
    protected string StreamId => _stream?.StreamId ?? $"{StreamKind}/{this.GetPrimaryKeyString()}";

    protected EventSourcedStream<TState, TEvent> Stream =>
        _stream ??= _streams.Create<TState, TEvent>(StreamId, static (state, @event) => state.Apply(@event));

    // Events that record something not worth a write of their own: they ride with the next event raised.
    private List<TEvent>? _riders;

    /// <summary>
    /// Raises <paramref name="event"/> together with the next event this activation raises, in the same commit: for a
    /// fact worth keeping but not worth a write (a later activation that never sees it must be able to work it out
    /// again). Lost if the activation ends before it raises anything else.
    /// </summary>
    protected void RaiseWithNextCommit(TEvent @event) => (_riders ??= []).Add(@event);

    /// <summary>Raises <paramref name="event"/> stamped with the current time; it is durable once confirmed.</summary>
    protected void Raise(TEvent @event)
    {
        if (_riders is { } riders)
        {
            _riders = null;
            foreach (var rider in riders)
            {
                RaiseStamped(rider);
            }
        }

        RaiseStamped(@event);
    }

    private void RaiseStamped(TEvent @event)
    {
        var stamped = Stamp(@event, Clock.GetUtcNow());
        if (_assumedNew)
        {
            // Conditional: if the stream is not new after all, the adaptor drops it instead of resubmitting it on
            // the stored state (DecideAsync takes the decision again). Its outcome is read from ConfirmDecisionsAsync.
            _ = RaiseConditionalEvent(stamped);
        }
        else
        {
            RaiseEvent(stamped);
        }

        _unreported?.Add(stamped);
    }

    /// <summary>The bytes <paramref name="event"/> takes in a commit; check it before raising an event that might not fit.</summary>
    protected int SerializedSize(TEvent @event) => Stream.SerializedSize(@event);

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
        if (_unreported.Count == 0)
        {
            // An idle activation keeps no array sized for its largest batch (152 bytes after ten events).
            _unreported.Capacity = 0;
        }

        return events;
    }

    /// <summary>
    /// The state with the events raised and not yet confirmed applied: <c>State</c> itself while there are none.
    /// Orleans' tentative view is a deep copy of the whole confirmed state, made again on the first read after every
    /// commit; a call that reads it before it raises anything (a webhook's duplicate check) would copy every message of
    /// the conversation to learn what the confirmed state already says.
    /// </summary>
    protected new TState TentativeState => UnconfirmedEvents.Any() ? base.TentativeState : State;

    /// <summary>Whether activations skip reading the stream and assume it new until a commit or a call says otherwise.</summary>
    protected virtual bool AssumesNewStream => false;

    /// <summary>Runs once the stored state is known: right after activation, or after the read an assumption deferred.</summary>
    protected virtual Task OnStateReadAsync() => Task.CompletedTask;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        if (!_assumedNew)
        {
            await OnStateReadAsync();
        }
    }

    /// <summary>
    /// Runs <paramref name="decide"/>, which raises events and confirms them with <see cref="ConfirmDecisionsAsync"/>.
    /// On an activation that assumed a new stream, a decision whose commit collides (the stream exists) is dropped
    /// unwritten and taken again on the stored state; one that wrote nothing is taken again after reading, so no
    /// answer ever rests on the assumption.
    /// </summary>
    protected async Task<T> DecideAsync<T>(Func<Task<T>> decide)
    {
        ArgumentNullException.ThrowIfNull(decide);
        if (!_assumedNew)
        {
            return await decide();
        }

        try
        {
            var result = await decide();
            if (!_assumedNew)
            {
                return result;
            }

            await ReadAssumedStateAsync();
        }
        catch (AssumptionLostException)
        {
            _assumptionLost = false;
            await OnStateReadAsync();
        }

        return await decide();
    }

    /// <summary>
    /// <see cref="JournaledGrain{TState,TEvent}.ConfirmEvents"/> for decisions: throws to <see cref="DecideAsync{T}"/>
    /// when they were taken on an assumed state that turned out wrong, so nothing after it acts on them.
    /// </summary>
    protected async Task ConfirmDecisionsAsync()
    {
        await ConfirmEvents();
        if (_assumptionLost)
        {
            throw new AssumptionLostException();
        }
    }

    protected override void TransitionState(TState state, TEvent @event) => state.Apply(@event);

    /// <summary>Installs Orleans' adaptor with one shared empty state instead of a copy per activation (see <see cref="SharedInitialState{TState}"/>).</summary>
    protected override void InstallAdaptor(
        ILogViewAdaptorFactory factory, object initialState, string graintypename, IGrainStorage? grainStorage, ILogConsistencyProtocolServices services) =>
        base.InstallAdaptor(factory, initialState, graintypename, grainStorage, new SharedInitialState<TState>(services, initialState));

    public Task<KeyValuePair<int, TState>> ReadStateFromStorage()
    {
        if (AssumesNewStream && !_readRequested && !Stream.IsKnownToExist)
        {
            // The activation's read: assume a new stream; the first commit (at version 0) tells whether it was. A
            // stream this process knows to exist (a returning customer) is read instead: one read, not a lost write.
            _readRequested = true;
            _assumedNew = true;
            return Task.FromResult(new KeyValuePair<int, TState>(0, new TState()));
        }

        _readRequested = true;
        _assumedNew = false;
        return Stream.ReadStateFromStorageAsync();
    }

    public async Task<bool> ApplyUpdatesToStorage(IReadOnlyList<TEvent> updates, int expectedVersion)
    {
        var stored = await Stream.ApplyUpdatesToStorageAsync(updates, expectedVersion, State);
        if (_assumedNew)
        {
            // Stored at version 0: the stream was new and the assumption is its true state. Not stored: the adaptor
            // reads the stream next and drops these conditional events, so none of them is reported.
            _assumedNew = false;
            _assumptionLost = !stored;
            if (!stored)
            {
                _unreported?.Clear();
            }
        }
        else if (stored)
        {
            // The stream read empty after all (deleted meanwhile), so the adaptor kept the events and they landed.
            _assumptionLost = false;
        }

        return stored;
    }

    async Task IIncomingGrainCallFilter.Invoke(IIncomingGrainCallContext context)
    {
        if (_assumedNew && !RunsOnAssumedState(context.ImplementationMethod))
        {
            await ReadAssumedStateAsync();
        }

        await context.Invoke();
    }

    // Whether a method is marked [AssumesNewStream], read once per method: reflection on every call a new stream's
    // activation takes (every new customer's webhook) cost more than the rest of the filter.
    private static readonly ConcurrentDictionary<MethodInfo, bool> AssumingMethods = new();

    private static bool RunsOnAssumedState(MethodInfo? method) =>
        method is not null
        && AssumingMethods.GetOrAdd(method, static method => method.GetCustomAttribute<AssumesNewStreamAttribute>() is not null);

    private async Task ReadAssumedStateAsync()
    {
        await RefreshNow();
        await OnStateReadAsync();
    }

    /// <summary>Decisions taken on the assumed state lost to stored events; thrown to <see cref="DecideAsync{T}"/> only.</summary>
    private sealed class AssumptionLostException : Exception;
}
