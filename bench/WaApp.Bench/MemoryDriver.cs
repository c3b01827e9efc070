using System.Globalization;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using WaApp.DynamoDB.Hosting;
using WaApp.Grains.Abstractions.Conversations;

namespace WaApp.Bench;

/// <summary>
/// Activates many conversations through the cluster (each with a batch of stored messages), forces a GC in the
/// silos before and after, and reports managed bytes per active conversation from Orleans' runtime statistics.
/// </summary>
internal static class MemoryDriver
{
    public static async Task<int> RunAsync(BenchArguments args)
    {
        var conversations = args.Number("conversations", 100_000);
        var messages = args.Number("messages", 10);
        var concurrency = args.Number("concurrency", 128);
        var phoneNumberId = args.Text("phone-number-id", "100200300400501");
        var dynamo = new DynamoDBSettings { Service = args.Text("service"), TablePrefix = args.Text("table-prefix") };

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = args.Text("cluster-id");
                options.ServiceId = args.Text("service-id");
            });
            client.UseDynamoDBClustering(options => dynamo.Configure(options));
        });
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IClusterClient>();
        var management = grains.GetGrain<IManagementGrain>(0);

        var before = await ManagedBytesAsync(management);
        var started = DateTime.UtcNow;
        var done = 0;
        await Parallel.ForAsync(0, conversations, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (index, _) =>
        {
            var contact = (19_980_000_000L + index).ToString(CultureInfo.InvariantCulture);
            var batch = new ConversationUpdate[messages];
            for (var m = 0; m < messages; m++)
            {
                batch[m] = new InboundMessage(
                    string.Create(CultureInfo.InvariantCulture, $"wamid.memory.{index}.{m}"), contact, null, DateTimeOffset.UtcNow, "text",
                    string.Create(CultureInfo.InvariantCulture, $"Hello, this is message {m}. Is my order shipped yet?"), "Memory User",
                    "{\"type\":\"text\"}");
            }

            await grains.GetGrain<IConversationGrain>($"{phoneNumberId}:{contact}").IngestAsync(batch);
            if (Interlocked.Increment(ref done) % 10_000 == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {done} conversations active ({(DateTime.UtcNow - started).TotalSeconds:F0} s)"));
            }
        });

        var after = await ManagedBytesAsync(management);
        var activations = await management.GetTotalActivationCount();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"memory: {conversations} conversations x {messages} messages; silo managed heap after GC {before.Bytes / 1048576.0:F1} MB -> {after.Bytes / 1048576.0:F1} MB; {activations} activations"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"memory: managed bytes per active conversation: {(after.Bytes - before.Bytes) / (double)conversations:F0}"));
        await host.StopAsync();
        return 0;
    }

    private static async Task<(long Bytes, int Silos)> ManagedBytesAsync(IManagementGrain management)
    {
        var silos = (await management.GetHosts(onlyActive: true)).Keys.ToArray();
        await management.ForceGarbageCollection(silos);
        await management.ForceRuntimeStatisticsCollection(silos);
        var statistics = await management.GetRuntimeStatistics(silos);
        return (statistics.Sum(s => s.EnvironmentStatistics.RawMemoryUsageBytes), silos.Length);
    }
}
