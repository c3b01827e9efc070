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
/// Several runs (bench phases) are checked against one scan of the table: <c>--runs</c> lists them as
/// <c>runId:perThread:firstUser:connections:sentFile</c>, comma-separated; without it, one run from
/// <c>--run-id</c>, <c>--per-thread</c>, <c>--first-user</c>, <c>--connections</c> and <c>--sent</c>.
/// </summary>
internal static class LossCheck
{
    private const string BenchPrefix = "wamid.bench.";

    private sealed record CheckedRun(BenchWorkload Workload, int Connections, string SentFile);

    public static async Task<int> RunAsync(BenchArguments args)
    {
        var runs = RunsOf(args);
        var table = args.Text("table-prefix") + "Events";
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
                // A commit lists its events, or holds its one event in top-level attributes; a snapshot has neither.
                var data = item.TryGetValue(EventAttributes.Events, out var events) && events.L is not null
                    ? events.L.Select(stored => stored.M[EventAttributes.EventData].S)
                    : item.TryGetValue(EventAttributes.EventData, out var single) ? [single.S] : [];

                var stream = item[EventAttributes.StreamId].S;
                foreach (var json in data)
                {
                    if (MessageIdOf(json) is { } id && id.StartsWith(BenchPrefix, StringComparison.Ordinal))
                    {
                        occurrences[id] = occurrences.TryGetValue(id, out var seen) ? (seen.Count + 1, seen.Stream) : (1, stream);
                    }
                }
            }

            request.ExclusiveStartKey = page.LastEvaluatedKey;
        }
        while (request.ExclusiveStartKey is { Count: > 0 });

        var lossFree = true;
        foreach (var run in runs)
        {
            lossFree &= Check(run, occurrences, commits);
        }

        Console.WriteLine(lossFree ? "loss check: PASS (every acknowledged message stored exactly once)" : "loss check: FAIL");
        return lossFree ? 0 : 3;
    }

    private static bool Check(CheckedRun run, Dictionary<string, (int Count, string Stream)> occurrences, int commits)
    {
        var workload = run.Workload;
        var sent = ReadSentCounts(run.SentFile, workload.Threads);
        long expected = 0, missing = 0, duplicated = 0, misplaced = 0, statuses = 0;
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
                    continue;
                }

                duplicated += found.Count > 1 ? 1 : 0;
                misplaced += found.Stream == "conversation/" + workload.ConversationKey(thread, index) ? 0 : 1;
            }
        }

        var unexpected = occurrences.Keys.Count(id => id.StartsWith(workload.MessageIdPrefix, StringComparison.Ordinal));
        // Requests cut off when wrk stopped: one per connection at most, and never more than were sent.
        var inFlightBound = run.Connections;
        var lossFree = duplicated == 0 && misplaced == 0 && unexpected == 0 && missing <= inFlightBound;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"loss check {workload.RunId}: sent {expected} messages (and {statuses} status updates, not checked here), stored {expected - missing} ({commits} commits scanned), missing {missing} (allowed: <= {inFlightBound} cut off in flight at the end), duplicated {duplicated}, in the wrong conversation {misplaced}, stored but never sent {unexpected}: {(lossFree ? "PASS" : "FAIL")}"));
        return lossFree;
    }

    private static List<CheckedRun> RunsOf(BenchArguments args)
    {
        var common = BenchWorkload.From(new BenchArguments(["--run-id", "unused", .. CommonOptions(args)]));
        if (args.Text("runs", string.Empty) is not { Length: > 0 } specs)
        {
            return [new CheckedRun(BenchWorkload.From(args), args.Number("connections", 64), args.Text("sent"))];
        }

        var runs = new List<CheckedRun>();
        foreach (var spec in specs.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = spec.Split(':', 5);
            if (parts.Length != 5)
            {
                throw new ArgumentException($"--runs entries are runId:perThread:firstUser:connections:sentFile, got '{spec}'.");
            }

            var workload = common with
            {
                RunId = parts[0],
                PerThread = int.Parse(parts[1], CultureInfo.InvariantCulture),
                FirstUser = int.Parse(parts[2], CultureInfo.InvariantCulture),
            };
            runs.Add(new CheckedRun(workload, int.Parse(parts[3], CultureInfo.InvariantCulture), parts[4]));
        }

        return runs;
    }

    // The options every run of one bench shares (users, threads, phone number, status share).
    private static IEnumerable<string> CommonOptions(BenchArguments args)
    {
        foreach (var name in (string[])["users", "threads", "phone-number-id", "status-percent"])
        {
            if (args.Text(name, string.Empty) is { Length: > 0 } value)
            {
                yield return "--" + name;
                yield return value;
            }
        }
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
