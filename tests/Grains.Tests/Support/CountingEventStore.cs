using System.Collections.Concurrent;
using WaApp.DynamoDB.EventStore;
using WaApp.EventSourcing.Storage;

namespace WaApp.Grains.Tests.Support;

/// <summary>
/// The silos' event store in <see cref="ClusterFixture"/>: the real DynamoDB store, counting the store operations per
/// stream (each is one DynamoDB request while a stream is short; the store's own tests check that), so a test can
/// say what a message cost without being disturbed by tests running in parallel.
/// </summary>
public sealed class CountingEventStore(DynamoDBEventStore inner) : IEventStore
{
    private static readonly ConcurrentDictionary<string, StoreOperations> Streams = new(StringComparer.Ordinal);

    public static StoreOperations For(string streamId) => Streams.GetOrAdd(streamId, static _ => new StoreOperations());

    public async Task<AppendResult> AppendAsync(
        string streamId, int expectedVersion, IReadOnlyList<StoredEvent> events, Guid batchId, AppendAttempt attempt, CancellationToken cancellationToken)
    {
        var result = await inner.AppendAsync(streamId, expectedVersion, events, batchId, attempt, cancellationToken);
        For(streamId).Count(result.Status == AppendStatus.Conflict ? StoreOperation.LostAppend : StoreOperation.Append);
        return result;
    }

    public Task<EventStreamPage> ReadAsync(string streamId, int fromVersion, int maxEvents, CancellationToken cancellationToken)
    {
        For(streamId).Count(StoreOperation.Read);
        return inner.ReadAsync(streamId, fromVersion, maxEvents, cancellationToken);
    }

    public Task<StreamTail> ReadTailAsync(string streamId, int maxCommits, CancellationToken cancellationToken)
    {
        For(streamId).Count(StoreOperation.Read);
        return inner.ReadTailAsync(streamId, maxCommits, cancellationToken);
    }

    public Task<bool> WriteSnapshotAsync(string streamId, StreamSnapshot snapshot, CancellationToken cancellationToken)
    {
        For(streamId).Count(StoreOperation.Snapshot);
        return inner.WriteSnapshotAsync(streamId, snapshot, cancellationToken);
    }

    public Task DeleteStreamAsync(string streamId, CancellationToken cancellationToken) => inner.DeleteStreamAsync(streamId, cancellationToken);
}

public enum StoreOperation
{
    Read,
    Append,
    LostAppend,
    Snapshot,
}

/// <summary>What one stream cost so far; <see cref="Take"/> returns it and starts over.</summary>
public sealed class StoreOperations
{
    private readonly int[] _counts = new int[Enum.GetValues<StoreOperation>().Length];

    public void Count(StoreOperation operation) => Interlocked.Increment(ref _counts[(int)operation]);

    /// <summary>Appends that landed since the last take, without resetting anything.</summary>
    public int Appends => Volatile.Read(ref _counts[(int)StoreOperation.Append]);

    /// <summary>Reads, appends that landed, appends that lost to a stored commit, snapshots — since the last take.</summary>
    public (int Reads, int Appends, int LostAppends, int Snapshots) Take() => (
        Interlocked.Exchange(ref _counts[(int)StoreOperation.Read], 0),
        Interlocked.Exchange(ref _counts[(int)StoreOperation.Append], 0),
        Interlocked.Exchange(ref _counts[(int)StoreOperation.LostAppend], 0),
        Interlocked.Exchange(ref _counts[(int)StoreOperation.Snapshot], 0));
}
