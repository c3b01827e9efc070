using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging;
using WaApp.DynamoDB.Options;

namespace WaApp.DynamoDB.Tables;

/// <summary>Creates (or updates) a table from its <see cref="WaAppTables"/> definition and waits until it is ACTIVE.</summary>
public static partial class DynamoDBTableManager
{
    public static async Task EnsureTableAsync(IAmazonDynamoDB client, CreateTableRequest definition, DynamoDBTableOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        if (!options.CreateIfNotExists && !options.UpdateIfExists)
        {
            return;
        }

        IReadOnlySet<string> building = new HashSet<string>();
        TableDescription? existing;
        try
        {
            existing = (await client.DescribeTableAsync(definition.TableName, cancellationToken)).Table;
        }
        catch (ResourceNotFoundException)
        {
            existing = null;
        }

        if (existing is null)
        {
            if (!options.CreateIfNotExists)
            {
                throw new InvalidOperationException($"DynamoDB table '{definition.TableName}' does not exist and CreateIfNotExists is false.");
            }

            await CreateAsync(client, definition, options, logger, cancellationToken);
        }
        else
        {
            if (options.UpdateIfExists && NeedsUpdate(existing, options))
            {
                await UpdateAsync(client, definition, options, logger, cancellationToken);
            }

            if (options.CreateIfNotExists)
            {
                building = await AddMissingIndexesAsync(client, definition, existing, options, logger, cancellationToken);
            }
        }

        await WaitUntilActiveAsync(client, definition.TableName, options, building, cancellationToken);
    }

    /// <summary>The definition with the billing mode and throughput of <paramref name="options"/>.</summary>
    public static CreateTableRequest WithBilling(CreateTableRequest definition, DynamoDBTableOptions options)
    {
        var request = new CreateTableRequest
        {
            TableName = definition.TableName,
            KeySchema = definition.KeySchema,
            AttributeDefinitions = definition.AttributeDefinitions,
            BillingMode = options.UseProvisionedThroughput ? BillingMode.PROVISIONED : BillingMode.PAY_PER_REQUEST,
        };

        var throughput = options.UseProvisionedThroughput ? Throughput(options) : null;
        request.ProvisionedThroughput = throughput;
        if (definition.GlobalSecondaryIndexes is { Count: > 0 } indexes)
        {
            request.GlobalSecondaryIndexes = indexes.Select(index => new GlobalSecondaryIndex
            {
                IndexName = index.IndexName,
                KeySchema = index.KeySchema,
                Projection = index.Projection,
                ProvisionedThroughput = throughput,
            }).ToList();
        }

        return request;
    }

    private static ProvisionedThroughput Throughput(DynamoDBTableOptions options) => new(options.ReadCapacityUnits, options.WriteCapacityUnits);

    private static async Task CreateAsync(IAmazonDynamoDB client, CreateTableRequest definition, DynamoDBTableOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await client.CreateTableAsync(WithBilling(definition, options), cancellationToken);
            LogTableCreated(logger, definition.TableName);
        }
        catch (ResourceInUseException)
        {
            // Another silo created it at the same moment.
        }
    }

    private static bool NeedsUpdate(TableDescription table, DynamoDBTableOptions options)
    {
        var provisioned = table.BillingModeSummary?.BillingMode == BillingMode.PROVISIONED
            || (table.BillingModeSummary is null && table.ProvisionedThroughput?.ReadCapacityUnits > 0);
        if (provisioned != options.UseProvisionedThroughput)
        {
            return true;
        }

        return options.UseProvisionedThroughput
            && (table.ProvisionedThroughput?.ReadCapacityUnits != options.ReadCapacityUnits
                || table.ProvisionedThroughput?.WriteCapacityUnits != options.WriteCapacityUnits);
    }

    private static async Task UpdateAsync(IAmazonDynamoDB client, CreateTableRequest definition, DynamoDBTableOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var request = new UpdateTableRequest
        {
            TableName = definition.TableName,
            BillingMode = options.UseProvisionedThroughput ? BillingMode.PROVISIONED : BillingMode.PAY_PER_REQUEST,
            ProvisionedThroughput = options.UseProvisionedThroughput ? Throughput(options) : null,
        };

        if (options.UseProvisionedThroughput && definition.GlobalSecondaryIndexes is { Count: > 0 } indexes)
        {
            request.GlobalSecondaryIndexUpdates = indexes.Select(index => new GlobalSecondaryIndexUpdate
            {
                Update = new UpdateGlobalSecondaryIndexAction { IndexName = index.IndexName, ProvisionedThroughput = Throughput(options) },
            }).ToList();
        }

        await client.UpdateTableAsync(request, cancellationToken);
        LogTableUpdated(logger, definition.TableName);
    }

    /// <summary>
    /// Adds the indexes a newer definition has and the table lacks (DynamoDB builds them in the background; one at a
    /// time) and returns their names: start-up does not wait for an index to backfill, which can take hours on a big
    /// table. A store that cannot add indexes to a table (dynalite) leaves it without; readers of the index say so.
    /// </summary>
    private static async Task<IReadOnlySet<string>> AddMissingIndexesAsync(
        IAmazonDynamoDB client, CreateTableRequest definition, TableDescription existing, DynamoDBTableOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var present = (existing.GlobalSecondaryIndexes ?? []).Select(index => index.IndexName).ToHashSet(StringComparer.Ordinal);
        var added = new HashSet<string>(StringComparer.Ordinal);
        foreach (var index in WithBilling(definition, options).GlobalSecondaryIndexes ?? [])
        {
            if (present.Contains(index.IndexName))
            {
                continue;
            }

            var attributes = index.KeySchema.Select(key => key.AttributeName).ToHashSet(StringComparer.Ordinal);
            try
            {
                await client.UpdateTableAsync(new UpdateTableRequest
                {
                    TableName = definition.TableName,
                    AttributeDefinitions = definition.AttributeDefinitions.Where(attribute => attributes.Contains(attribute.AttributeName)).ToList(),
                    GlobalSecondaryIndexUpdates =
                    [
                        new GlobalSecondaryIndexUpdate
                        {
                            Create = new CreateGlobalSecondaryIndexAction
                            {
                                IndexName = index.IndexName, KeySchema = index.KeySchema, Projection = index.Projection, ProvisionedThroughput = index.ProvisionedThroughput,
                            },
                        },
                    ],
                }, cancellationToken);
                LogIndexAdded(logger, index.IndexName, definition.TableName);
                added.Add(index.IndexName);
                // DynamoDB adds one index at a time: the next waits until the table is ACTIVE again.
                await WaitUntilActiveAsync(client, definition.TableName, options, added, cancellationToken);
            }
            catch (AmazonDynamoDBException exception) when (exception is not ResourceNotFoundException)
            {
                LogIndexNotAdded(logger, exception, index.IndexName, definition.TableName);
            }
        }

        return added;
    }

    private static async Task WaitUntilActiveAsync(
        IAmazonDynamoDB client, string tableName, DynamoDBTableOptions options, IReadOnlySet<string> building, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.TableReadyTimeout);
        try
        {
            while (true)
            {
                var table = (await client.DescribeTableAsync(tableName, timeout.Token)).Table;
                var indexesReady = table.GlobalSecondaryIndexes is null || table.GlobalSecondaryIndexes.All(i => i.IndexStatus == IndexStatus.ACTIVE || building.Contains(i.IndexName));
                if (table.TableStatus == TableStatus.ACTIVE && indexesReady)
                {
                    return;
                }

                await Task.Delay(options.TableStatusPollInterval, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"DynamoDB table '{tableName}' did not become ACTIVE within {options.TableReadyTimeout}.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created DynamoDB table {TableName}")]
    private static partial void LogTableCreated(ILogger logger, string tableName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Adding index {IndexName} to DynamoDB table {TableName}")]
    private static partial void LogIndexAdded(ILogger logger, string indexName, string tableName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not add index {IndexName} to DynamoDB table {TableName}")]
    private static partial void LogIndexNotAdded(ILogger logger, Exception exception, string indexName, string tableName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Updated the billing of DynamoDB table {TableName}")]
    private static partial void LogTableUpdated(ILogger logger, string tableName);
}
