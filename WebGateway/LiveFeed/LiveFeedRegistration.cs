using Microsoft.Extensions.Options;
using WaApp.Grains.Abstractions.LiveFeed;

namespace WaApp.WebGateway.LiveFeed;

/// <summary>
/// Keeps this gateway registered with the cluster's <see cref="ILiveFeedRegistryGrain"/>: at once when its
/// sockets' subscriptions change, and every <see cref="LiveSocketOptions.RegistrationInterval"/> regardless, so a
/// registry that reactivated on another silo after a failure learns about this gateway within one interval.
/// </summary>
public sealed class LiveFeedRegistration(
    IClusterClient cluster,
    LiveFeedHub hub,
    IOptions<LiveSocketOptions> options,
    ILogger<LiveFeedRegistration> logger) : BackgroundService
{
    private ILiveFeedObserver? _reference;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The hub stays referenced by this singleton: Orleans holds observers weakly.
        _reference = cluster.CreateObjectReference<ILiveFeedObserver>(hub);
        var registry = cluster.GetGrain<ILiveFeedRegistryGrain>(ILiveFeedRegistryGrain.Key);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var businesses = hub.WatchedBusinesses();
                var settle = await registry.RegisterAsync(_reference, businesses);
                if (!hub.IsEffective(businesses))
                {
                    // New businesses: every silo picks them up within the settle time; then subscribers are told.
                    await Task.Delay(settle, stoppingToken);
                }

                hub.MarkEffective(businesses);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LiveFeedLog.RegistrationFailed(logger, exception.GetType().Name);
            }

            try
            {
                await hub.WaitForChangeAsync(options.Value.RegistrationInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_reference is not null)
        {
            try
            {
                await cluster.GetGrain<ILiveFeedRegistryGrain>(ILiveFeedRegistryGrain.Key).UnregisterAsync(_reference).WaitAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The entry expires on its own.
            }

            try
            {
                cluster.DeleteObjectReference<ILiveFeedObserver>(_reference);
            }
            catch (ArgumentException)
            {
                // The cluster client stopped first and already dropped its object references; nothing to release.
            }
        }
    }
}
