using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using WaApp.CloudApiSimulator.Options;
using WaApp.CloudApiSimulator.Sending;

namespace WaApp.CloudApiSimulator.Webhooks;

/// <summary>
/// Plays the lifecycle of each accepted message: <c>sent</c>, then <c>delivered</c>, then <c>read</c>, each after its
/// configured delay and each only after the previous webhook was delivered, so the gateway sees them in order.
/// Reactions only get <c>sent</c>, as on WhatsApp.
/// </summary>
public sealed class StatusPipeline(
    WebhookSender sender,
    IOptionsMonitor<SimulatorOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<StatusPipeline> logger)
{
    private readonly ConcurrentDictionary<Task, byte> _running = new();

    /// <summary>Messages whose statuses are still being played.</summary>
    public int InFlight => _running.Count;

    public void Start(AcceptedMessage message, MetaError? failure = null)
    {
        var task = Task.Run(() => PlayAsync(message, failure, lifetime.ApplicationStopping));
        _running.TryAdd(task, 0);
        task.ContinueWith(finished => _running.TryRemove(finished, out _), TaskScheduler.Default);
    }

    private async Task PlayAsync(AcceptedMessage message, MetaError? failure, CancellationToken stopping)
    {
        try
        {
            var settings = options.CurrentValue;
            await Task.Delay(settings.SentDelay, time, stopping);
            if (failure is not null)
            {
                await EmitAsync(message, "failed", failure, stopping);
                return;
            }

            await EmitAsync(message, "sent", null, stopping);
            if (message.Type == "reaction")
            {
                return;
            }

            await Task.Delay(settings.DeliveredDelay, time, stopping);
            await EmitAsync(message, "delivered", null, stopping);
            if (settings.SendReadStatus)
            {
                await Task.Delay(settings.ReadDelay, time, stopping);
                await EmitAsync(message, "read", null, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down: statuses still pending are dropped, as when a device never comes online.
        }
        catch (Exception exception)
        {
            SimulatorLog.StatusPlaybackFailed(logger, exception, message.PhoneNumberId);
        }
    }

    private Task EmitAsync(AcceptedMessage message, string status, MetaError? error, CancellationToken stopping)
    {
        var settings = options.CurrentValue;
        var payload = WebhookPayloads.Status(
            settings.WabaId,
            message.PhoneNumberId,
            settings.DisplayPhoneNumberFor(message.PhoneNumberId),
            message,
            status,
            time.GetUtcNow(),
            error);
        return sender.DeliverAsync("status", message.MessageId, status, payload, retry: true, stopping);
    }
}
