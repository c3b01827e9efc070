namespace WaApp.EventSourcing.Storage;

/// <summary>One event as stored: its stable type name and its JSON.</summary>
public sealed record StoredEvent(string TypeName, string Json);

/// <summary>A stored event with its position in the stream and the commit it belongs to.</summary>
public sealed record RecordedEvent(int Version, StoredEvent Event, Guid BatchId, DateTimeOffset CommittedAt);

/// <summary>A page of a stream. Continue with <see cref="NextVersion"/> until <see cref="IsEndOfStream"/>.</summary>
public sealed record EventStreamPage(IReadOnlyList<RecordedEvent> Events, int NextVersion, bool IsEndOfStream);

/// <summary>A stream's state as JSON after <see cref="Version"/> events.</summary>
public sealed record StreamSnapshot(int Version, string Json);

/// <summary>
/// The end of a stream as one read finds it: the latest snapshot (if any) and every event after it, in order. When
/// <see cref="IsComplete"/> is false, more events follow the snapshot than one read returns: page on with
/// <see cref="IEventStore.ReadAsync"/> from the snapshot's version (or 0); <see cref="Events"/> is then empty.
/// </summary>
public sealed record StreamTail(StreamSnapshot? Snapshot, IReadOnlyList<RecordedEvent> Events, bool IsComplete);

/// <summary>Whether an earlier try of the same commit may have landed, which decides what a lost race costs.</summary>
public enum AppendAttempt
{
    /// <summary>The batch id is new: a taken version is a plain conflict, reported without reading anything.</summary>
    First,

    /// <summary>An earlier try's outcome is unknown: a taken version is checked for this batch id.</summary>
    Resubmission,
}

public enum AppendStatus
{
    /// <summary>The commit was written now.</summary>
    Appended,

    /// <summary>An earlier try with the same batch id had already written this commit; nothing was written.</summary>
    AlreadyAppended,

    /// <summary>Another commit holds that version: the caller's view of the stream is stale.</summary>
    Conflict,
}

public readonly record struct AppendResult(AppendStatus Status)
{
    public bool Succeeded => Status is AppendStatus.Appended or AppendStatus.AlreadyAppended;
}

/// <summary>Stored events contradict the stream's invariants (a gap, an overlap or an unknown type).</summary>
public sealed class EventStreamCorruptedException(string message, Exception? innerException = null) : Exception(message, innerException);

/// <summary>A snapshot is larger than the store can hold; the stream is replayed from an older one instead.</summary>
public sealed class SnapshotTooLargeException(string message) : Exception(message);
