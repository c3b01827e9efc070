using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using WaApp.DynamoDB.Options;
using WaApp.DynamoDB.Tables;
using WaApp.EventSourcing.Storage;
using WaApp.EventSourcing.Streams;

namespace WaApp.DynamoDB.EventStore;

/// <summary>
/// The event store on DynamoDB without transactions: one item per commit, keyed by the stream version before the
/// commit and written with attribute_not_exists, so two writers from the same version collide on the same item.
/// The latest snapshot is one item of the stream's own partition, keyed <see cref="SnapshotSortKey"/> so that it sorts
/// after every commit: one newest-first query finds it together with the commits after it.
/// </summary>
public sealed partial class DynamoDBEventStore(
    IOptions<DynamoDBEventStoreOptions> options,
    DynamoDBClientProvider clients,
    TimeProvider timeProvider,
    ILogger<DynamoDBEventStore> logger,
    IStreamActivityKeys? activityKeys = null) : IEventStore, IStreamActivityIndex, ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>The sort key of a stream's snapshot item: above every commit's version, so it is read first newest-first.</summary>
    public const int SnapshotSortKey = int.MaxValue;

    // DynamoDB's item limit less room for the keys and the other attributes.
    private const int MaxSnapshotBytes = (400 * 1024) - 1024;

    private readonly DynamoDBEventStoreOptions _options = options.Value;
    private readonly IAmazonDynamoDB _client = clients.GetClient(options.Value);

    // The one write a webhook costs goes out without the SDK's pipeline (DirectPutItem says why).
    private readonly DirectPutItem _putItem = clients.GetDirectPutItem(options.Value);

    private string TableName => _options.TableName;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(DynamoDBEventStore), ServiceLifecycleStage.RuntimeStorageServices, InitializeAsync);

    /// <summary>Creates the event table when configured to.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken) =>
        DynamoDBTableManager.EnsureTableAsync(_client, WaAppTables.Events(_options.TableName), _options, logger, cancellationToken);

    public async Task<AppendResult> AppendAsync(
        string streamId, int expectedVersion, IReadOnlyList<StoredEvent> events, Guid batchId, AppendAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            throw new ArgumentException("A commit needs at least one event.", nameof(events));
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((long)expectedVersion + events.Count, SnapshotSortKey, nameof(expectedVersion));

        var batch = batchId.ToString("N");

        // An indexed stream's commits carry their activity key: the index costs the append no extra store operation.
        var activityKey = activityKeys?.ActivityKeyOf(streamId) is { } key ? ActivityPartitionKey(key, ActivityPartitionOf(streamId)) : null;
        var commit = new CommitItem(
            TableName, streamId, expectedVersion, batch, timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture), events, activityKey);

        try
        {
            var written = await _putItem.PutAsync(commit, cancellationToken);
            if (written)
            {
                return new AppendResult(AppendStatus.Appended);
            }

            if (attempt == AppendAttempt.First)
            {
                // A new batch id cannot be on a stored commit: someone else holds this version. Nothing to read.
                LogConflict(logger, StreamIdMask.Mask(streamId), expectedVersion);
                return new AppendResult(AppendStatus.Conflict);
            }

            // Someone holds this version: us on an earlier try (same batch id), or a competing writer.
            var existing = await _client.GetItemAsync(new GetItemRequest
            {
                TableName = TableName,
                Key = CommitKey(streamId, expectedVersion),
                ConsistentRead = true,
                ProjectionExpression = "#b",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#b"] = EventAttributes.BatchId },
            }, cancellationToken);

            var ours = existing.Item is not null && existing.Item.TryGetValue(EventAttributes.BatchId, out var stored) && stored.S == batch;
            if (!ours)
            {
                LogConflict(logger, StreamIdMask.Mask(streamId), expectedVersion);
            }

            return new AppendResult(ours ? AppendStatus.AlreadyAppended : AppendStatus.Conflict);
        }
        catch (AmazonDynamoDBException exception) when (IsItemTooLarge(exception))
        {
            throw new InvalidOperationException(
                $"The commit of {events.Count} events to stream '{StreamIdMask.Mask(streamId)}' exceeds DynamoDB's 400 KB item limit; commit fewer or smaller events.");
        }
    }

    public async Task<EventStreamPage> ReadAsync(string streamId, int fromVersion, int maxEvents, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        ArgumentOutOfRangeException.ThrowIfNegative(fromVersion);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEvents);

        var events = new List<RecordedEvent>(Math.Min(maxEvents, 1024));
        var next = fromVersion;
        var startKey = await StartOfCommitContainingAsync(streamId, fromVersion, cancellationToken);
        var request = new QueryRequest
        {
            TableName = TableName,
            ConsistentRead = true,
            KeyConditionExpression = "#s = :s AND #v BETWEEN :v AND :last",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#s"] = EventAttributes.StreamId, ["#v"] = EventAttributes.Version },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                [":s"] = new(streamId),
                [":v"] = Number(startKey),
                [":last"] = Number(SnapshotSortKey - 1),
            },
            Limit = Math.Min(maxEvents, 1000),
        };

        var expectedCommit = startKey;
        while (true)
        {
            var response = await _client.QueryAsync(request, cancellationToken);
            var items = response.Items ?? [];
            for (var index = 0; index < items.Count; index++)
            {
                var commit = Commit.From(streamId, items[index]);
                if (commit.Version != expectedCommit)
                {
                    throw new EventStreamCorruptedException(
                        $"Stream '{StreamIdMask.Mask(streamId)}' has a gap or an overlap: expected a commit at version {expectedCommit}, found one at {commit.Version}.");
                }

                expectedCommit = commit.Version + commit.Events.Count;
                for (var i = Math.Max(0, fromVersion - commit.Version); i < commit.Events.Count; i++)
                {
                    var version = commit.Version + i;
                    events.Add(new RecordedEvent(version, commit.Events[i], commit.BatchId, commit.CommittedAt));
                    next = version + 1;
                    if (events.Count == maxEvents)
                    {
                        var more = i < commit.Events.Count - 1 || index < items.Count - 1 || response.LastEvaluatedKey is { Count: > 0 };
                        return new EventStreamPage(events, next, IsEndOfStream: !more);
                    }
                }
            }

            if (response.LastEvaluatedKey is not { Count: > 0 } last)
            {
                return new EventStreamPage(events, next, IsEndOfStream: true);
            }

            request.ExclusiveStartKey = last;
        }
    }

    public async Task<StreamTail> ReadTailAsync(string streamId, int maxCommits, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCommits);

        // Newest first: the snapshot item (it sorts after every commit), then the commits down to the one it covers.
        var response = await _client.QueryAsync(new QueryRequest
        {
            TableName = TableName,
            ConsistentRead = true,
            KeyConditionExpression = "#s = :s",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#s"] = EventAttributes.StreamId },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":s"] = new(streamId) },
            ScanIndexForward = false,
            Limit = maxCommits + 1,
        }, cancellationToken);

        StreamSnapshot? snapshot = null;
        var from = 0;
        var newestFirst = new List<Commit>();
        var reachedSnapshot = false;
        foreach (var item in response.Items ?? [])
        {
            if (int.Parse(item[EventAttributes.Version].N, CultureInfo.InvariantCulture) == SnapshotSortKey)
            {
                snapshot = ReadSnapshot(streamId, item);
                from = snapshot.Version;
                continue;
            }

            var commit = Commit.From(streamId, item);
            if (commit.Version + commit.Events.Count <= from)
            {
                reachedSnapshot = true;
                break;
            }

            newestFirst.Add(commit);
            if (commit.Version <= from)
            {
                reachedSnapshot = true;
                break;
            }
        }

        if (!reachedSnapshot && response.LastEvaluatedKey is { Count: > 0 })
        {
            // More commits follow the snapshot than one read returns: the caller pages forward from it.
            return new StreamTail(snapshot, [], IsComplete: false);
        }

        var events = new List<RecordedEvent>();
        var expectedCommit = newestFirst.Count > 0 ? Math.Min(newestFirst[^1].Version, from) : from;
        for (var index = newestFirst.Count - 1; index >= 0; index--)
        {
            var commit = newestFirst[index];
            if (commit.Version != expectedCommit)
            {
                throw new EventStreamCorruptedException(
                    $"Stream '{StreamIdMask.Mask(streamId)}' has a gap or an overlap: expected a commit at version {expectedCommit}, found one at {commit.Version}.");
            }

            expectedCommit = commit.Version + commit.Events.Count;
            for (var i = Math.Max(0, from - commit.Version); i < commit.Events.Count; i++)
            {
                events.Add(new RecordedEvent(commit.Version + i, commit.Events[i], commit.BatchId, commit.CommittedAt));
            }
        }

        return new StreamTail(snapshot, events, IsComplete: true);
    }

    public async Task<bool> WriteSnapshotAsync(string streamId, StreamSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        ArgumentNullException.ThrowIfNull(snapshot);
        if (System.Text.Encoding.UTF8.GetByteCount(snapshot.Json) > MaxSnapshotBytes)
        {
            throw TooLarge(streamId, snapshot);
        }

        var item = CommitKey(streamId, SnapshotSortKey);
        item[EventAttributes.SnapshotVersion] = Number(snapshot.Version);
        item[EventAttributes.SnapshotState] = new(snapshot.Json);
        try
        {
            await _client.PutItemAsync(new PutItemRequest
            {
                TableName = TableName,
                Item = item,
                ConditionExpression = "attribute_not_exists(#s) OR #sv < :sv",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#s"] = EventAttributes.StreamId, ["#sv"] = EventAttributes.SnapshotVersion },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":sv"] = Number(snapshot.Version) },
            }, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
        catch (AmazonDynamoDBException exception) when (IsItemTooLarge(exception))
        {
            throw TooLarge(streamId, snapshot);
        }
    }

    public async IAsyncEnumerable<StreamActivity> ReadActivityAsync(
        string activityKey, DateTimeOffset since, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(activityKey);
        var from = since.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
        for (var partition = 0; partition < _options.ActivityIndexPartitions; partition++)
        {
            var request = new QueryRequest
            {
                TableName = TableName,
                IndexName = EventAttributes.ActivityIndex,
                KeyConditionExpression = "#k = :k AND #t >= :t",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#k"] = EventAttributes.ActivityKey, ["#t"] = EventAttributes.CommittedAt },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    [":k"] = new(ActivityPartitionKey(activityKey, partition)),
                    [":t"] = new(from),
                },
            };

            while (true)
            {
                QueryResponse response;
                try
                {
                    response = await _client.QueryAsync(request, cancellationToken);
                }
                catch (AmazonDynamoDBException exception) when (IsMissingIndex(exception))
                {
                    // A table created before the index, on a store that cannot add one to an existing table (dynalite).
                    LogActivityIndexMissing(logger, TableName);
                    yield break;
                }

                foreach (var item in response.Items ?? [])
                {
                    yield return new StreamActivity(
                        item[EventAttributes.StreamId].S,
                        int.Parse(item[EventAttributes.Version].N, CultureInfo.InvariantCulture),
                        DateTimeOffset.Parse(item[EventAttributes.CommittedAt].S, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
                }

                if (response.LastEvaluatedKey is not { Count: > 0 } last)
                {
                    break;
                }

                request.ExclusiveStartKey = last;
            }
        }
    }

    /// <summary>Deletes every item of the stream's partition: its commits and its snapshot.</summary>
    public async Task DeleteStreamAsync(string streamId, CancellationToken cancellationToken)
    {
        var keys = await DynamoDBBatchWriter.QueryAllAsync(_client, new QueryRequest
        {
            TableName = TableName,
            ConsistentRead = true,
            KeyConditionExpression = "#s = :s",
            ProjectionExpression = "#s, #v",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#s"] = EventAttributes.StreamId, ["#v"] = EventAttributes.Version },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":s"] = new(streamId) },
        }, cancellationToken);
        await DynamoDBBatchWriter.DeleteAsync(_client, TableName, keys, cancellationToken);
    }

    /// <summary>The version of the commit that holds <paramref name="fromVersion"/> (commits are keyed by their first version).</summary>
    private async Task<int> StartOfCommitContainingAsync(string streamId, int fromVersion, CancellationToken cancellationToken)
    {
        if (fromVersion == 0)
        {
            return 0;
        }

        var response = await _client.QueryAsync(new QueryRequest
        {
            TableName = TableName,
            ConsistentRead = true,
            KeyConditionExpression = "#s = :s AND #v <= :v",
            ProjectionExpression = "#v, #e, #t",
            ExpressionAttributeNames = new Dictionary<string, string>
            {
                ["#s"] = EventAttributes.StreamId,
                ["#v"] = EventAttributes.Version,
                ["#e"] = EventAttributes.Events,
                ["#t"] = EventAttributes.EventType,
            },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":s"] = new(streamId), [":v"] = Number(fromVersion) },
            ScanIndexForward = false,
            Limit = 1,
        }, cancellationToken);

        if (response.Items is not { Count: > 0 } items)
        {
            return fromVersion;
        }

        var start = int.Parse(items[0][EventAttributes.Version].N, CultureInfo.InvariantCulture);
        var count = Commit.EventCount(items[0]);
        return start + count > fromVersion ? start : start + count;
    }

    private static Dictionary<string, AttributeValue> CommitKey(string streamId, int version) => new()
    {
        [EventAttributes.StreamId] = new(streamId),
        [EventAttributes.Version] = Number(version),
    };

    private static StreamSnapshot ReadSnapshot(string streamId, Dictionary<string, AttributeValue> item)
    {
        if (!item.TryGetValue(EventAttributes.SnapshotVersion, out var version) || !item.TryGetValue(EventAttributes.SnapshotState, out var state) || state.S is null)
        {
            throw new EventStreamCorruptedException($"The snapshot of stream '{StreamIdMask.Mask(streamId)}' is malformed.");
        }

        return new StreamSnapshot(int.Parse(version.N, CultureInfo.InvariantCulture), state.S);
    }

    private static SnapshotTooLargeException TooLarge(string streamId, StreamSnapshot snapshot) =>
        new($"The snapshot of stream '{StreamIdMask.Mask(streamId)}' at version {snapshot.Version} exceeds DynamoDB's 400 KB item limit.");

    // FNV-1a: stable across processes (string.GetHashCode is not), so a stream always lands in the same partition.
    private int ActivityPartitionOf(string streamId)
    {
        var hash = 2166136261u;
        foreach (var c in streamId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)_options.ActivityIndexPartitions);
    }

    private static string ActivityPartitionKey(string activityKey, int partition) =>
        string.Create(CultureInfo.InvariantCulture, $"{activityKey}#{partition}");

    private static bool IsMissingIndex(AmazonDynamoDBException exception) =>
        exception.ErrorCode == "ValidationException" && exception.Message.Contains("index", StringComparison.OrdinalIgnoreCase);

    private static AttributeValue Number(int value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    internal static bool IsItemTooLarge(AmazonDynamoDBException exception) =>
        exception.ErrorCode == "ValidationException" && exception.Message.Contains("size has exceeded", StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event table {TableName} has no activity index: recovery after a crash cannot find recent conversations; recreate the table or add the index")]
    private static partial void LogActivityIndexMissing(ILogger logger, string tableName);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Append to stream {StreamId} at version {ExpectedVersion} lost to another commit")]
    private static partial void LogConflict(ILogger logger, string streamId, int expectedVersion);

    private sealed record Commit(int Version, Guid BatchId, DateTimeOffset CommittedAt, IReadOnlyList<StoredEvent> Events)
    {
        public static Commit From(string streamId, Dictionary<string, AttributeValue> item)
        {
            try
            {
                IReadOnlyList<StoredEvent> events = item.TryGetValue(EventAttributes.Events, out var list)
                    ? list.L.Select(e => new StoredEvent(e.M[EventAttributes.EventType].S, e.M[EventAttributes.EventData].S)).ToList()
                    : [new StoredEvent(item[EventAttributes.EventType].S, item[EventAttributes.EventData].S)];
                return new Commit(
                    int.Parse(item[EventAttributes.Version].N, CultureInfo.InvariantCulture),
                    Guid.ParseExact(item[EventAttributes.BatchId].S, "N"),
                    DateTimeOffset.Parse(item[EventAttributes.CommittedAt].S, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                    events);
            }
            catch (Exception exception) when (exception is KeyNotFoundException or FormatException or NullReferenceException or ArgumentNullException)
            {
                throw new EventStreamCorruptedException($"A commit of stream '{StreamIdMask.Mask(streamId)}' is malformed.", exception);
            }
        }

        // A commit of several events lists them; one of a single event holds it in top-level attributes (CommitItem).
        public static int EventCount(Dictionary<string, AttributeValue> item) =>
            item.TryGetValue(EventAttributes.Events, out var list) ? list.L?.Count ?? 0
            : item.ContainsKey(EventAttributes.EventType) ? 1
            : 0;
    }
}
