using System.Globalization;
using Microsoft.Extensions.Hosting;

namespace WaApp.Bench;

/// <summary>
/// Deactivates every idle grain of the cluster (as grain collection does after its age limit), so the next message of
/// a known customer meets a conversation that is not active: the "returning customer" of the bench. The silo keeps
/// its hint of the streams that exist, as it would after a real collection.
/// </summary>
internal static class ActivationCollector
{
    public static async Task<int> RunAsync(BenchArguments args)
    {
        using var host = await BenchClusterClient.StartAsync(args);
        var management = host.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);

        var (before, after) = await CollectIdleAsync(management);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"collected idle activations: {before} -> {after}"));
        await host.StopAsync();
        return 0;
    }

    /// <summary>Deactivates every idle activation; the activation counts before and after.</summary>
    public static async Task<(int Before, int After)> CollectIdleAsync(IManagementGrain management)
    {
        var before = await management.GetTotalActivationCount();
        await management.ForceActivationCollection(TimeSpan.Zero);
        // Deactivation runs in the background of each silo: wait (bounded) until the count stops falling.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var after = await management.GetTotalActivationCount();
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            var now = await management.GetTotalActivationCount();
            if (now >= after)
            {
                break;
            }

            after = now;
        }

        return (before, after);
    }
}
