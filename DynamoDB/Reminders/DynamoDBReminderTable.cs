using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using WaApp.DynamoDB.Options;
using WaApp.DynamoDB.Tables;
using static WaApp.DynamoDB.Tables.ReminderAttributes;

namespace WaApp.DynamoDB.Reminders;

/// <summary>
/// Reminders in the official DynamoDB layout (both GSIs declared at CreateTable), with start times in an invariant
/// round-trip format; ring ranges are read from the ServiceId/GrainHash index, including the wrap-around case.
/// </summary>
public sealed class DynamoDBReminderTable(
    IOptions<DynamoDBReminderStorageOptions> options,
    IOptions<ClusterOptions> clusterOptions,
    DynamoDBClientProvider clients,
    ILogger<DynamoDBReminderTable> logger) : IReminderTable
{
    private readonly DynamoDBReminderStorageOptions _options = options.Value;
    private readonly string _serviceId = clusterOptions.Value.ServiceId;
    private readonly IAmazonDynamoDB _client = clients.GetClient(options.Value);

    private string TableName => _options.TableName;

    public Task StartAsync(CancellationToken cancellationToken = default) =>
        DynamoDBTableManager.EnsureTableAsync(_client, WaAppTables.Reminders(TableName), _options, logger, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    [Obsolete("Use StartAsync.")]
    public Task Init() => StartAsync(CancellationToken.None);

    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    public async Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken)
    {
        var items = await DynamoDBBatchWriter.QueryAllAsync(_client, new QueryRequest
        {
            TableName = TableName,
            IndexName = ServiceIdGrainReferenceIndex,
            KeyConditionExpression = "#sid = :sid AND #g = :g",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#sid"] = ServiceId, ["#g"] = ReminderAttributes.GrainReference },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":sid"] = new(_serviceId), [":g"] = new(grainId.ToString()) },
        }, cancellationToken);
        return new ReminderTableData(items.Select(Decode).ToList());
    }

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    /// <summary>The ring range (begin, end]; when begin &gt;= end the range wraps around zero.</summary>
    public async Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken)
    {
        var entries = new List<ReminderEntry>();
        if (begin < end)
        {
            entries.AddRange(await QueryRingAsync("#h BETWEEN :low AND :high", begin + 1L, end, cancellationToken));
        }
        else
        {
            entries.AddRange(await QueryRingAsync("#h > :low", begin, null, cancellationToken));
            entries.AddRange(await QueryRingAsync("#h <= :high", null, end, cancellationToken));
        }

        return new ReminderTableData(entries);
    }

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => ReadRow(grainId, reminderName, CancellationToken.None);

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        var response = await _client.GetItemAsync(new GetItemRequest
        {
            TableName = TableName,
            Key = Key(grainId, reminderName),
            ConsistentRead = true,
        }, cancellationToken);
        return response.Item is { Count: > 0 } item ? Decode(item) : null;
    }

    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    public async Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        var etag = Random.Shared.Next().ToString(CultureInfo.InvariantCulture);
        var item = Key(entry.GrainId, entry.ReminderName);
        item[ServiceId] = new(_serviceId);
        item[ReminderAttributes.GrainReference] = new(entry.GrainId.ToString());
        item[ReminderName] = new(entry.ReminderName);
        item[StartTime] = new(entry.StartAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        item[Period] = new(entry.Period.ToString("c", CultureInfo.InvariantCulture));
        item[ETag] = new() { N = etag };
        await _client.PutItemAsync(new PutItemRequest { TableName = TableName, Item = item }, cancellationToken);
        return etag;
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        if (!long.TryParse(eTag, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            return false;
        }

        try
        {
            await _client.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = TableName,
                Key = Key(grainId, reminderName),
                ConditionExpression = "#e = :e",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#e"] = ETag },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":e"] = new() { N = eTag } },
            }, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    public Task TestOnlyClearTable() => TestOnlyClearTable(CancellationToken.None);

    /// <summary>Deletes this service's reminders only (other services may share the table).</summary>
    public async Task TestOnlyClearTable(CancellationToken cancellationToken)
    {
        var keys = await DynamoDBBatchWriter.QueryAllAsync(_client, new QueryRequest
        {
            TableName = TableName,
            IndexName = ServiceIdIndex,
            KeyConditionExpression = "#sid = :sid",
            ProjectionExpression = "#id, #h",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#sid"] = ServiceId, ["#id"] = ReminderId, ["#h"] = GrainHash },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":sid"] = new(_serviceId) },
        }, cancellationToken);
        await DynamoDBBatchWriter.DeleteAsync(_client, TableName, keys, cancellationToken);
    }

    private async Task<List<ReminderEntry>> QueryRingAsync(string hashCondition, long? low, long? high, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, AttributeValue> { [":sid"] = new(_serviceId) };
        if (low is { } l)
        {
            values[":low"] = new() { N = l.ToString(CultureInfo.InvariantCulture) };
        }

        if (high is { } h)
        {
            values[":high"] = new() { N = h.ToString(CultureInfo.InvariantCulture) };
        }

        var items = await DynamoDBBatchWriter.QueryAllAsync(_client, new QueryRequest
        {
            TableName = TableName,
            IndexName = ServiceIdIndex,
            KeyConditionExpression = "#sid = :sid AND " + hashCondition,
            ExpressionAttributeNames = new Dictionary<string, string> { ["#sid"] = ServiceId, ["#h"] = GrainHash },
            ExpressionAttributeValues = values,
        }, cancellationToken);
        return items.Select(Decode).ToList();
    }

    private Dictionary<string, AttributeValue> Key(GrainId grainId, string reminderName) => new()
    {
        [ReminderId] = new($"{_serviceId}_{grainId}_{reminderName}"),
        [GrainHash] = new() { N = grainId.GetUniformHashCode().ToString(CultureInfo.InvariantCulture) },
    };

    private static ReminderEntry Decode(Dictionary<string, AttributeValue> item) => new()
    {
        GrainId = GrainId.Parse(item[ReminderAttributes.GrainReference].S),
        ReminderName = item[ReminderName].S,
        StartAt = ParseStartTime(item[StartTime].S),
        Period = TimeSpan.Parse(item[Period].S, CultureInfo.InvariantCulture),
        ETag = item[ETag].N,
    };

    /// <summary>Our round-trip format, or the culture-dependent format the official provider wrote.</summary>
    private static DateTime ParseStartTime(string value) =>
        DateTime.TryParseExact(value, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var roundTrip)
            ? roundTrip.ToUniversalTime()
            : DateTime.Parse(value, CultureInfo.CurrentCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
