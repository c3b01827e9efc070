using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WaApp.EventSourcing.Storage;
using WaApp.Grains.Abstractions.Subscriptions;
using WaApp.Grains.Abstractions.Tenants;
using WaApp.Grains.Metrics;

namespace WaApp.Grains.Subscriptions;

/// <summary>
/// One subscription's dispatcher (see <see cref="ISubscriptionGrain"/>). Conversations (and, for template events,
/// business accounts) notify it one-way after their events are confirmed; it reads each log from its cursor and
/// delivers the events the subscription
/// asked for one at a time per conversation (so in order), up to <see cref="SubscriptionOptions.MaxInFlight"/>
/// conversations at once (so one stuck conversation holds up no other). A failed event is retried with exponential
/// backoff and jitter until <see cref="SubscriptionOptions.RetryBudget"/>; then the whole subscription pauses until
/// resumed. Cursors are written lazily: after a crash the last written ones (and the recovery scan) re-deliver what
/// may not have been acknowledged, so a receiver sees duplicates (with the same delivery id), never a gap.
/// </summary>
public sealed partial class SubscriptionGrain(
    [PersistentState("subscription")] IPersistentState<SubscriptionState> state,
    IEventStore store,
    SubscriptionSender sender,
    SubscriptionMetrics metrics,
    IOptions<SubscriptionOptions> options,
    TimeProvider clock,
    ILogger<SubscriptionGrain> logger)
    : Grain, ISubscriptionGrain
{
    private const int ReadPage = 100;

    private readonly Dictionary<string, Task> _workers = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private SubscriptionTarget? _target;
    private HashSet<string> _events = [];
    private bool _dirty;
    private bool _forgotten;

    private SubscriptionOptions Options => options.Value;

    private string Id => this.GetPrimaryKeyString();

    private bool IsPaused => state.State.PausedAt is not null;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await LoadTargetAsync();
        var interval = Options.CursorFlushInterval;
        // Keep-alive: a dispatcher with a receiver that is down waits between retries with no call arriving.
        this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(interval, interval) { KeepAlive = true });
        if (_target is not null)
        {
            await RecoverAsync();
            Pump();
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        metrics.Waiting(Id, string.Empty, 0);
        if (_dirty && !_forgotten)
        {
            await FlushAsync();
        }
    }

    public Task NotifyAsync(string streamId, int fromVersion, int headVersion)
    {
        if (_target is null || !Covers(streamId))
        {
            return Task.CompletedTask;
        }

        Track(streamId, fromVersion, headVersion);
        Pump();
        return Task.CompletedTask;
    }

    public Task WakeAsync()
    {
        Pump();
        return Task.CompletedTask;
    }

    public Task<SubscriptionStatus> GetStatusAsync() => Task.FromResult(new SubscriptionStatus(
        IsPaused ? "paused" : "active",
        state.State.PausedAt,
        state.State.PausedReason,
        state.State.Cursors.Values.Count(cursor => cursor.Next < cursor.Head)));

    public Task<IReadOnlyList<SubscriptionDeliveryAttempt>> GetDeliveriesAsync() =>
        Task.FromResult<IReadOnlyList<SubscriptionDeliveryAttempt>>([.. Enumerable.Reverse(state.State.Recent)]);

    public async Task ResumeAsync()
    {
        if (!IsPaused)
        {
            return;
        }

        state.State.PausedAt = null;
        state.State.PausedReason = null;

        // A fresh retry budget: the event that ran out of it is tried again for as long as any other.
        foreach (var cursor in state.State.Cursors.Values)
        {
            cursor.FailingSince = null;
        }

        await FlushAsync();
        LogResumed(logger, Id);
        Pump();
    }

    public async Task<SubscriptionReplayOutcome> ReplayAsync(SubscriptionReplay replay)
    {
        await LoadTargetAsync();
        if (_target is null)
        {
            return SubscriptionReplayOutcome.NotFound;
        }

        if (replay.StreamId is { } streamId)
        {
            if (!Covers(streamId))
            {
                return SubscriptionReplayOutcome.NotFound;
            }

            Rewind(streamId, replay.AfterVersion + 1);
        }
        else if (replay.Since is { } since)
        {
            if (!await RewindSinceAsync(since))
            {
                return SubscriptionReplayOutcome.NoActivityIndex;
            }
        }

        await FlushAsync();
        Pump();
        return SubscriptionReplayOutcome.Started;
    }

    public async Task ForgetAsync()
    {
        _forgotten = true;
        await _stopping.CancelAsync();
        await state.ClearStateAsync();
        DeactivateOnIdle();
    }

    private void Track(string streamId, int fromVersion, int headVersion)
    {
        var now = clock.GetUtcNow();
        if (!state.State.Cursors.TryGetValue(streamId, out var cursor))
        {
            // A conversation this subscription holds no cursor for starts at the first event it is told of.
            cursor = new SubscriptionCursor { Next = Math.Max(0, fromVersion), Head = headVersion };
            state.State.Cursors[streamId] = cursor;
        }

        cursor.Head = Math.Max(cursor.Head, headVersion);
        cursor.TouchedAt = now;
        _dirty = true;
    }

    /// <summary>
    /// Moves a conversation's cursor back to <paramref name="next"/> (never forward), so the events from there that were
    /// committed at or after <paramref name="notBefore"/> (all, when null) are delivered again.
    /// </summary>
    private void Rewind(string streamId, int next, DateTimeOffset? notBefore = null)
    {
        next = Math.Max(0, next);
        if (!state.State.Cursors.TryGetValue(streamId, out var cursor))
        {
            cursor = new SubscriptionCursor { Next = next, Head = next + 1, NotBefore = notBefore };
            state.State.Cursors[streamId] = cursor;
        }
        else if (next < cursor.Next)
        {
            cursor.Next = next;
            cursor.NotBefore = notBefore;
            cursor.FailingSince = null;
            cursor.Generation++;
        }

        // The end is found by reading: a head past the cursor makes a worker look.
        cursor.Head = Math.Max(cursor.Head, cursor.Next + 1);
        cursor.TouchedAt = clock.GetUtcNow();
        _dirty = true;
    }

    private void Pump()
    {
        if (_target is null || IsPaused || _forgotten)
        {
            return;
        }

        foreach (var (streamId, cursor) in state.State.Cursors)
        {
            if (_workers.Count >= Options.MaxInFlight)
            {
                return;
            }

            if (cursor.Next < cursor.Head && !_workers.ContainsKey(streamId))
            {
                _workers[streamId] = RunAsync(streamId);
            }
        }
    }

    private async Task RunAsync(string streamId)
    {
        // Let the caller finish its turn first: the worker runs on this activation's scheduler, between calls.
        await Task.Yield();
        try
        {
            await DeliverStreamAsync(streamId);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A store read failed: the cursor stays, and the next tick or notification starts the conversation again.
            LogWorkerFailed(logger, Id, exception);
        }
        catch (OperationCanceledException)
        {
            // Deactivating or deleted.
        }
        finally
        {
            _workers.Remove(streamId);
            Pump();
        }
    }

    private async Task DeliverStreamAsync(string streamId)
    {
        // An account log the tenant no longer holds (its numbers moved) is never read again: tenant isolation.
        if (SubscriptionSource.Of(streamId) is not { } source || (source is AccountSource && !Covers(streamId)))
        {
            state.State.Cursors.Remove(streamId);
            _dirty = true;
            return;
        }

        while (!IsPaused && !_forgotten && state.State.Cursors.TryGetValue(streamId, out var cursor) && cursor.Next < cursor.Head)
        {
            var generation = cursor.Generation;
            var headBeforeRead = cursor.Head;
            var page = await store.ReadAsync(streamId, cursor.Next, ReadPage, _stopping.Token);
            if (generation != cursor.Generation)
            {
                continue;
            }

            foreach (var recorded in page.Events)
            {
                if (!(recorded.CommittedAt < cursor.NotBefore) && source.Read(recorded) is { } item && _events.Contains(item.Type))
                {
                    var outcome = await DeliverAsync(streamId, item, recorded, cursor, generation);
                    if (outcome == Delivery.Stopped)
                    {
                        return;
                    }

                    if (outcome == Delivery.Rewound || generation != cursor.Generation)
                    {
                        break;
                    }
                }

                if (generation != cursor.Generation)
                {
                    break;
                }

                cursor.Next = recorded.Version + 1;
                _dirty = true;
            }

            if (generation != cursor.Generation)
            {
                continue;
            }

            // The log's end is the truth: a lost notification is caught up with here, and a head a replay guessed
            // past the end is corrected, unless a notification raised it meanwhile.
            if (!page.IsEndOfStream)
            {
                cursor.Head = Math.Max(cursor.Head, page.NextVersion + 1);
            }
            else if (cursor.Head == headBeforeRead)
            {
                cursor.Head = cursor.Next;
            }
            else
            {
                cursor.Head = Math.Max(cursor.Head, cursor.Next);
            }
        }
    }

    private async Task<Delivery> DeliverAsync(string streamId, SubscriptionEvent item, RecordedEvent recorded, SubscriptionCursor cursor, int generation)
    {
        var target = _target!;
        var tenantId = target.Details.TenantId;
        var deliveryId = SubscriptionPayload.DeliveryId(Id, streamId, recorded.Version);
        var body = SubscriptionPayload.Build(deliveryId, tenantId, item, recorded);

        // The cursor stays on the event until it is acknowledged, so a first failure it carries is this event's: kept
        // (written with the cursors) so a dispatcher restarted mid-retry does not start the budget again.
        var delay = Options.FirstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            if (IsPaused || _forgotten || _target is null)
            {
                return Delivery.Stopped;
            }

            if (generation != cursor.Generation)
            {
                return Delivery.Rewound;
            }

            var outcome = await sender.PostAsync(_target.Details.Url, _target.Secret, deliveryId, body, _stopping.Token);
            var now = clock.GetUtcNow();
            Record(new SubscriptionDeliveryAttempt(deliveryId, item.Type, item.PhoneNumberId, recorded.Version, attempt, now, outcome.StatusCode, outcome.LatencyMilliseconds, outcome.Error, item.BusinessAccountId));
            metrics.Attempted(tenantId, item.Type, outcome.StatusCode, TimeSpan.FromMilliseconds(outcome.LatencyMilliseconds));
            if (outcome.Acknowledged)
            {
                metrics.Delivered(tenantId, item.Type, now - recorded.CommittedAt);
                if (cursor.FailingSince is not null && generation == cursor.Generation)
                {
                    cursor.FailingSince = null;
                    _dirty = true;
                }

                return Delivery.Delivered;
            }

            if (generation == cursor.Generation && cursor.FailingSince is null)
            {
                cursor.FailingSince = now;
                _dirty = true;
            }

            var firstFailure = cursor.FailingSince ?? now;
            LogAttemptFailed(logger, Id, attempt, outcome.StatusCode, outcome.Error);
            if (now - firstFailure >= Options.RetryBudget)
            {
                await PauseAsync($"Event {deliveryId} was not acknowledged for {Options.RetryBudget} ({attempt} attempts; last: {(outcome.StatusCode is { } status ? $"HTTP {status}" : outcome.Error)}).");
                return Delivery.Stopped;
            }

            // Exponential backoff with jitter (half to all of the delay), so receivers coming back are not hit in step.
            var wait = delay * (0.5 + (Random.Shared.NextDouble() * 0.5));
            var left = Options.RetryBudget - (now - firstFailure);
            await Task.Delay(wait < left ? wait : left, clock, _stopping.Token);
            delay = delay * 2 < Options.MaxRetryDelay ? delay * 2 : Options.MaxRetryDelay;
        }
    }

    private void Record(SubscriptionDeliveryAttempt attempt)
    {
        var recent = state.State.Recent;
        recent.Add(attempt);
        if (recent.Count > Options.RecentDeliveries)
        {
            recent.RemoveRange(0, recent.Count - Options.RecentDeliveries);
        }

        _dirty = true;
    }

    private async Task PauseAsync(string reason)
    {
        state.State.PausedAt = clock.GetUtcNow();
        state.State.PausedReason = reason;
        LogPaused(logger, Id, reason);
        if (_target is { } target)
        {
            metrics.Paused(target.Details.TenantId);
        }

        await FlushAsync();
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        if (_forgotten)
        {
            return;
        }

        await LoadTargetAsync();
        if (_target is null)
        {
            return;
        }

        PruneIdleCursors();
        await SweepAsync();
        if (_dirty)
        {
            await FlushAsync();
        }

        metrics.Waiting(Id, _target.Details.TenantId, state.State.Cursors.Values.Count(cursor => cursor.Next < cursor.Head));
        Pump();
    }

    // A caught-up conversation quiet for long is forgotten, so the stored state holds only conversations in motion.
    // Account cursors stay while the tenant holds the account: there are few, and one that started again would not
    // know where it had been.
    private void PruneIdleCursors()
    {
        var cutoff = clock.GetUtcNow() - Options.IdleCursorLifetime;
        foreach (var (streamId, cursor) in state.State.Cursors.Where(pair => pair.Value.Next >= pair.Value.Head
            && (SubscriptionPayload.AccountOf(pair.Key) is null ? pair.Value.TouchedAt < cutoff : !Covers(pair.Key))).ToList())
        {
            if (!_workers.ContainsKey(streamId))
            {
                state.State.Cursors.Remove(streamId);
                _dirty = true;
            }
        }
    }

    private async Task FlushAsync()
    {
        // Taken before the write: everything notified up to here is in the state being written.
        var checkpoint = clock.GetUtcNow();
        state.State.Checkpoint = checkpoint;
        _dirty = false;
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception exception)
        {
            _dirty = true;
            LogFlushFailed(logger, Id, exception);
        }
    }

    private async Task LoadTargetAsync()
    {
        var target = await GrainFactory.GetGrain<ITenantRegistryGrain>(ITenantRegistryGrain.Key).GetSubscriptionTargetAsync(Id);
        _target = target;
        _events = target is null ? [] : target.Details.Events.ToHashSet(StringComparer.Ordinal);
    }

    private bool Covers(string streamId) =>
        _target is { } target && (SubscriptionPayload.ConversationOf(streamId) is { } conversation
            ? target.PhoneNumberIds.Contains(conversation.PhoneNumberId, StringComparer.Ordinal)
            : SubscriptionPayload.AccountOf(streamId) is { } account && WantsTemplates && target.BusinessAccountIds.Contains(account, StringComparer.Ordinal));

    private enum Delivery
    {
        Delivered,
        Rewound,
        Stopped,
    }

    [LoggerMessage(1, LogLevel.Debug, "Subscription {SubscriptionId}: attempt {Attempt} failed ({StatusCode}, {Error})")]
    private static partial void LogAttemptFailed(ILogger logger, string subscriptionId, int attempt, int? statusCode, string? error);

    [LoggerMessage(2, LogLevel.Warning, "Subscription {SubscriptionId} paused: {Reason}")]
    private static partial void LogPaused(ILogger logger, string subscriptionId, string reason);

    [LoggerMessage(3, LogLevel.Information, "Subscription {SubscriptionId} resumed")]
    private static partial void LogResumed(ILogger logger, string subscriptionId);

    [LoggerMessage(4, LogLevel.Warning, "Subscription {SubscriptionId}: reading a conversation's events failed; retried on the next tick")]
    private static partial void LogWorkerFailed(ILogger logger, string subscriptionId, Exception exception);

    [LoggerMessage(5, LogLevel.Warning, "Subscription {SubscriptionId}: writing cursors failed; retried on the next tick")]
    private static partial void LogFlushFailed(ILogger logger, string subscriptionId, Exception exception);
}
