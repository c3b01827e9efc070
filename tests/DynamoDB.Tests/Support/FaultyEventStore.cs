using WaApp.EventSourcing.Storage;

namespace WaApp.DynamoDB.Tests.Support;

/// <summary>
/// Wraps a real store. <see cref="LoseNextAppendResponse"/> makes the next append land and then throw, like a
/// response lost on the network; it also counts the events read, to see how much a replay costs.
/// </summary>
public sealed class FaultyEventStore(IEventStore inner) : IEventStore
{
    public bool LoseNextAppendResponse { get; set; }

    public int EventsRead { get; private set; }

    public async Task<AppendResult> AppendAsync(
        string streamId, int expectedVersion, IReadOnlyList<StoredEvent> events, Guid batchId, AppendAttempt attempt, CancellationToken cancellationToken)
    {
        var result = await inner.AppendAsync(streamId, expectedVersion, events, batchId, attempt, cancellationToken);
        if (LoseNextAppendResponse)
        {
            LoseNextAppendResponse = false;
            throw new TimeoutException("The append's response was lost.");
        }

        return result;
    }

    public async Task<EventStreamPage> ReadAsync(string streamId, int fromVersion, int maxEvents, CancellationToken cancellationToken)
    {
        var page = await inner.ReadAsync(streamId, fromVersion, maxEvents, cancellationToken);
        EventsRead += page.Events.Count;
        return page;
    }

    public async Task<StreamTail> ReadTailAsync(string streamId, int maxCommits, CancellationToken cancellationToken)
    {
        var tail = await inner.ReadTailAsync(streamId, maxCommits, cancellationToken);
        EventsRead += tail.Events.Count;
        return tail;
    }

    public Task<bool> WriteSnapshotAsync(string streamId, StreamSnapshot snapshot, CancellationToken cancellationToken) =>
        inner.WriteSnapshotAsync(streamId, snapshot, cancellationToken);

    public Task DeleteStreamAsync(string streamId, CancellationToken cancellationToken) => inner.DeleteStreamAsync(streamId, cancellationToken);
}
