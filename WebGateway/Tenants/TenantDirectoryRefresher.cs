using Microsoft.Extensions.Options;
using WaApp.Grains.Abstractions.Tenants;

namespace WaApp.WebGateway.Tenants;

/// <summary>
/// Keeps <see cref="TenantDirectory"/> current: every <see cref="TenantDirectoryOptions.RefreshInterval"/> it reports
/// key uses and asks the registry grain for a newer version (a grain call, no store operation; the answer is empty
/// when nothing changed). A revocation therefore reaches every gateway within about one interval.
/// </summary>
public sealed partial class TenantDirectoryRefresher(
    IGrainFactory grains,
    TenantDirectory directory,
    IOptions<TenantDirectoryOptions> options,
    ILogger<TenantDirectoryRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var registry = grains.GetGrain<ITenantRegistryGrain>(ITenantRegistryGrain.Key);
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var used = directory.TakeUsed();
            try
            {
                directory.Confirm(await registry.SyncAsync(directory.Version, used).WaitAsync(options.Value.MaxStaleness / 3, stoppingToken));
                if (failing)
                {
                    failing = false;
                    Recovered(logger, directory.Version);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                directory.ReturnUsed(used);
                if (!failing)
                {
                    failing = true;
                    RefreshFailed(logger, exception);
                }
            }

            try
            {
                await Task.Delay(options.Value.RefreshInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "The tenant directory could not be refreshed; retrying (tenant keys stop working once the copy is too old)")]
    private static partial void RefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(2, LogLevel.Information, "The tenant directory is current again at version {Version}")]
    private static partial void Recovered(ILogger logger, long version);
}
