using Microsoft.Extensions.Options;
using WaApp.Grains.Abstractions.LiveFeed;

namespace WaApp.Grains.LiveFeed;

/// <summary>
/// In-memory on purpose: the gateways hold the truth (their open sockets) and re-register every few seconds, so a
/// registry lost with its silo is whole again one registration interval after it reactivates elsewhere.
/// </summary>
public sealed class LiveFeedRegistryGrain(IOptions<LiveFeedOptions> options, TimeProvider clock) : Grain, ILiveFeedRegistryGrain
{
    private readonly Dictionary<ILiveFeedObserver, Registration> _registrations = [];

    // Silos re-read the registry on this period; the margin covers the read itself.
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMilliseconds(500);

    public Task<TimeSpan> RegisterAsync(ILiveFeedObserver observer, IReadOnlyList<string> businesses)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _registrations[observer] = new Registration(businesses, clock.GetUtcNow());
        return Task.FromResult(options.Value.AudienceRefreshInterval + RefreshMargin);
    }

    public Task UnregisterAsync(ILiveFeedObserver observer)
    {
        _registrations.Remove(observer);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<LiveFeedSubscriber>> GetSubscribersAsync()
    {
        var oldest = clock.GetUtcNow() - options.Value.SubscriberExpiry;
        foreach (var expired in _registrations.Where(pair => pair.Value.At < oldest).Select(pair => pair.Key).ToList())
        {
            _registrations.Remove(expired);
        }

        IReadOnlyList<LiveFeedSubscriber> subscribers = [.. _registrations.Select(pair => new LiveFeedSubscriber(pair.Key, pair.Value.Businesses))];
        return Task.FromResult(subscribers);
    }

    private sealed record Registration(IReadOnlyList<string> Businesses, DateTimeOffset At);
}
