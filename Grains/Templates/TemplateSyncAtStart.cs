using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.Templates;
using WaApp.Grains.Hosting;

namespace WaApp.Grains.Templates;

/// <summary>
/// Once the silo runs, syncs the templates of every account WaApp knows (from the business directory), so a
/// template created or reviewed while WaApp was down is known before the first send. Each silo of a cluster does it;
/// the catalog grain serialises the syncs and skips writes that change nothing.
/// </summary>
public sealed partial class TemplateSyncAtStart(IGrainFactory grains, IHostApplicationLifetime lifetime, ILogger<TemplateSyncAtStart> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await ApplicationStarted.WaitAsync(lifetime, stoppingToken))
        {
            return;
        }

        try
        {
            var numbers = await grains.GetGrain<IBusinessDirectoryGrain>(IBusinessDirectoryGrain.Key).ListAsync();
            var summaries = await Task.WhenAll(numbers.Select(number => grains.GetGrain<IBusinessGrain>(number).GetSummaryAsync()));
            var accounts = summaries.Select(summary => summary?.WabaId).OfType<string>().Where(id => id.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            foreach (var account in accounts)
            {
                stoppingToken.ThrowIfCancellationRequested();
                await grains.GetGrain<ITemplateCatalogGrain>(account).SyncAsync();
            }

            LogSynced(logger, accounts.Count);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Not fatal: each catalog syncs again when it is first used and every sync interval.
            LogFailed(logger, exception);
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Start-up template sync asked {Accounts} business accounts")]
    private static partial void LogSynced(ILogger logger, int accounts);

    [LoggerMessage(2, LogLevel.Warning, "Start-up template sync failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
