using System.Diagnostics;
using System.Globalization;
using Amazon.DynamoDBv2.Model;
using WaApp.DynamoDB.Tables;

namespace WaApp.Bench;

/// <summary>
/// The store's own ceiling: conditional PutItems (attribute_not_exists, an event-sized item, the events table's
/// key layout) from a bare client at the benchmark's concurrency, so WaApp's figure can be read as a fraction of it.
/// </summary>
internal static class StoreCeiling
{
    public static async Task<int> RunAsync(BenchArguments args)
    {
        var connections = args.Number("connections", 64);
        var duration = args.Duration("duration", TimeSpan.FromSeconds(10));
        var table = $"bench-ceiling-{Guid.NewGuid():N}"[..24] + "-Events";
        using var client = StoreClient.Create(args.Text("service"), connections * 2);
        var definition = WaAppTables.Events(table);
        await client.CreateTableAsync(definition);
        while ((await client.DescribeTableAsync(table)).Table.TableStatus != "ACTIVE")
        {
            await Task.Delay(100);
        }

        var payload = new string('x', 640);
        var latencies = new List<double>[connections];
        var stopwatch = Stopwatch.StartNew();
        var writers = Enumerable.Range(0, connections).Select(async worker =>
        {
            var mine = latencies[worker] = new List<double>(64 * 1024);
            var version = 0;
            while (stopwatch.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                await client.PutItemAsync(new PutItemRequest
                {
                    TableName = table,
                    Item = new Dictionary<string, AttributeValue>
                    {
                        [EventAttributes.StreamId] = new(string.Create(CultureInfo.InvariantCulture, $"conversation/bench:{worker}")),
                        [EventAttributes.Version] = new() { N = (version++).ToString(CultureInfo.InvariantCulture) },
                        [EventAttributes.BatchId] = new(Guid.NewGuid().ToString("N")),
                        [EventAttributes.Events] = new() { L = [new AttributeValue { M = new() { [EventAttributes.EventType] = new("bench"), [EventAttributes.EventData] = new(payload) } }] },
                    },
                    ConditionExpression = "attribute_not_exists(#s)",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#s"] = EventAttributes.StreamId },
                });
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }).ToArray();
        await Task.WhenAll(writers);
        var elapsed = stopwatch.Elapsed.TotalSeconds;
        await client.DeleteTableAsync(table);

        var all = latencies.SelectMany(l => l).Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"store ceiling: {all.Length / elapsed:F0} conditional PutItem/s at {connections} concurrent writers over {elapsed:F0} s; p50 {Percentile(all, 0.50):F1} ms, p99 {Percentile(all, 0.99):F1} ms"));
        return 0;
    }

    private static double Percentile(double[] sorted, double fraction) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(fraction * sorted.Length))];
}
