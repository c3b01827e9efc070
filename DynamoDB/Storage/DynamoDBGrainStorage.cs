using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using WaApp.DynamoDB.Options;
using WaApp.DynamoDB.Tables;
using static WaApp.DynamoDB.Tables.GrainStateAttributes;

namespace WaApp.DynamoDB.Storage;

/// <summary>
/// Grain state in the official DynamoDB layout (GrainReference, GrainType, binary GrainState, numeric ETag) with
/// conditional writes. ETag mismatches raise <see cref="InconsistentStateException"/> carrying only a message.
/// </summary>
public sealed partial class DynamoDBGrainStorage(
    string name,
    DynamoDBStorageOptions options,
    DynamoDBClientProvider clients,
    IActivatorProvider activatorProvider,
    ILogger<DynamoDBGrainStorage> logger) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>DynamoDB's item limit, keys and attribute names included.</summary>
    public const int MaxItemSize = 400 * 1024;

    private readonly IAmazonDynamoDB _client = clients.GetClient(options);

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(OptionFormattingUtilities.Name<DynamoDBGrainStorage>(name), options.InitStage, InitializeAsync);

    public Task InitializeAsync(CancellationToken cancellationToken) =>
        DynamoDBTableManager.EnsureTableAsync(_client, WaAppTables.GrainState(options.TableName), options, logger, cancellationToken);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var response = await _client.GetItemAsync(new GetItemRequest
        {
            TableName = options.TableName,
            Key = Key(stateName, grainId),
            ConsistentRead = true,
        }, cancellationToken);

        var item = response.Item;
        if (item is not { Count: > 0 })
        {
            ResetState(grainState, etag: null);
            return;
        }

        var etag = item.TryGetValue(ETag, out var storedEtag) ? storedEtag.N : null;
        if (item.TryGetValue(GrainState, out var data) && data.B is { Length: > 0 } bytes)
        {
            grainState.State = options.GrainStorageSerializer.Deserialize<T>(new BinaryData(bytes.ToArray()));
            grainState.ETag = etag;
            grainState.RecordExists = grainState.State is not null;
            if (grainState.State is null)
            {
                grainState.State = activatorProvider.GetActivator<T>().Create();
            }

            return;
        }

        // A cleared record: keep its ETag so the next write is conditional on it.
        ResetState(grainState, etag);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var bytes = options.GrainStorageSerializer.Serialize(grainState.State).ToArray();
        var key = Key(stateName, grainId);
        var size = bytes.Length + key.Sum(k => k.Key.Length + k.Value.S.Length) + GrainState.Length + ETag.Length + 32;
        if (size > MaxItemSize)
        {
            throw new InvalidOperationException(
                $"The state '{stateName}' of grain {grainId} is {bytes.Length} bytes, more than DynamoDB's 400 KB item limit; keep large data elsewhere.");
        }

        var names = new Dictionary<string, string> { ["#etag"] = ETag };
        try
        {
            if (grainState.ETag is null)
            {
                var item = new Dictionary<string, AttributeValue>(key)
                {
                    [GrainState] = new() { B = new MemoryStream(bytes) },
                    [ETag] = Number(0),
                };
                await _client.PutItemAsync(new PutItemRequest
                {
                    TableName = options.TableName,
                    Item = item,
                    ConditionExpression = "attribute_not_exists(#etag)",
                    ExpressionAttributeNames = names,
                }, cancellationToken);
                grainState.ETag = "0";
            }
            else
            {
                var current = ParseEtag(grainState.ETag, stateName, grainId);
                names["#state"] = GrainState;
                await _client.UpdateItemAsync(new UpdateItemRequest
                {
                    TableName = options.TableName,
                    Key = key,
                    UpdateExpression = "SET #state = :state, #etag = :next",
                    ConditionExpression = "#etag = :current",
                    ExpressionAttributeNames = names,
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                    {
                        [":state"] = new() { B = new MemoryStream(bytes) },
                        [":current"] = Number(current),
                        [":next"] = Number(current + 1),
                    },
                }, cancellationToken);
                grainState.ETag = (current + 1).ToString(CultureInfo.InvariantCulture);
            }

            grainState.RecordExists = true;
        }
        catch (ConditionalCheckFailedException)
        {
            throw Inconsistent("write", stateName, grainId, grainState.ETag);
        }
        catch (AmazonDynamoDBException exception) when (exception.ErrorCode == "ValidationException" && exception.Message.Contains("size has exceeded", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"The state '{stateName}' of grain {grainId} exceeds DynamoDB's 400 KB item limit; keep large data elsewhere.");
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var key = Key(stateName, grainId);
        var names = new Dictionary<string, string> { ["#etag"] = ETag };
        var values = new Dictionary<string, AttributeValue>();
        string condition;
        long? current = null;
        if (grainState.ETag is null)
        {
            condition = "attribute_not_exists(#etag)";
        }
        else
        {
            current = ParseEtag(grainState.ETag, stateName, grainId);
            condition = "#etag = :current";
            values[":current"] = Number(current.Value);
        }

        try
        {
            if (options.DeleteStateOnClear)
            {
                await _client.DeleteItemAsync(new DeleteItemRequest
                {
                    TableName = options.TableName,
                    Key = key,
                    ConditionExpression = condition,
                    ExpressionAttributeNames = names,
                    ExpressionAttributeValues = values.Count > 0 ? values : null,
                }, cancellationToken);
                ResetState(grainState, etag: null);
                return;
            }

            // Blank the state and keep counting ETags, so a stale writer still fails after the clear.
            var next = current is { } value ? value + 1 : 0;
            names["#state"] = GrainState;
            values[":null"] = new AttributeValue { NULL = true };
            values[":next"] = Number(next);
            await _client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = options.TableName,
                Key = key,
                UpdateExpression = "SET #state = :null, #etag = :next",
                ConditionExpression = condition,
                ExpressionAttributeNames = names,
                ExpressionAttributeValues = values,
            }, cancellationToken);
            ResetState(grainState, next.ToString(CultureInfo.InvariantCulture));
        }
        catch (ConditionalCheckFailedException)
        {
            throw Inconsistent("clear", stateName, grainId, grainState.ETag);
        }
    }

    private void ResetState<T>(IGrainState<T> grainState, string? etag)
    {
        grainState.State = activatorProvider.GetActivator<T>().Create();
        grainState.ETag = etag;
        grainState.RecordExists = false;
    }

    private Dictionary<string, AttributeValue> Key(string stateName, GrainId grainId) => new()
    {
        [GrainStateAttributes.GrainReference] = new($"{options.ServiceId}_{grainId}"),
        [GrainStateAttributes.GrainType] = new(stateName),
    };

    private static long ParseEtag(string etag, string stateName, GrainId grainId) =>
        long.TryParse(etag, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InconsistentStateException($"ETag '{etag}' of state '{stateName}' of grain {grainId} was not issued by this provider.", storedEtag: null, currentEtag: etag);

    private InconsistentStateException Inconsistent(string operation, string stateName, GrainId grainId, string? etag)
    {
        LogEtagMismatch(logger, operation, stateName, grainId, etag);

        // Message only: an AWS exception as inner exception has no Orleans codec and would reach callers as a codec error.
        return new InconsistentStateException(
            $"Cannot {operation} state '{stateName}' of grain {grainId} in provider '{name}': the stored ETag no longer matches '{etag ?? "(none)"}'.",
            storedEtag: "unknown",
            currentEtag: etag);
    }

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    [LoggerMessage(Level = LogLevel.Debug, Message = "ETag mismatch on {Operation} of state {StateName} of grain {GrainId} (ETag {ETag})")]
    private static partial void LogEtagMismatch(ILogger logger, string operation, string stateName, GrainId grainId, string? eTag);
}
