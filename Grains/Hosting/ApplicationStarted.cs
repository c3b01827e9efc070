using Microsoft.Extensions.Hosting;

namespace WaApp.Grains.Hosting;

/// <summary>For background services that call grains: the silo accepts calls only once the host has started.</summary>
internal static class ApplicationStarted
{
    /// <summary>Completes when the host has started: true, or false when it is stopping first.</summary>
    public static async Task<bool> WaitAsync(IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task;
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }
}
