using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using WaApp.Grains.Abstractions.Outbound;
using WaApp.WhatsApp.Graph;

namespace WaApp.Grains.Outbound;

/// <summary>
/// Sends every message of one business number. Calls interleave (the grain is reentrant) so that many callers can
/// wait at once while a single pump takes messages from the two lanes at the number's rate and keeps requests in
/// flight concurrently. Errors are handled by class: throughput and transient errors pause the number or the
/// message and retry it, the pair rate limit (131056) holds only that recipient, everything else ends the message.
/// An unknown outcome is never retried here: the Messages API has no idempotency key.
/// </summary>
[Reentrant]
public sealed class SenderGrain(
    IGraphApiClient graph,
    IOptionsMonitor<SenderOptions> options,
    TimeProvider clock,
    ILogger<SenderGrain> logger) : Grain, ISenderGrain
{
    /// <summary>Errors that mean the whole number (or app/WABA) is over a limit or briefly unavailable.</summary>
    private static readonly HashSet<int> NumberWideCodes = [130429, 80007, 4, 131057];

    private readonly CancellationTokenSource _stopping = new();
    private SenderOptions _settings = null!;
    private SendQueue _queue = null!;
    private TokenBucket _bucket = null!;
    private string _phoneNumberId = string.Empty;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;
    private int _inFlight;
    private Task? _pump;
    private TaskCompletionSource _wake = NewSignal();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _phoneNumberId = this.GetPrimaryKeyString();
        _settings = options.CurrentValue;
        _queue = new SendQueue(_settings.LiveQueueCapacity, _settings.BulkQueueCapacity, _settings.LiveWeight);
        _bucket = new TokenBucket(_settings.RateFor(_phoneNumberId), clock.GetUtcNow());
        SenderLog.Started(logger, _phoneNumberId, _bucket.PerSecond);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Waiting messages were never sent: say so. Open requests see the cancellation and report unknown.
        foreach (var item in _queue.Drain())
        {
            item.Completion.TrySetResult(new SendRejected("The sender stopped before the message was sent; it was not sent."));
        }

        await _stopping.CancelAsync();
        _wake.TrySetResult();
    }

    public Task<SendOutcome> SendAsync(OutboundSend send)
    {
        ArgumentNullException.ThrowIfNull(send);
        var request = OutboundRequests.TryBuild(send, out var problem);
        if (request is null)
        {
            SenderLog.Invalid(logger, _phoneNumberId, problem!);
            return Task.FromResult<SendOutcome>(new SendFailed(GraphError.NoGraphCode, "Invalid message", problem, SendErrorClass.NeverRetry, Attempts: 0));
        }

        var item = new QueuedSend(send, request, clock.GetUtcNow());
        if (!_queue.TryEnqueue(item))
        {
            var capacity = _queue.Capacity(send.Lane);
            SenderLog.QueueFull(logger, _phoneNumberId, send.Lane, capacity);
            return Task.FromResult<SendOutcome>(new SendRejected(
                $"The {send.Lane.ToString().ToLowerInvariant()} queue of {_phoneNumberId} is full ({capacity} messages waiting); the message was not sent. Try again later."));
        }

        EnsurePumping();
        return item.Completion.Task;
    }

    public Task<SenderQueueState> GetQueueStateAsync() =>
        Task.FromResult(new SenderQueueState(_queue.LiveCount, _queue.BulkCount, _inFlight));

    /// <summary>Starts the pump when it is not running (it may have finished synchronously), and wakes it.</summary>
    private void EnsurePumping()
    {
        if (_pump is null || _pump.IsCompleted)
        {
            _pump = PumpAsync();
        }

        _wake.TrySetResult();
    }

    /// <summary>Runs on the activation's scheduler while messages wait; a new one starts with the next message.</summary>
    private async Task PumpAsync()
    {
        while (!_stopping.IsCancellationRequested && _queue.Count > 0)
        {
            var now = clock.GetUtcNow();
            ExpireOld(now);
            if (_queue.Count == 0)
            {
                break;
            }

            if (_pausedUntil > now)
            {
                await WaitAsync(_pausedUntil - now);
                continue;
            }

            if (_inFlight >= _settings.MaxInFlight)
            {
                await WaitAsync(null);
                continue;
            }

            if (!_bucket.IsAvailable(now, out var refill))
            {
                await WaitAsync(refill);
                continue;
            }

            var item = _queue.TryDequeue(now, out var retryAt);
            if (item is null)
            {
                await WaitAsync(retryAt is { } at ? at - now : null);
                continue;
            }

            _bucket.Take(now);
            _ = SendOneAsync(item);
        }
    }

    private async Task SendOneAsync(QueuedSend item)
    {
        _inFlight++;
        _queue.MarkInFlight(item.Recipient);
        item.Attempts++;
        SendResult result;
        try
        {
            result = await graph.SendMessageAsync(_phoneNumberId, item.Request, _stopping.Token);
        }
        catch (OperationCanceledException)
        {
            result = new SendResult.Unknown("The sender stopped while the request was open.");
        }
        catch (Exception exception)
        {
            SenderLog.SendCrashed(logger, _phoneNumberId, exception);
            result = new SendResult.Unknown($"Sending failed unexpectedly: {exception.GetType().Name}.");
        }
        finally
        {
            _inFlight--;
            _queue.MarkDone(item.Recipient);
        }

        if (result is SendResult.Failed failed && ScheduleRetry(item, failed.Error))
        {
            _queue.Requeue(item);
            EnsurePumping();
        }
        else
        {
            item.Completion.TrySetResult(OutboundRequests.ToOutcome(result, item.Attempts));
        }

        _wake.TrySetResult();
    }

    /// <summary>True when the message goes back to its lane for another try; sets the pause, hold or retry time.</summary>
    private bool ScheduleRetry(QueuedSend item, GraphError error)
    {
        if (_stopping.IsCancellationRequested || GraphRetryAdvice.DelayBeforeRetry(error, item.Attempts) is not { } advised)
        {
            return false;
        }

        if (item.Attempts >= _settings.MaxAttempts)
        {
            SenderLog.GaveUp(logger, _phoneNumberId, item.Attempts, error.Code);
            return false;
        }

        var delay = advised * (1 + (Random.Shared.NextDouble() * _settings.BackoffJitter));
        var until = clock.GetUtcNow() + delay;
        if (until - item.EnqueuedAt > _settings.MaxQueueTime)
        {
            SenderLog.GaveUp(logger, _phoneNumberId, item.Attempts, error.Code);
            return false;
        }

        if (NumberWideCodes.Contains(error.Code))
        {
            if (until > _pausedUntil)
            {
                _pausedUntil = until;
            }

            SenderLog.NumberPaused(logger, _phoneNumberId, delay, error.Code, item.Attempts);
        }
        else if (error.Class == GraphErrorClass.RetryRecipientLater)
        {
            _queue.Hold(item.Recipient, until);
            SenderLog.RecipientHeld(logger, _phoneNumberId, delay, item.Attempts);
        }
        else
        {
            item.NotBefore = until;
            SenderLog.RetryScheduled(logger, _phoneNumberId, delay, error.Code, item.Attempts);
        }

        return true;
    }

    private void ExpireOld(DateTimeOffset now)
    {
        var expired = _queue.RemoveEnqueuedBefore(now - _settings.MaxQueueTime);
        if (expired.Count == 0)
        {
            return;
        }

        SenderLog.Expired(logger, _phoneNumberId, expired.Count, _settings.MaxQueueTime);
        foreach (var item in expired)
        {
            item.Completion.TrySetResult(new SendRejected(
                $"The message waited longer than {_settings.MaxQueueTime} for a free slot on {_phoneNumberId}; it was not sent."));
        }
    }

    /// <summary>Sleeps until <paramref name="delay"/> passes (forever when null) or something changes.</summary>
    private async Task WaitAsync(TimeSpan? delay)
    {
        var wake = _wake.Task;
        if (!wake.IsCompleted)
        {
            // Without a deadline, still look again now and then so that old messages expire on time.
            var timeout = delay is { } d && d < _settings.MaxQueueTime ? d : _settings.MaxQueueTime;
            await Task.WhenAny(wake, Task.Delay(timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout, clock, _stopping.Token));
        }

        _wake = NewSignal();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
