using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WaApp.Grains.Abstractions.Business;

namespace WaApp.Grains.Business;

/// <summary>
/// Sends this silo's conversation reports to their business numbers: gathered for
/// <see cref="BusinessGrainOptions.ActivityReportInterval"/>, then one one-way call per number (at most
/// <see cref="BusinessGrainOptions.MaxReportsPerCall"/> reports each), instead of a call per committed message to the
/// number's single activation. A conversation's reports stay in order (<see cref="ActivityBatch"/>). What is held is
/// sent when the silo stops: once before its grains are deactivated (so the businesses write it with their last
/// state) and once after (what their last commits reported). A crash loses what was held, as it loses what a business
/// held in memory: the business reads it back from the activity index on its next activation
/// (<c>BusinessGrain.Recovery.cs</c>), or from the conversation when its next report leaves a gap.
/// </summary>
public sealed partial class BusinessActivityReporter(
    IGrainFactory grains,
    TimeProvider clock,
    IOptions<BusinessGrainOptions> options,
    ILogger<BusinessActivityReporter> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly Lock _gate = new();

    // Held by whoever sends, so two sends cannot overtake each other.
    private readonly Lock _sendGate = new();
    private Dictionary<string, ActivityBatch> _held = new(StringComparer.Ordinal);
    private ITimer? _timer;
    private bool _scheduled;

    // Before the silo is active and after it stopped, each report is sent at once.
    private bool _gathering;

    public void Participate(ISiloLifecycle lifecycle)
    {
        lifecycle.Subscribe(nameof(BusinessActivityReporter), ServiceLifecycleStage.Active, StartGathering, SendHeld);
        lifecycle.Subscribe(nameof(BusinessActivityReporter) + ".Last", ServiceLifecycleStage.ApplicationServices, _ => Task.CompletedTask, StopGathering);
    }

    /// <summary>Holds <paramref name="activity"/> for the next send to <paramref name="phoneNumberId"/>'s business.</summary>
    public void Report(string phoneNumberId, ConversationActivity activity)
    {
        lock (_gate)
        {
            if (_gathering)
            {
                if (!_held.TryGetValue(phoneNumberId, out var batch))
                {
                    _held[phoneNumberId] = batch = new ActivityBatch(options.Value.MaxReportsPerCall);
                }

                batch.Add(activity);
                if (!_scheduled)
                {
                    _scheduled = true;
                    _timer!.Change(options.Value.ActivityReportInterval, Timeout.InfiniteTimeSpan);
                }

                return;
            }
        }

        lock (_sendGate)
        {
            Send(phoneNumberId, [activity]);
        }
    }

    private Task StartGathering(CancellationToken cancellationToken)
    {
        if (options.Value.ActivityReportInterval <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        lock (_gate)
        {
            _timer ??= clock.CreateTimer(static state => ((BusinessActivityReporter)state!).SendHeld(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _gathering = true;
        }

        return Task.CompletedTask;
    }

    private Task SendHeld(CancellationToken cancellationToken)
    {
        SendHeld();
        return Task.CompletedTask;
    }

    private Task StopGathering(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _gathering = false;
        }

        SendHeld();
        return Task.CompletedTask;
    }

    private void SendHeld()
    {
        lock (_sendGate)
        {
            Dictionary<string, ActivityBatch> due;
            lock (_gate)
            {
                if (_held.Count == 0)
                {
                    _scheduled = false;
                    return;
                }

                due = _held;
                _held = new Dictionary<string, ActivityBatch>(StringComparer.Ordinal);
                _scheduled = false;
            }

            foreach (var (phoneNumberId, batch) in due)
            {
                foreach (var call in batch.Calls)
                {
                    if (call.Count > 0)
                    {
                        Send(phoneNumberId, call);
                    }
                }
            }
        }
    }

    private void Send(string phoneNumberId, IReadOnlyList<ConversationActivity> reports)
    {
        try
        {
            grains.GetGrain<IBusinessGrain>(phoneNumberId).ReportActivitiesAsync(reports).Ignore();
        }
        catch (Exception exception)
        {
            // One-way: nothing to wait for, and a report lost here is read back like one lost in a crash.
            LogSendFailed(logger, exception, reports.Count);
        }
    }

    public void Dispose() => _timer?.Dispose();

    [LoggerMessage(EventId = 3022, EventName = "BusinessReportsNotSent", Level = LogLevel.Warning,
        Message = "{Count} conversation reports could not be sent to their business; it reads them back from the conversations")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, int count);
}
