using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace WaApp.DynamoDB.Tables;

/// <summary>Deletes many items in batches of 25, retrying UnprocessedItems with exponential backoff.</summary>
public static class DynamoDBBatchWriter
{
    private const int MaxBatchSize = 25;
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    public static async Task DeleteAsync(IAmazonDynamoDB client, string tableName, IEnumerable<Dictionary<string, AttributeValue>> keys, CancellationToken cancellationToken)
    {
        foreach (var chunk in keys.Chunk(MaxBatchSize))
        {
            var pending = new Dictionary<string, List<WriteRequest>>
            {
                [tableName] = chunk.Select(key => new WriteRequest(new DeleteRequest(key))).ToList(),
            };

            var backoff = FirstBackoff;
            while (pending.Count > 0)
            {
                var response = await client.BatchWriteItemAsync(new BatchWriteItemRequest(pending), cancellationToken);
                pending = response.UnprocessedItems?.Where(kv => kv.Value.Count > 0).ToDictionary() ?? [];
                if (pending.Count > 0)
                {
                    // UnprocessedItems means the table is throttling us: back off before the next try.
                    await Task.Delay(backoff, cancellationToken);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                }
            }
        }
    }

    /// <summary>Every page of a query, following LastEvaluatedKey.</summary>
    public static async Task<List<Dictionary<string, AttributeValue>>> QueryAllAsync(IAmazonDynamoDB client, QueryRequest request, CancellationToken cancellationToken)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        do
        {
            var response = await client.QueryAsync(request, cancellationToken);
            if (response.Items is not null)
            {
                items.AddRange(response.Items);
            }

            request.ExclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (request.ExclusiveStartKey is not null);

        return items;
    }
}
