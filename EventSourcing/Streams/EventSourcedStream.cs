using System.Text.Json;
using Microsoft.Extensions.Logging;
using WaApp.EventSourcing.Storage;

namespace WaApp.EventSourcing.Streams;

/// <summary>
/// The storage side of one event-sourced grain: what its <c>ICustomStorageInterface</c> delegates to.
/// Reads rebuild the state from the latest snapshot plus the events after it; appends are one conditional commit.
/// Not thread-safe: one activation owns one instance.
/// </summary>
public sealed partial class EventSourcedStream<TState, TEvent>
    where TState : class, new()
    where TEvent : class
{
    private readonly Action<TState, TEvent> _apply;
    private readonly IEventStore _store;
    private readonly EventTypeMap<TEvent> _types;
    private readonly EventSourcedStreamOptions _settings;
    private readonly KnownStreams _known;
    private readonly ILogger _logger;

    // A commit whose outcome is unknown because the append threw; the adaptor will resubmit the same events.
    private InDoubtCommit? _inDoubt;

    internal EventSourcedStream(
        string streamId,
        Action<TState, TEvent> apply,
        IEventStore store,
        EventTypeMap<TEvent> types,
        EventSourcedStreamOptions settings,
        KnownStreams known,
        ILogger logger)
    {
        StreamId = streamId;
        _apply = apply;
        _store = store;
        _types = types;
        _settings = settings;
        _known = known;
        _logger = logger;
    }

    public string StreamId { get; }

    /// <summary>Whether this process has seen the stream hold events (a hint: see <see cref="KnownStreams"/>).</summary>
    public bool IsKnownToExist => _known.Contains(StreamId);

    private bool SnapshotsEnabled => _settings.SnapshotInterval > 0;

    /// <summary>
    /// The stream's version (number of events) and its state: latest snapshot plus the events after it, read in one
    /// round trip unless more commits follow the snapshot than one read returns.
    /// </summary>
    public async Task<KeyValuePair<int, TState>> ReadStateFromStorageAsync(CancellationToken cancellationToken = default)
    {
        var replay = new Replay(this);
        if (SnapshotsEnabled)
        {
            var tail = await _store.ReadTailAsync(StreamId, Math.Min(_settings.SnapshotInterval + 1, _settings.ReadPageSize), cancellationToken);
            if (tail.Snapshot is { } snapshot)
            {
                replay.Start(JsonSerializer.Deserialize<TState>(snapshot.Json, _settings.SerializerOptions) ?? new TState(), snapshot.Version);
            }

            if (tail.IsComplete)
            {
                replay.ApplyAll(tail.Events);
                return Remembered(replay.Result());
            }
        }

        var from = replay.Version;
        while (true)
        {
            var page = await _store.ReadAsync(StreamId, from, _settings.ReadPageSize, cancellationToken);
            replay.ApplyAll(page.Events);
            if (page.IsEndOfStream)
            {
                return Remembered(replay.Result());
            }

            from = page.NextVersion;
        }
    }

    /// <summary>
    /// Appends <paramref name="updates"/> if the stream is at <paramref name="expectedVersion"/>; false on a conflict.
    /// A resubmission of a batch whose earlier try threw is idempotent. <paramref name="confirmedState"/> is the
    /// caller's state at <paramref name="expectedVersion"/> (a JournaledGrain's <c>State</c>); it is only read, to build
    /// a snapshot when this commit crosses a snapshot boundary, so the stream keeps no copy of the state of its own.
    /// </summary>
    public async Task<bool> ApplyUpdatesToStorageAsync(
        IReadOnlyList<TEvent> updates, int expectedVersion, TState confirmedState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updates);
        ArgumentNullException.ThrowIfNull(confirmedState);
        if (updates.Count == 0)
        {
            return true;
        }

        if (!await AppendUpdatesAsync(updates, expectedVersion, cancellationToken))
        {
            return false;
        }

        _known.Add(StreamId);

        await WriteSnapshotIfDueAsync(confirmedState, updates, expectedVersion, cancellationToken);
        return true;
    }

    private async Task<bool> AppendUpdatesAsync(IReadOnlyList<TEvent> updates, int expectedVersion, CancellationToken cancellationToken)
    {
        if (_inDoubt is { } doubt && doubt.ExpectedVersion == expectedVersion && StartsWith(updates, doubt.Events))
        {
            if (!await AppendAsync(doubt.Events, doubt.BatchId, AppendAttempt.Resubmission, expectedVersion, cancellationToken))
            {
                return false;
            }

            return updates.Count == doubt.Events.Length
                || await AppendAsync(updates.Skip(doubt.Events.Length).ToArray(), Guid.NewGuid(), AppendAttempt.First, expectedVersion + doubt.Events.Length, cancellationToken);
        }

        _inDoubt = null;
        return await AppendAsync(updates.ToArray(), Guid.NewGuid(), AppendAttempt.First, expectedVersion, cancellationToken);
    }

    /// <summary>The bytes <paramref name="event"/> takes in a commit, serialized exactly as the store will receive it.</summary>
    public int SerializedSize(TEvent @event)
    {
        var stored = _types.Serialize(@event, _settings.SerializerOptions);
        return System.Text.Encoding.UTF8.GetByteCount(stored.Json) + stored.TypeName.Length;
    }

    private KeyValuePair<int, TState> Remembered(KeyValuePair<int, TState> read)
    {
        if (read.Key > 0)
        {
            _known.Add(StreamId);
        }

        return read;
    }

    /// <summary>Confirmed events from <paramref name="fromVersion"/> on, at most <paramref name="maxCount"/> (history, audit trail).</summary>
    public async Task<IReadOnlyList<(int Version, TEvent Event)>> ReadEventsAsync(int fromVersion, int maxCount, CancellationToken cancellationToken = default)
    {
        var page = await _store.ReadAsync(StreamId, fromVersion, maxCount, cancellationToken);
        return page.Events.Select(e => (e.Version, _types.Deserialize(e.Event, _settings.SerializerOptions))).ToList();
    }

    /// <summary>Deletes every event and the snapshot of this stream.</summary>
    public async Task ClearStoredStateAsync(CancellationToken cancellationToken = default)
    {
        await _store.DeleteStreamAsync(StreamId, cancellationToken);
        _inDoubt = null;
    }

    private async Task<bool> AppendAsync(TEvent[] events, Guid batchId, AppendAttempt attempt, int expectedVersion, CancellationToken cancellationToken)
    {
        var stored = events.Select(e => _types.Serialize(e, _settings.SerializerOptions)).ToList();
        AppendResult result;
        try
        {
            result = await _store.AppendAsync(StreamId, expectedVersion, stored, batchId, attempt, cancellationToken);
        }
        catch (Exception exception) when (exception is not InvalidOperationException and not ArgumentException)
        {
            // The write may or may not have landed; remember the batch id so a resubmission is recognised.
            _inDoubt = new InDoubtCommit(batchId, events, expectedVersion);
            throw;
        }

        _inDoubt = null;
        return result.Succeeded;
    }

    private async Task WriteSnapshotIfDueAsync(TState confirmedState, IReadOnlyList<TEvent> events, int expectedVersion, CancellationToken cancellationToken)
    {
        var interval = _settings.SnapshotInterval;
        var version = expectedVersion + events.Count;
        if (interval <= 0 || version / interval == expectedVersion / interval)
        {
            return;
        }

        try
        {
            // A copy, because the caller applies these events to its own state once the commit is confirmed.
            var snapshot = Clone(confirmedState);
            ApplyAll(snapshot, events);
            var json = JsonSerializer.Serialize(snapshot, _settings.SerializerOptions);
            await _store.WriteSnapshotAsync(StreamId, new StreamSnapshot(version, json), cancellationToken);
        }
        catch (SnapshotTooLargeException exception)
        {
            // Activations of this stream replay from the previous snapshot (or the start) until the state shrinks.
            EventStreamMetrics.SnapshotTooLarge();
            LogSnapshotTooLarge(_logger, exception, StreamIdMask.Mask(StreamId), version);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Snapshots only shorten replays; the events are already safe. Counted, so a store that keeps refusing them
            // (and replays that keep growing) shows on a dashboard rather than only in logs.
            EventStreamMetrics.SnapshotFailed();
            LogSnapshotFailed(_logger, exception, StreamIdMask.Mask(StreamId), version);
        }
    }

    private void ApplyAll(TState state, IEnumerable<TEvent> events)
    {
        foreach (var @event in events)
        {
            _apply(state, @event);
        }
    }

    private TState Clone(TState state) =>
        JsonSerializer.Deserialize<TState>(JsonSerializer.Serialize(state, _settings.SerializerOptions), _settings.SerializerOptions) ?? new TState();

    private static bool StartsWith(IReadOnlyList<TEvent> updates, TEvent[] prefix)
    {
        if (updates.Count < prefix.Length)
        {
            return false;
        }

        for (var i = 0; i < prefix.Length; i++)
        {
            if (!ReferenceEquals(updates[i], prefix[i]))
            {
                return false;
            }
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Snapshot of stream {StreamId} at version {Version} could not be written")]
    private static partial void LogSnapshotFailed(ILogger logger, Exception exception, string streamId, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Snapshot of stream {StreamId} at version {Version} is too large to store; activations replay more events")]
    private static partial void LogSnapshotTooLarge(ILogger logger, Exception exception, string streamId, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream {StreamId}: a commit whose outcome was unknown landed and another writer committed after it")]
    private static partial void LogInDoubtCommitFollowed(ILogger logger, string streamId);

    private sealed record InDoubtCommit(Guid BatchId, TEvent[] Events, int ExpectedVersion);

    /// <summary>Folds read events into a state, holding back this stream's in-doubt commit while it is the last one.</summary>
    private sealed class Replay(EventSourcedStream<TState, TEvent> stream)
    {
        private TState _state = new();
        private List<TEvent>? _withheld;

        public int Version { get; private set; }

        public void Start(TState state, int version) => (_state, Version) = (state, version);

        public void ApplyAll(IReadOnlyList<RecordedEvent> events)
        {
            foreach (var recorded in events)
            {
                var @event = stream._types.Deserialize(recorded.Event, stream._settings.SerializerOptions);
                if (stream._inDoubt is { } doubt && recorded.BatchId == doubt.BatchId)
                {
                    (_withheld ??= []).Add(@event);
                    continue;
                }

                if (_withheld is not null)
                {
                    // Another writer committed after our in-doubt commit, so it is plain history now.
                    LogInDoubtCommitFollowed(stream._logger, StreamIdMask.Mask(stream.StreamId));
                    stream.ApplyAll(_state, _withheld);
                    Version += _withheld.Count;
                    _withheld = null;
                    stream._inDoubt = null;
                }

                stream._apply(_state, @event);
                Version = recorded.Version + 1;
            }
        }

        // When our in-doubt commit landed and is the last one, report the version before it: the adaptor then
        // resubmits the same events at that version and the append recognises its own batch id, so the events are
        // counted once.
        public KeyValuePair<int, TState> Result() => new(Version, _state);
    }
}
