using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using WaApp.Grains.Abstractions.LiveFeed;
using WaApp.Grains.Abstractions.Outbound;
using WaApp.Grains.LiveFeed;
using WaApp.WhatsApp.Graph;

namespace WaApp.Grains.Outbound;

/// <summary>
/// Sends every message of one business number. Calls interleave (the grain is reentrant) so that many callers can
/// wait at once while a single pump takes messages from the two lanes at the number's rate and keeps requests in
/// flight concurrently. Errors are handled by class: throughput and transient errors pause the number or the
/// message and retry it, the pair rate limit (131056) holds only that recipient, everything else ends the message.
/// An unknown outcome is never retried here: the Messages API has no idempotency key.
/// Token, locked-account, billing and policy errors (and account bans, see <see cref="PauseSendingAsync"/>) open the
/// number's breaker instead: nothing more is sent, waiting messages stay queued (up to
/// <see cref="SenderOptions.MaxQueueTime"/>), and the pause is stored until an operator resumes it or the token changes.
/// </summary>
[Reentrant]
public sealed partial class SenderGrain(
    [PersistentState("sender")] IPersistentState<SenderState> state,
    IGraphApiClient graph,
    IOptionsMonitor<SenderOptions> options,
    IOptionsMonitor<GraphApiClientOptions> graphOptions,
    TimeProvider clock,
    ILiveFeedPublisher liveFeed,
    ILogger<SenderGrain> logger) : Grain, ISenderGrain
{
    /// <summary>Errors that mean the whole number (or app/WABA) is over a limit or briefly unavailable.</summary>
    private static readonly HashSet<int> NumberWideCodes = [130429, 80007, 4, 131057];

    /// <summary>How often a paused pump with waiting messages looks whether the access token changed.</summary>
    private static readonly TimeSpan PausedRecheck = TimeSpan.FromSeconds(1);

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

    public async Task<SendingStatus> GetSendingStatusAsync()
    {
        await ResumeIfTokenChangedAsync();
        return Status();
    }

    public async Task<SendingStatus> PauseSendingAsync(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        await PauseAsync(reason, code: null, failedToken: null);
        return Status();
    }

    public async Task<SendingStatus> ResumeSendingAsync()
    {
        await ResumeAsync("an operator resumed it");
        return Status();
    }

    /// <summary>Tells live clients of this number that its breaker opened or closed (REST shows the same status).</summary>
    private void PublishStatus() => liveFeed.Publish(_phoneNumberId, [LiveFrame.ForSending(_phoneNumberId, clock.GetUtcNow(), Status())]);

    private SendingStatus Status()
    {
        var current = state.State;
        return current.Paused ? new SendingStatus(SendingStatus.Paused, current.Reason, current.Since, current.Code) : SendingStatus.Running;
    }

    /// <summary>Opens the breaker (once: a pause already open keeps its first reason) and stores it.</summary>
    private async Task PauseAsync(string reason, int? code, string? failedToken)
    {
        var current = state.State;
        if (current.Paused)
        {
            return;
        }

        // Set before the write: requests finishing meanwhile see the pause and do not write it again.
        current.Paused = true;
        current.Reason = reason;
        current.Since = clock.GetUtcNow();
        current.Code = code;
        current.FailedTokenFingerprint = failedToken;
        SenderLog.SendingPaused(logger, _phoneNumberId, code ?? GraphError.NoGraphCode, _queue.Count);
        await WriteStateAsync();
        PublishStatus();
    }

    private async Task ResumeAsync(string why)
    {
        if (!state.State.Paused)
        {
            return;
        }

        state.State = new SenderState();
        SenderLog.SendingResumed(logger, _phoneNumberId, why, _queue.Count);
        await WriteStateAsync();
        PublishStatus();
        if (_queue.Count > 0)
        {
            EnsurePumping();
        }
    }

    /// <summary>Resumes a pause caused by a bad token once another token is configured (returns whether it did).</summary>
    private async Task<bool> ResumeIfTokenChangedAsync()
    {
        var failed = state.State.FailedTokenFingerprint;
        if (!state.State.Paused || failed is null || failed == SendingPauses.Fingerprint(graphOptions.CurrentValue.AccessToken))
        {
            return false;
        }

        await ResumeAsync("the access token changed");
        return true;
    }

    private async Task WriteStateAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception exception)
        {
            // The pause holds in memory either way; only a restart before the next write would forget it.
            SenderLog.PauseNotStored(logger, _phoneNumberId, exception);
        }
    }

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

            if (state.State.Paused)
            {
                if (!await ResumeIfTokenChangedAsync())
                {
                    await WaitAsync(PausedRecheck);
                }

                continue;
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

        if (result is SendResult.Failed stop && GraphErrorClassifier.PausesNumber(stop.Code) && !_stopping.IsCancellationRequested)
        {
            // Meta refused it, so it provably was not sent: it waits with the others for the breaker to close.
            var failedToken = GraphErrorClassifier.IsTokenError(stop.Code) ? SendingPauses.Fingerprint(graphOptions.CurrentValue.AccessToken) : null;
            _queue.Requeue(item);
            await PauseAsync(SendingPauses.ReasonFor(stop.Error), stop.Code, failedToken);
            EnsurePumping();
        }
        else if (result is SendResult.Failed failed && ScheduleRetry(item, failed.Error))
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
        var why = state.State.Paused
            ? $"The message waited longer than {_settings.MaxQueueTime} while sending from {_phoneNumberId} was paused ({state.State.Reason}); it was not sent."
            : $"The message waited longer than {_settings.MaxQueueTime} for a free slot on {_phoneNumberId}; it was not sent.";
        foreach (var item in expired)
        {
            item.Completion.TrySetResult(new SendRejected(why));
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
