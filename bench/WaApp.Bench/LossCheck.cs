using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using WaApp.DynamoDB.Tables;

namespace WaApp.Bench;

/// <summary>
/// After a run: reads every commit of the events table and checks that each message wrk sent is stored exactly
/// once, in the conversation of its sender. wrk cannot tell which request a response belonged to, so the check is
/// made over everything sent: if every sent message is stored, every acknowledged one is; a sent message may be
/// missing only if it was among the requests still in flight when wrk stopped (at most one per connection).
/// </summary>
internal static class LossCheck
{
    public static async Task<int> RunAsync(BenchArguments args)
    {
        var workload = BenchWorkload.From(args);
        var table = args.Text("table-prefix") + "Events";
        var connections = args.Number("connections", 64);
        var sent = ReadSentCounts(args.Text("sent"), workload.Threads);
        using var client = StoreClient.Create(args.Text("service"));

        var occurrences = new Dictionary<string, (int Count, string Stream)>(StringComparer.Ordinal);
        var commits = 0;
        var request = new ScanRequest { TableName = table, Limit = 1000 };
        do
        {
            var page = await client.ScanAsync(request);
            foreach (var item in page.Items ?? [])
            {
                commits++;
                if (!item.TryGetValue(EventAttributes.Events, out var events) || events.L is null)
                {
                    continue;
                }

                var stream = item[EventAttributes.StreamId].S;
                foreach (var stored in events.L)
                {
                    if (MessageIdOf(stored.M[EventAttributes.EventData].S) is { } id && id.StartsWith(workload.MessageIdPrefix, StringComparison.Ordinal))
                    {
                        occurrences[id] = occurrences.TryGetValue(id, out var seen) ? (seen.Count + 1, seen.Stream) : (1, stream);
                    }
                }
            }

            request.ExclusiveStartKey = page.LastEvaluatedKey;
        }
        while (request.ExclusiveStartKey is { Count: > 0 });

        long expected = 0, missing = 0, duplicated = 0, misplaced = 0, statuses = 0;
        var missingByThread = new int[workload.Threads];
        for (var thread = 0; thread < workload.Threads; thread++)
        {
            for (var index = 0; index < sent[thread]; index++)
            {
                if (workload.IsStatus(thread, index))
                {
                    statuses++;
                    continue;
                }

                expected++;
                var id = workload.MessageId(thread, index);
                if (!occurrences.Remove(id, out var found))
                {
                    missing++;
                    missingByThread[thread]++;
                    continue;
                }

                duplicated += found.Count > 1 ? 1 : 0;
                misplaced += found.Stream == "conversation/" + workload.ConversationKey(thread, index) ? 0 : 1;
            }
        }

        var unexpected = occurrences.Count;
        // Requests cut off when wrk stopped: one per connection at most, and never more than were sent.
        var inFlightBound = connections;
        var lossFree = duplicated == 0 && misplaced == 0 && unexpected == 0 && missing <= inFlightBound;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"loss check: sent {expected} messages (and {statuses} status updates, not checked here), stored {expected - missing} ({commits} commits scanned), missing {missing} (allowed: <= {inFlightBound} cut off in flight at the end), duplicated {duplicated}, in the wrong conversation {misplaced}, stored but never sent {unexpected}"));
        Console.WriteLine(lossFree ? "loss check: PASS (every acknowledged message stored exactly once)" : "loss check: FAIL");
        return lossFree ? 0 : 3;
    }

    private static int[] ReadSentCounts(string path, int threads)
    {
        var counts = new int[threads];
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && parts[0] != "thread")
            {
                var thread = int.Parse(parts[0], CultureInfo.InvariantCulture) - 1;
                counts[thread] = int.Parse(parts[1], CultureInfo.InvariantCulture);
            }
        }

        return counts;
    }

    private static string? MessageIdOf(string eventJson)
    {
        using var document = JsonDocument.Parse(eventJson);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.NameEquals("Message") || property.NameEquals("message"))
            {
                foreach (var field in property.Value.EnumerateObject())
                {
                    if (field.NameEquals("MessageId") || field.NameEquals("messageId"))
                    {
                        return field.Value.GetString();
                    }
                }
            }
        }

        return null;
    }
}
