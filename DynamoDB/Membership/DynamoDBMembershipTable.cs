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
using static WaApp.DynamoDB.Tables.MembershipAttributes;

namespace WaApp.DynamoDB.Membership;

/// <summary>
/// Cluster membership without transactions: the cluster's <c>VersionRow</c> item holds the table version, its ETag
/// and every silo row, so InsertRow and UpdateRow are one conditional write that changes row and version together.
/// IAmAlive times go to per-silo <c>alive#{silo}</c> items so liveness writes never contend with the protocol item.
/// </summary>
public sealed partial class DynamoDBMembershipTable(
    IOptions<DynamoDBClusteringOptions> options,
    IOptions<ClusterOptions> clusterOptions,
    DynamoDBClientProvider clients,
    ILogger<DynamoDBMembershipTable> logger) : IMembershipTable
{
    private readonly DynamoDBClusteringOptions _options = options.Value;
    private readonly string _clusterId = clusterOptions.Value.ClusterId;
    private readonly IAmazonDynamoDB _client = clients.GetClient(options.Value);

    private string TableName => _options.TableName;

    public async Task InitializeMembershipTableAsync(bool tryInitTableVersion, CancellationToken cancellationToken = default)
    {
        await DynamoDBTableManager.EnsureTableAsync(_client, WaAppTables.Membership(TableName), _options, logger, cancellationToken);
        if (!tryInitTableVersion)
        {
            return;
        }

        try
        {
            await _client.PutItemAsync(new PutItemRequest
            {
                TableName = TableName,
                Item = new Dictionary<string, AttributeValue>
                {
                    [DeploymentId] = new(_clusterId),
                    [SiloIdentity] = new(VersionRowKey),
                    [MembershipAttributes.MembershipVersion] = MembershipRowCodec.Number(0),
                    [ETag] = MembershipRowCodec.Number(0),
                    [Silos] = new() { M = [], IsMSet = true },
                },
                ConditionExpression = "attribute_not_exists(#d)",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#d"] = DeploymentId },
            }, cancellationToken);
            LogVersionRowCreated(logger, _clusterId, TableName);
        }
        catch (ConditionalCheckFailedException)
        {
            // Another silo initialized the cluster first.
        }
    }

    public async Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = await ReadClusterAsync(cancellationToken);
        return new MembershipTableData(snapshot.Rows, snapshot.Version);
    }

    public async Task<MembershipTableData> ReadRowAsync(SiloAddress key, CancellationToken cancellationToken = default)
    {
        var snapshot = await ReadClusterAsync(cancellationToken);
        return new MembershipTableData(snapshot.Rows.Where(r => r.Item1.SiloAddress.Equals(key)).ToList(), snapshot.Version);
    }

    public async Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion tableVersion, CancellationToken cancellationToken = default)
    {
        if (!int.TryParse(tableVersion.VersionEtag, NumberStyles.Integer, CultureInfo.InvariantCulture, out var versionEtag))
        {
            return false;
        }

        return await WriteRowAsync(entry, tableVersion.Version, versionEtag, rowEtag: null, cancellationToken);
    }

    public async Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion tableVersion, CancellationToken cancellationToken = default)
    {
        if (!int.TryParse(tableVersion.VersionEtag, NumberStyles.Integer, CultureInfo.InvariantCulture, out var versionEtag)
            || !int.TryParse(etag, NumberStyles.Integer, CultureInfo.InvariantCulture, out var rowEtag))
        {
            return false;
        }

        return await WriteRowAsync(entry, tableVersion.Version, versionEtag, rowEtag, cancellationToken);
    }

    public async Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken = default)
    {
        // Its own item: no ETag, no version change, no contention with membership changes.
        await _client.PutItemAsync(new PutItemRequest
        {
            TableName = TableName,
            Item = new Dictionary<string, AttributeValue>
            {
                [DeploymentId] = new(_clusterId),
                [SiloIdentity] = new(AliveRowPrefix + MembershipRowCodec.Identity(entry.SiloAddress)),
                [IAmAliveTime] = new(MembershipRowCodec.FormatDate(entry.IAmAliveTime)),
            },
        }, cancellationToken);
    }

    public async Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken = default)
    {
        var snapshot = await ReadClusterAsync(cancellationToken);
        foreach (var (entry, etag) in snapshot.Rows)
        {
            if (entry.Status == SiloStatus.Active || new DateTimeOffset(entry.IAmAliveTime, TimeSpan.Zero) >= beforeDate)
            {
                continue;
            }

            var identity = MembershipRowCodec.Identity(entry.SiloAddress);
            try
            {
                // Conditional on the row's ETag, so a row that changed meanwhile is left alone.
                await _client.UpdateItemAsync(new UpdateItemRequest
                {
                    TableName = TableName,
                    Key = Key(VersionRowKey),
                    UpdateExpression = "REMOVE #silos.#id",
                    ConditionExpression = "#silos.#id.#etag = :rowEtag",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#silos"] = Silos, ["#id"] = identity, ["#etag"] = ETag },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":rowEtag"] = new() { N = etag } },
                }, cancellationToken);
                await _client.DeleteItemAsync(TableName, Key(AliveRowPrefix + identity), cancellationToken);
                LogDefunctRowRemoved(logger, identity, _clusterId);
            }
            catch (ConditionalCheckFailedException)
            {
            }
        }
    }

    public async Task DeleteMembershipTableEntriesAsync(string clusterId, CancellationToken cancellationToken = default)
    {
        var keys = await DynamoDBBatchWriter.QueryAllAsync(_client, new QueryRequest
        {
            TableName = TableName,
            ConsistentRead = true,
            KeyConditionExpression = "#d = :d",
            ProjectionExpression = "#d, #s",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#d"] = DeploymentId, ["#s"] = SiloIdentity },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":d"] = new(clusterId) },
        }, cancellationToken);
        await DynamoDBBatchWriter.DeleteAsync(_client, TableName, keys, cancellationToken);
    }

    [Obsolete("Use InitializeMembershipTableAsync.")]
    public Task InitializeMembershipTable(bool tryInitTableVersion) => InitializeMembershipTableAsync(tryInitTableVersion, CancellationToken.None);

    [Obsolete("Use DeleteMembershipTableEntriesAsync.")]
    public Task DeleteMembershipTableEntries(string clusterId) => DeleteMembershipTableEntriesAsync(clusterId, CancellationToken.None);

    [Obsolete("Use CleanupDefunctSiloEntriesAsync.")]
    public Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate) => CleanupDefunctSiloEntriesAsync(beforeDate, CancellationToken.None);

    [Obsolete("Use ReadRowAsync.")]
    public Task<MembershipTableData> ReadRow(SiloAddress key) => ReadRowAsync(key, CancellationToken.None);

    [Obsolete("Use ReadAllAsync.")]
    public Task<MembershipTableData> ReadAll() => ReadAllAsync(CancellationToken.None);

    [Obsolete("Use InsertRowAsync.")]
    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) => InsertRowAsync(entry, tableVersion, CancellationToken.None);

    [Obsolete("Use UpdateRowAsync.")]
    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) => UpdateRowAsync(entry, etag, tableVersion, CancellationToken.None);

    [Obsolete("Use UpdateIAmAliveAsync.")]
    public Task UpdateIAmAlive(MembershipEntry entry) => UpdateIAmAliveAsync(entry, CancellationToken.None);

    /// <summary>One conditional write of the version row: the new row and the new table version land together or not at all.</summary>
    private async Task<bool> WriteRowAsync(MembershipEntry entry, int newVersion, int versionEtag, int? rowEtag, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>
        {
            ["#silos"] = Silos,
            ["#id"] = MembershipRowCodec.Identity(entry.SiloAddress),
            ["#etag"] = ETag,
            ["#version"] = MembershipAttributes.MembershipVersion,
        };
        var values = new Dictionary<string, AttributeValue>
        {
            [":version"] = MembershipRowCodec.Number(newVersion),
            [":etag"] = MembershipRowCodec.Number(versionEtag),
            [":nextEtag"] = MembershipRowCodec.Number(versionEtag + 1L),
            [":row"] = MembershipRowCodec.Encode(entry, rowEtag is { } current ? current + 1 : 0),
        };
        string condition;
        if (rowEtag is { } expectedRowEtag)
        {
            condition = "#etag = :etag AND #silos.#id.#etag = :rowEtag";
            values[":rowEtag"] = MembershipRowCodec.Number(expectedRowEtag);
        }
        else
        {
            condition = "#etag = :etag AND attribute_not_exists(#silos.#id)";
        }

        try
        {
            await _client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = TableName,
                Key = Key(VersionRowKey),
                UpdateExpression = "SET #version = :version, #etag = :nextEtag, #silos.#id = :row",
                ConditionExpression = condition,
                ExpressionAttributeNames = names,
                ExpressionAttributeValues = values,
            }, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            LogWriteConflict(logger, names["#id"], newVersion);
            return false;
        }
    }

    /// <summary>One consistent query of the cluster's partition: version row (with every silo row) and the alive items.</summary>
    private async Task<ClusterSnapshot> ReadClusterAsync(CancellationToken cancellationToken)
    {
        var items = await DynamoDBBatchWriter.QueryAllAsync(_client, new QueryRequest
        {
            TableName = TableName,
            ConsistentRead = true,
            KeyConditionExpression = "#d = :d",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#d"] = DeploymentId },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":d"] = new(_clusterId) },
        }, cancellationToken);

        var versionRow = items.FirstOrDefault(i => i[SiloIdentity].S == VersionRowKey);
        if (versionRow is null)
        {
            return new ClusterSnapshot([], new TableVersion(0, "0"));
        }

        var alive = items
            .Where(i => i[SiloIdentity].S.StartsWith(AliveRowPrefix, StringComparison.Ordinal) && i.ContainsKey(IAmAliveTime))
            .ToDictionary(i => i[SiloIdentity].S[AliveRowPrefix.Length..], i => MembershipRowCodec.ParseDate(i[IAmAliveTime].S));

        var rows = new List<Tuple<MembershipEntry, string>>();
        foreach (var (identity, value) in versionRow.TryGetValue(Silos, out var silos) && silos.M is not null ? silos.M : [])
        {
            var (entry, etag) = MembershipRowCodec.Decode(value);
            if (alive.TryGetValue(identity, out var lastAlive) && lastAlive > entry.IAmAliveTime)
            {
                entry.IAmAliveTime = lastAlive;
            }

            rows.Add(Tuple.Create(entry, etag.ToString(CultureInfo.InvariantCulture)));
        }

        var version = new TableVersion(MembershipRowCodec.Int(versionRow[MembershipAttributes.MembershipVersion]), versionRow[ETag].N);
        return new ClusterSnapshot(rows, version);
    }

    private Dictionary<string, AttributeValue> Key(string siloIdentity) => new()
    {
        [DeploymentId] = new(_clusterId),
        [SiloIdentity] = new(siloIdentity),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the membership version row of cluster {ClusterId} in {TableName}")]
    private static partial void LogVersionRowCreated(ILogger logger, string clusterId, string tableName);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Membership write of silo {SiloIdentity} for version {Version} lost to a concurrent change")]
    private static partial void LogWriteConflict(ILogger logger, string siloIdentity, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed defunct silo {SiloIdentity} from cluster {ClusterId}")]
    private static partial void LogDefunctRowRemoved(ILogger logger, string siloIdentity, string clusterId);

    private sealed record ClusterSnapshot(List<Tuple<MembershipEntry, string>> Rows, TableVersion Version);
}
