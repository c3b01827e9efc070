using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using WaApp.TestInfrastructure;

namespace WaApp.EndToEnd;

/// <summary>
/// Reads the events table directly (one item per commit: a single event's JSON under <c>D</c>, several under
/// <c>Events[].D</c>; see docs/dynamodb.md) and counts how often each inbound wamid was stored, and in which stream:
/// the ground truth behind "stored exactly once".
/// </summary>
internal static class StoredMessages
{
    public static async Task<IReadOnlyDictionary<string, (int Count, string StreamId)>> ReadAsync(LocalCluster cluster)
    {
        using var client = cluster.DynamoDB.CreateClient();
        var found = new Dictionary<string, (int Count, string StreamId)>(StringComparer.Ordinal);
        var request = new ScanRequest { TableName = cluster.Settings["DynamoDB__TablePrefix"] + "Events", ConsistentRead = true };
        do
        {
            var page = await client.ScanAsync(request);
            foreach (var item in page.Items ?? [])
            {
                var stream = item["StreamId"].S;
                var data = item.TryGetValue("Events", out var events) ? (events.L ?? []).Select(stored => stored.M["D"].S)
                    : item.TryGetValue("D", out var single) ? [single.S]
                    : [];
                foreach (var json in data)
                {
                    if (MessageId(json) is { } id)
                    {
                        found[id] = found.TryGetValue(id, out var seen) ? (seen.Count + 1, seen.StreamId) : (1, stream);
                    }
                }
            }

            request.ExclusiveStartKey = page.LastEvaluatedKey;
        }
        while (request.ExclusiveStartKey is { Count: > 0 });

        return found;
    }

    private static string? MessageId(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Object
            && (document.RootElement.TryGetProperty("Message", out var message) || document.RootElement.TryGetProperty("message", out message))
            && message.ValueKind == JsonValueKind.Object
            && (message.TryGetProperty("MessageId", out var id) || message.TryGetProperty("messageId", out id))
            ? id.GetString()
            : null;
    }
}
