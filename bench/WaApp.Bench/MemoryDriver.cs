using System.Globalization;
using Microsoft.Extensions.Hosting;
using WaApp.Grains.Abstractions.Conversations;

namespace WaApp.Bench;

/// <summary>
/// Activates many conversations through the cluster (each with a batch of stored messages), forces full GCs in the
/// silos before and after, and reports the live managed heap's growth per conversation that became active.
/// </summary>
/// <remarks>
/// Made robust against GC noise: idle activations of earlier bench phases are deactivated first (so none of them is
/// collected during the run and shrinks the heap under it), two full GCs run before each reading, the heap is read
/// from the runtime's own "heap size after the last collection" minus its fragmentation (the System.Runtime meter on
/// <c>--metrics-url</c>; Orleans' sampled statistics only without it), and the growth is divided by the activations
/// that actually appeared as well as by the conversations asked for.
/// </remarks>
internal static class MemoryDriver
{
    public static async Task<int> RunAsync(BenchArguments args)
    {
        var conversations = args.Number("conversations", 100_000);
        var messages = args.Number("messages", 10);
        var concurrency = args.Number("concurrency", 128);
        var phoneNumberId = args.Text("phone-number-id", "100200300400501");
        using var host = await BenchClusterClient.StartAsync(args);
        var grains = host.Services.GetRequiredService<IClusterClient>();
        var management = grains.GetGrain<IManagementGrain>(0);

        var metricsUrl = args.Text("metrics-url", string.Empty);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var (activeBefore, idle) = await ActivationCollector.CollectIdleAsync(management);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"memory: idle activations of earlier phases collected first: {activeBefore} -> {idle}"));
        var before = await LiveBytesAsync(management, http, metricsUrl);
        var started = DateTime.UtcNow;
        var done = 0;
        await Parallel.ForAsync(0, conversations, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (index, _) =>
        {
            var contact = (19_980_000_000L + index).ToString(CultureInfo.InvariantCulture);
            var batch = new ConversationUpdate[messages];
            for (var m = 0; m < messages; m++)
            {
                // As the gateway hands a text webhook to the grain: the text, and the typed content it maps every message to.
                var text = string.Create(CultureInfo.InvariantCulture, $"Hello, this is message {m}. Is my order shipped yet?");
                batch[m] = new InboundMessage(
                    string.Create(CultureInfo.InvariantCulture, $"wamid.memory.{index}.{m}"), contact, null, DateTimeOffset.UtcNow, "text",
                    text, "Memory User", "{\"type\":\"text\"}", new MessageContent { Text = text });
            }

            await grains.GetGrain<IConversationGrain>($"{phoneNumberId}:{contact}").IngestAsync(batch);
            if (Interlocked.Increment(ref done) % 10_000 == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {done} conversations active ({(DateTime.UtcNow - started).TotalSeconds:F0} s)"));
            }
        });

        var after = await LiveBytesAsync(management, http, metricsUrl);
        var activations = await management.GetTotalActivationCount();
        var source = metricsUrl.Length > 0 ? "live heap after a full GC (runtime meter)" : "managed heap after GC (Orleans statistics)";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"memory: {conversations} conversations x {messages} messages; silo {source} {before / 1048576.0:F1} MB -> {after / 1048576.0:F1} MB; activations {idle} -> {activations}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"memory: managed bytes per active conversation: {(after - before) / (double)conversations:F0} (per new activation: {(after - before) / (double)Math.Max(1, activations - idle):F0})"));
        await host.StopAsync();
        return 0;
    }

    private static async Task<long> LiveBytesAsync(IManagementGrain management, HttpClient http, string metricsUrl)
    {
        var silos = (await management.GetHosts(onlyActive: true)).Keys.ToArray();
        // Twice: objects kept alive only by a finalizer the first collection queued are gone after the second.
        await management.ForceGarbageCollection(silos);
        await management.ForceGarbageCollection(silos);
        if (metricsUrl.Length == 0)
        {
            await management.ForceRuntimeStatisticsCollection(silos);
            var statistics = await management.GetRuntimeStatistics(silos);
            return statistics.Sum(s => s.EnvironmentStatistics.RawMemoryUsageBytes);
        }

        // The exporter may answer from a cache of a few hundred milliseconds: read after it expired.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var text = await http.GetStringAsync(metricsUrl.TrimEnd('/') + "/metrics");
        return Sum(text, "dotnet_gc_last_collection_heap_size_bytes") - Sum(text, "dotnet_gc_last_collection_heap_fragmentation_size_bytes");
    }

    // One value per generation: "name{gc_heap_generation="gen0",...} 123".
    private static long Sum(string metrics, string name)
    {
        var lines = metrics.Split('\n').Where(line => line.StartsWith(name + "{", StringComparison.Ordinal)).ToList();
        return lines.Count == 0
            ? throw new InvalidOperationException($"The metrics have no {name} (is the System.Runtime meter exported?).")
            : lines.Sum(line => (long)double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }
}
