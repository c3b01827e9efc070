using Microsoft.Extensions.Logging;

namespace WaApp.Grains.Business;

/// <summary>
/// Empties this silo's <see cref="BusinessSettingsCache"/> when another silo leaves the cluster: the business
/// activations it held knew which caches watch them, and their next activations (elsewhere) do not, so a change made
/// there would reach no cache. Silos leave rarely; every number is read once more afterwards.
/// </summary>
public sealed partial class BusinessSettingsCacheLifecycle(
    BusinessSettingsCache cache,
    IClusterMembershipService membership,
    ILogger<BusinessSettingsCacheLifecycle> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _watching = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(BusinessSettingsCacheLifecycle), ServiceLifecycleStage.Active, OnStartAsync, OnStopAsync);

    private Task OnStartAsync(CancellationToken cancellationToken)
    {
        cache.CreateReference();
        _watching = Task.Run(() => WatchAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task OnStopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _watching.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task WatchAsync(CancellationToken stoppingToken)
    {
        var departed = new HashSet<SiloAddress>();
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                var left = false;
                foreach (var member in snapshot.Members.Values)
                {
                    if (member.Status == SiloStatus.Dead && departed.Add(member.SiloAddress))
                    {
                        left = true;
                    }
                }

                if (left)
                {
                    cache.Clear();
                    LogCleared(logger);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 3021, EventName = "BusinessSettingsCacheCleared", Level = LogLevel.Debug,
        Message = "A silo left the cluster: this silo reads every business number's settings afresh")]
    private static partial void LogCleared(ILogger logger);
}
