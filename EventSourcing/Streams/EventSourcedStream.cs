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
    private readonly ILogger _logger;

    // A commit whose outcome is unknown because the append threw; the adaptor will resubmit the same events.
    private InDoubtCommit? _inDoubt;

    internal EventSourcedStream(
        string streamId,
        Action<TState, TEvent> apply,
        IEventStore store,
        EventTypeMap<TEvent> types,
        EventSourcedStreamOptions settings,
        ILogger logger)
    {
        StreamId = streamId;
        _apply = apply;
        _store = store;
        _types = types;
        _settings = settings;
        _logger = logger;
    }

    public string StreamId { get; }

    private bool SnapshotsEnabled => _settings.SnapshotInterval > 0;

    /// <summary>The stream's version (number of events) and its state: latest snapshot plus the events after it.</summary>
    public async Task<KeyValuePair<int, TState>> ReadStateFromStorageAsync(CancellationToken cancellationToken = default)
    {
        var state = new TState();
        var version = 0;
        if (SnapshotsEnabled && await _store.ReadSnapshotAsync(StreamId, cancellationToken) is { } snapshot)
        {
            state = JsonSerializer.Deserialize<TState>(snapshot.Json, _settings.SerializerOptions) ?? new TState();
            version = snapshot.Version;
        }

        List<TEvent>? withheld = null;
        var from = version;
        while (true)
        {
            var page = await _store.ReadAsync(StreamId, from, _settings.ReadPageSize, cancellationToken);
            foreach (var recorded in page.Events)
            {
                var @event = _types.Deserialize(recorded.Event, _settings.SerializerOptions);
                if (_inDoubt is { } doubt && recorded.BatchId == doubt.BatchId)
                {
                    (withheld ??= []).Add(@event);
                    continue;
                }

                if (withheld is not null)
                {
                    // Another writer committed after our in-doubt commit, so it is plain history now.
                    LogInDoubtCommitFollowed(_logger, StreamIdMask.Mask(StreamId));
                    ApplyAll(state, withheld);
                    version += withheld.Count;
                    withheld = null;
                    _inDoubt = null;
                }

                _apply(state, @event);
                version = recorded.Version + 1;
            }

            if (page.IsEndOfStream)
            {
                break;
            }

            from = page.NextVersion;
        }

        // When our in-doubt commit landed and is the last one, report the version before it: the adaptor then
        // resubmits the same events at that version and the append recognises its own batch id, so the events are
        // counted once.
        return new KeyValuePair<int, TState>(version, state);
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

        await WriteSnapshotIfDueAsync(confirmedState, updates, expectedVersion, cancellationToken);
        return true;
    }

    private async Task<bool> AppendUpdatesAsync(IReadOnlyList<TEvent> updates, int expectedVersion, CancellationToken cancellationToken)
    {
        if (_inDoubt is { } doubt && doubt.ExpectedVersion == expectedVersion && StartsWith(updates, doubt.Events))
        {
            if (!await AppendAsync(doubt.Events, doubt.BatchId, expectedVersion, cancellationToken))
            {
                return false;
            }

            return updates.Count == doubt.Events.Length
                || await AppendAsync(updates.Skip(doubt.Events.Length).ToArray(), Guid.NewGuid(), expectedVersion + doubt.Events.Length, cancellationToken);
        }

        _inDoubt = null;
        return await AppendAsync(updates.ToArray(), Guid.NewGuid(), expectedVersion, cancellationToken);
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

    private async Task<bool> AppendAsync(TEvent[] events, Guid batchId, int expectedVersion, CancellationToken cancellationToken)
    {
        var stored = events.Select(e => _types.Serialize(e, _settings.SerializerOptions)).ToList();
        AppendResult result;
        try
        {
            result = await _store.AppendAsync(StreamId, expectedVersion, stored, batchId, cancellationToken);
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
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Snapshots only shorten replays; the events are already safe.
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream {StreamId}: a commit whose outcome was unknown landed and another writer committed after it")]
    private static partial void LogInDoubtCommitFollowed(ILogger logger, string streamId);

    private sealed record InDoubtCommit(Guid BatchId, TEvent[] Events, int ExpectedVersion);
}
