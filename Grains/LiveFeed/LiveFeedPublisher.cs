using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WaApp.Grains.Abstractions.LiveFeed;

namespace WaApp.Grains.LiveFeed;

/// <summary>
/// Fans frames out from this silo to every gateway that watches their business, in the GPSTracker manner: grains
/// enqueue, one loop per silo coalesces what is waiting into one one-way call per gateway. Who watches what is
/// re-read from <see cref="ILiveFeedRegistryGrain"/> every <see cref="LiveFeedOptions.AudienceRefreshInterval"/>.
/// </summary>
public sealed partial class LiveFeedPublisher(IGrainFactory grains, IOptions<LiveFeedOptions> options, ILogger<LiveFeedPublisher> logger)
    : BackgroundService, ILiveFeedPublisher
{
    private const int MaxBatchesPerFanOut = 512;

    private readonly Channel<PendingFrames> _pending = Channel.CreateBounded<PendingFrames>(new BoundedChannelOptions(options.Value.MaxPendingBatches)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    private volatile Dictionary<string, ILiveFeedObserver[]> _audience = new(StringComparer.Ordinal);

    public bool IsWatched(string phoneNumberId) => _audience.ContainsKey(phoneNumberId);

    public void Publish(string phoneNumberId, IReadOnlyList<LiveFrame> frames)
    {
        if (frames.Count > 0)
        {
            _pending.Writer.TryWrite(new PendingFrames(phoneNumberId, frames));
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(RefreshAudienceAsync(stoppingToken), FanOutAsync(stoppingToken));

    private async Task RefreshAudienceAsync(CancellationToken stoppingToken)
    {
        // Observer -> (businesses, when the registry last listed it). A registry that just reactivated after its
        // silo died is empty until the gateways' next registration; an observer missing from one answer is kept until
        // SubscriberExpiry, so those seconds do not silently drop frames. Frames to a gateway that is really gone
        // are one-way calls that fail quietly.
        var known = new Dictionary<ILiveFeedObserver, (IReadOnlyList<string> Businesses, long ListedAt)>();
        var expiry = (long)options.Value.SubscriberExpiry.TotalMilliseconds;
        using var timer = new PeriodicTimer(options.Value.AudienceRefreshInterval);
        do
        {
            try
            {
                var subscribers = await grains.GetGrain<ILiveFeedRegistryGrain>(ILiveFeedRegistryGrain.Key).GetSubscribersAsync();
                var now = Environment.TickCount64;
                foreach (var subscriber in subscribers)
                {
                    known[subscriber.Observer] = (subscriber.Businesses, now);
                }

                foreach (var stale in known.Where(pair => now - pair.Value.ListedAt > expiry).Select(pair => pair.Key).ToList())
                {
                    known.Remove(stale);
                }

                _audience = known
                    .SelectMany(pair => pair.Value.Businesses.Select(business => (business, Observer: pair.Key)))
                    .GroupBy(pair => pair.business, StringComparer.Ordinal)
                    .ToDictionary(group => group.Key, group => group.Select(pair => pair.Observer).ToArray(), StringComparer.Ordinal);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The silo is starting or the registry's silo just died: keep the last audience and ask again.
                LogAudienceUnavailable(exception.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task FanOutAsync(CancellationToken stoppingToken)
    {
        var reader = _pending.Reader;
        var perObserver = new Dictionary<ILiveFeedObserver, List<LiveFrame>>();
        while (await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
        {
            var audience = _audience;
            for (var batches = 0; batches < MaxBatchesPerFanOut && reader.TryRead(out var pending); batches++)
            {
                foreach (var observer in audience.GetValueOrDefault(pending.PhoneNumberId) ?? [])
                {
                    if (!perObserver.TryGetValue(observer, out var frames))
                    {
                        perObserver[observer] = frames = [];
                    }

                    frames.AddRange(pending.Frames);
                }
            }

            foreach (var (observer, frames) in perObserver)
            {
                try
                {
                    await observer.ReceiveAsync(frames);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // A gateway that went away stops registering and expires; its frames are simply not delivered.
                    LogObserverUnreachable(exception.GetType().Name);
                }
            }

            perObserver.Clear();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Live feed audience not refreshed ({ExceptionType}); keeping the previous one.")]
    private partial void LogAudienceUnavailable(string exceptionType);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A live feed gateway did not take its frames ({ExceptionType}).")]
    private partial void LogObserverUnreachable(string exceptionType);

    private sealed record PendingFrames(string PhoneNumberId, IReadOnlyList<LiveFrame> Frames);
}
