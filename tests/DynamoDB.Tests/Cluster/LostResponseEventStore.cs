using WaApp.DynamoDB.EventStore;
using WaApp.EventSourcing.Storage;

namespace WaApp.DynamoDB.Tests.Cluster;

/// <summary>
/// The silos' event store in the TestCluster: the real one, except that after <see cref="LoseNextAppendResponse"/>
/// the next append lands and then throws, like a response lost on the network.
/// </summary>
public sealed class LostResponseEventStore(DynamoDBEventStore inner) : IEventStore
{
    private static int s_loseNext;

    public static void LoseNextAppendResponse() => Volatile.Write(ref s_loseNext, 1);

    public async Task<AppendResult> AppendAsync(
        string streamId, int expectedVersion, IReadOnlyList<StoredEvent> events, Guid batchId, AppendAttempt attempt, CancellationToken cancellationToken)
    {
        var result = await inner.AppendAsync(streamId, expectedVersion, events, batchId, attempt, cancellationToken);
        if (Interlocked.Exchange(ref s_loseNext, 0) == 1)
        {
            throw new TimeoutException("The append's response was lost.");
        }

        return result;
    }

    public Task<EventStreamPage> ReadAsync(string streamId, int fromVersion, int maxEvents, CancellationToken cancellationToken) =>
        inner.ReadAsync(streamId, fromVersion, maxEvents, cancellationToken);

    public Task<StreamTail> ReadTailAsync(string streamId, int maxCommits, CancellationToken cancellationToken) =>
        inner.ReadTailAsync(streamId, maxCommits, cancellationToken);

    public Task<bool> WriteSnapshotAsync(string streamId, StreamSnapshot snapshot, CancellationToken cancellationToken) =>
        inner.WriteSnapshotAsync(streamId, snapshot, cancellationToken);

    public Task DeleteStreamAsync(string streamId, CancellationToken cancellationToken) => inner.DeleteStreamAsync(streamId, cancellationToken);
}
