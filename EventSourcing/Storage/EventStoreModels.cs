namespace WaApp.EventSourcing.Storage;

/// <summary>One event as stored: its stable type name and its JSON.</summary>
public sealed record StoredEvent(string TypeName, string Json);

/// <summary>A stored event with its position in the stream and the commit it belongs to.</summary>
public sealed record RecordedEvent(int Version, StoredEvent Event, Guid BatchId, DateTimeOffset CommittedAt);

/// <summary>A page of a stream. Continue with <see cref="NextVersion"/> until <see cref="IsEndOfStream"/>.</summary>
public sealed record EventStreamPage(IReadOnlyList<RecordedEvent> Events, int NextVersion, bool IsEndOfStream);

/// <summary>A stream's state as JSON after <see cref="Version"/> events.</summary>
public sealed record StreamSnapshot(int Version, string Json);

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
