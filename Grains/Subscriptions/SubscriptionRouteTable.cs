using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WaApp.Grains.Abstractions.Subscriptions;
using WaApp.Grains.Abstractions.Tenants;
using WaApp.Grains.Hosting;

namespace WaApp.Grains.Subscriptions;

/// <summary>
/// This silo's copy of which subscriptions hear of which business number, so a conversation decides whom to notify
/// without a grain call or a store read (and numbers without subscriptions cost nothing at all).
/// </summary>
public sealed class SubscriptionRouteTable
{
    private volatile SubscriptionRoutes? _routes;

    public long Version => _routes?.Version ?? -1;

    public IReadOnlyList<string> For(string phoneNumberId) =>
        _routes?.SubscriptionsByNumber.GetValueOrDefault(phoneNumberId) ?? [];

    /// <summary>The subscriptions that asked for the template events of business account <paramref name="businessAccountId"/>.</summary>
    public IReadOnlyList<string> ForAccount(string businessAccountId) =>
        _routes?.SubscriptionsByAccount.GetValueOrDefault(businessAccountId) ?? [];

    public IReadOnlyList<string> All => _routes?.SubscriptionIds ?? [];

    public void Replace(SubscriptionRoutes routes) => _routes = routes;
}

/// <summary>
/// Keeps <see cref="SubscriptionRouteTable"/> current from the tenant registry and wakes every subscription it has not
/// seen before (all of them once after a start), and all of them every <see cref="WakeInterval"/>, so a dispatcher
/// whose silo died resumes from its cursors without waiting for the next event of its tenant.
/// </summary>
public sealed partial class SubscriptionRouteRefresher(
    IGrainFactory grains,
    SubscriptionRouteTable table,
    IOptions<SubscriptionOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<SubscriptionRouteRefresher> logger) : BackgroundService
{
    /// <summary>How often every subscription is woken (a one-way call; an active dispatcher ignores it).</summary>
    public static readonly TimeSpan WakeInterval = TimeSpan.FromSeconds(30);

    private DateTime _lastWakeAll = DateTime.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await ApplicationStarted.WaitAsync(lifetime, stoppingToken))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var known = table.All.ToHashSet(StringComparer.Ordinal);
                if (await grains.GetGrain<ITenantRegistryGrain>(ITenantRegistryGrain.Key).GetSubscriptionRoutesAsync(table.Version) is { } routes)
                {
                    table.Replace(routes);
                }

                var wakeAll = DateTime.UtcNow - _lastWakeAll >= WakeInterval;
                if (wakeAll)
                {
                    _lastWakeAll = DateTime.UtcNow;
                }

                foreach (var id in table.All.Where(id => wakeAll || !known.Contains(id)))
                {
                    await grains.GetGrain<ISubscriptionGrain>(id).WakeAsync();
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogRefreshFailed(logger, exception);
            }

            try
            {
                await Task.Delay(options.Value.RouteRefreshInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(1, LogLevel.Debug, "Refreshing the subscription routes failed; the previous copy stays in use")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
