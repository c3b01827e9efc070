namespace WaApp.EventSourcing.Storage;

/// <summary>
/// Append-only event streams with optimistic concurrency. Payload-agnostic: events are stored as type name + JSON.
/// A stream's version is the number of events in it; the first event has version 0.
/// </summary>
public interface IEventStore
{
    /// <summary>
    /// Appends <paramref name="events"/> as one commit if the stream is at <paramref name="expectedVersion"/>
    /// (a version the caller read as the end of the stream, or 0 for a stream it assumes new). A
    /// <see cref="AppendAttempt.Resubmission"/> with the same <paramref name="batchId"/> of a commit that already landed
    /// reports <see cref="AppendStatus.AlreadyAppended"/> and writes nothing.
    /// </summary>
    Task<AppendResult> AppendAsync(
        string streamId, int expectedVersion, IReadOnlyList<StoredEvent> events, Guid batchId, AppendAttempt attempt, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="maxEvents"/> events with version &gt;= <paramref name="fromVersion"/>, in order.</summary>
    Task<EventStreamPage> ReadAsync(string streamId, int fromVersion, int maxEvents, CancellationToken cancellationToken);

    /// <summary>
    /// The latest snapshot and the events after it, in one round trip when at most <paramref name="maxCommits"/>
    /// commits follow the snapshot (what an activation reads).
    /// </summary>
    Task<StreamTail> ReadTailAsync(string streamId, int maxCommits, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a snapshot unless a snapshot of the same or a later version exists; returns whether it was stored.
    /// Throws <see cref="SnapshotTooLargeException"/> when the store cannot hold it (the events stay the truth).
    /// </summary>
    Task<bool> WriteSnapshotAsync(string streamId, StreamSnapshot snapshot, CancellationToken cancellationToken);

    /// <summary>Deletes the stream's events and snapshot.</summary>
    Task DeleteStreamAsync(string streamId, CancellationToken cancellationToken);
}
