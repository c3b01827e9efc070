using System.Diagnostics;
using System.Globalization;
using Amazon.DynamoDBv2.Model;
using WaApp.DynamoDB.Tables;

namespace WaApp.Bench;

/// <summary>
/// The store's own ceiling: conditional PutItems (attribute_not_exists, an event-sized item, the events table's
/// key layout) at the benchmark's concurrency, so WaApp's figure can be read as a fraction of it. Measured twice:
/// with the AWS SDK client WaApp uses, and with bare HTTP requests (pre-built JSON; dynalite does not check
/// signatures), because on two cores the SDK's own CPU cost competes with dynalite for the same cores.
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
        var sdk = await MeasureAsync(connections, duration, (worker, version) => client.PutItemAsync(new PutItemRequest
        {
            TableName = table,
            Item = new Dictionary<string, AttributeValue>
            {
                [EventAttributes.StreamId] = new(string.Create(CultureInfo.InvariantCulture, $"conversation/sdk:{worker}")),
                [EventAttributes.Version] = new() { N = version.ToString(CultureInfo.InvariantCulture) },
                [EventAttributes.BatchId] = new(Guid.NewGuid().ToString("N")),
                [EventAttributes.Events] = new() { L = [new AttributeValue { M = new() { [EventAttributes.EventType] = new("bench"), [EventAttributes.EventData] = new(payload) } }] },
            },
            ConditionExpression = "attribute_not_exists(#s)",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#s"] = EventAttributes.StreamId },
        }));
        Report("AWS SDK client", sdk, connections);

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections }) { BaseAddress = new Uri(args.Text("service")) };
        var raw = await MeasureAsync(connections, duration, async (worker, version) =>
        {
            var json = "{\"TableName\":\"" + table + "\",\"Item\":{\"StreamId\":{\"S\":\"conversation/raw:" + worker.ToString(CultureInfo.InvariantCulture)
                + "\"},\"Version\":{\"N\":\"" + version.ToString(CultureInfo.InvariantCulture) + "\"},\"BatchId\":{\"S\":\"" + Guid.NewGuid().ToString("N")
                + "\"},\"Events\":{\"L\":[{\"M\":{\"T\":{\"S\":\"bench\"},\"D\":{\"S\":\"" + payload
                + "\"}}}]}},\"ConditionExpression\":\"attribute_not_exists(#s)\",\"ExpressionAttributeNames\":{\"#s\":\"StreamId\"}}";
            using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(json, System.Text.Encoding.UTF8) };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-amz-json-1.0");
            request.Headers.TryAddWithoutValidation("X-Amz-Target", "DynamoDB_20120810.PutItem");
            request.Headers.TryAddWithoutValidation("X-Amz-Date", "20260101T000000Z");
            request.Headers.TryAddWithoutValidation("Authorization",
                "AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=00");
            using var response = await http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"dynalite answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        });
        Report("bare HTTP", raw, connections);
        await client.DeleteTableAsync(table);
        return 0;
    }

    private static async Task<(double[] Sorted, double Seconds)> MeasureAsync(int connections, TimeSpan duration, Func<int, int, Task> put)
    {
        var latencies = new List<double>[connections];
        var stopwatch = Stopwatch.StartNew();
        var writers = Enumerable.Range(0, connections).Select(async worker =>
        {
            var mine = latencies[worker] = new List<double>(64 * 1024);
            var version = 0;
            while (stopwatch.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                await put(worker, version++);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }).ToArray();
        await Task.WhenAll(writers);
        return (latencies.SelectMany(l => l).Order().ToArray(), stopwatch.Elapsed.TotalSeconds);
    }

    private static void Report(string client, (double[] Sorted, double Seconds) result, int connections) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"store ceiling ({client}): {result.Sorted.Length / result.Seconds:F0} conditional PutItem/s at {connections} concurrent writers over {result.Seconds:F0} s; p50 {Percentile(result.Sorted, 0.50):F1} ms, p99 {Percentile(result.Sorted, 0.99):F1} ms"));

    private static double Percentile(double[] sorted, double fraction) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(fraction * sorted.Length))];
}
