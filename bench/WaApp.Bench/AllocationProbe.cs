using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace WaApp.Bench;

/// <summary>
/// Bytes the WaApp processes allocate per webhook, read from the .NET runtime's own counter
/// (<c>dotnet.gc.heap.total_allocated</c>, the <c>System.Runtime</c> meter on each host's <c>/metrics</c>) before and
/// after posting pre-signed bodies: first one message from each of a set of new customers (cold: the conversation
/// activates), then many more from the same customers (warm). The counter counts every thread of the process, so
/// the figure includes what the webhook causes after its answer and the process's own timers; the timers' rate is
/// measured at idle and their share over each phase subtracted for the net figure. A count of bytes, not a timing: a
/// loaded machine changes it little (only the timers' share, which grows with the phase's duration), which is why it
/// is the figure to compare levers by.
/// </summary>
internal static class AllocationProbe
{
    private const string Counter = "dotnet_gc_heap_total_allocated_bytes_total";

    // The Prometheus exporter may answer a scrape from a cache of a few hundred milliseconds.
    private static readonly TimeSpan ScrapeCache = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(BenchArguments args)
    {
        var url = new Uri(args.Text("url").TrimEnd('/') + "/webhook");
        var metricsUrls = args.Text("metrics-url").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var concurrency = args.Number("concurrency", 4);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        // Long enough that the timers' rate is known to within a few per cent; on a loaded machine the phases take
        // longer, and their idle share (subtracted for the net figure) grows with them.
        var idleSeconds = 10;
        var idleStart = await AllocatedAsync(http, metricsUrls);
        await Task.Delay(TimeSpan.FromSeconds(idleSeconds));
        var idleEnd = await AllocatedAsync(http, metricsUrls);
        var idleRate = (idleEnd - idleStart) / (idleSeconds + ScrapeCache.TotalSeconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"allocations: idle {idleRate / 1024:F0} KB/s (timers, scrapes)"));

        foreach (var (name, folder) in new[] { ("cold", args.Text("cold")), ("warm", args.Text("warm")) })
        {
            var bodies = ReadBodies(folder);
            var before = await AllocatedAsync(http, metricsUrls);
            var started = DateTime.UtcNow;
            var failed = await PostAllAsync(http, url, bodies, concurrency);
            var seconds = (DateTime.UtcNow - started).TotalSeconds;
            var after = await AllocatedAsync(http, metricsUrls);
            var perWebhook = (after - before) / (double)bodies.Count;
            var idleShare = idleRate * (seconds + ScrapeCache.TotalSeconds) / bodies.Count;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"allocations: {name,-4} {bodies.Count} webhooks ({failed} not 200) in {seconds:F1} s: net {(perWebhook - idleShare) / 1024:F1} KB per webhook " +
                $"({perWebhook:F0} bytes measured, less {idleShare:F0} bytes of the idle rate over the phase)"));
        }

        return 0;
    }

    // One "signature body" per line, as BodyGenerator writes them; every thread's file, in file order.
    private static List<(string Signature, byte[] Body)> ReadBodies(string folder) =>
        [.. Directory.GetFiles(folder, "bodies-*.txt").Order(StringComparer.Ordinal)
            .SelectMany(File.ReadLines)
            .Select(line => line.Split(' ', 2))
            .Select(parts => (parts[0], Encoding.UTF8.GetBytes(parts[1])))];

    private static async Task<int> PostAllAsync(HttpClient http, Uri url, List<(string Signature, byte[] Body)> bodies, int concurrency)
    {
        var next = -1;
        var failed = 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < bodies.Count)
            {
                var (signature, body) = bodies[index];
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
                request.Headers.Add("X-Hub-Signature-256", signature);
                using var response = await http.SendAsync(request);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }));
        return failed;
    }

    // The counter summed over the hosts (a split deployment has two processes), after the scrape cache expired.
    private static async Task<long> AllocatedAsync(HttpClient http, string[] metricsUrls)
    {
        await Task.Delay(ScrapeCache);
        long total = 0;
        foreach (var metricsUrl in metricsUrls)
        {
            var text = await http.GetStringAsync(metricsUrl.TrimEnd('/') + "/metrics");
            var line = text.Split('\n').FirstOrDefault(line => line.StartsWith(Counter, StringComparison.Ordinal))
                ?? throw new InvalidOperationException($"{metricsUrl}/metrics has no {Counter} (is the System.Runtime meter exported?).");
            total += (long)double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
        }

        return total;
    }
}
