using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WaApp.EventSourcing.Storage;
using WaApp.Grains.Conversations;

namespace WaApp.Grains.Subscriptions;

/// <summary>
/// Finding conversations with events a dispatcher may not have delivered, from the activity index (the commits of a
/// business number by commit time): after a crash (cursors are written lazily), when a notification was lost (a silo
/// died between a commit and its notification, or had not yet learnt of a new subscription), and for replay from a time.
/// </summary>
public sealed partial class SubscriptionGrain
{
    // Where the next scan starts; it moves on only when a scan succeeded, so a failed one is repeated in full.
    private DateTimeOffset? _scanFrom;
    private DateTimeOffset _lastScan;

    private IStreamActivityIndex? ActivityIndex => ServiceProvider.GetService<IStreamActivityIndex>();

    // On activation: every conversation with commits since the last written checkpoint (less a margin for
    // notifications still under way when it was written), or since the subscription was created.
    private Task RecoverAsync()
    {
        _scanFrom = state.State.Checkpoint is { } checkpoint ? checkpoint - Options.RecoveryMargin : _target!.Details.CreatedAt;
        return SweepAsync(force: true);
    }

    // Periodically, the same scan over the time since the previous one (less the margin): the index is eventually
    // consistent and notifications are one-way, so this is what turns "usually notified" into "never skipped".
    private async Task SweepAsync(bool force = false)
    {
        var now = clock.GetUtcNow();
        if (!force && now - _lastScan < Options.SweepInterval)
        {
            return;
        }

        _lastScan = now;
        CatchUpAccounts();
        try
        {
            if (await ScanAsync(_scanFrom ?? now - Options.RecoveryMargin, rewind: false))
            {
                _scanFrom = now - Options.RecoveryMargin;
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogScanFailed(logger, Id, exception);
        }
    }

    private Task<bool> RewindSinceAsync(DateTimeOffset since)
    {
        RewindAccountsSince(since);
        return ScanAsync(since, rewind: true);
    }

    /// <summary>
    /// Reads the index for every number of the tenant since <paramref name="since"/>. A replay (<paramref name="rewind"/>)
    /// moves each conversation's cursor back so its events committed since then are delivered again; otherwise a
    /// conversation without a cursor starts there, and a caught-up one is read once more to its end.
    /// </summary>
    private async Task<bool> ScanAsync(DateTimeOffset since, bool rewind)
    {
        if (ActivityIndex is not { } index || _target is not { } target)
        {
            return false;
        }

        // The index names at least one commit of every conversation that committed since then, possibly an older one
        // (it samples busy conversations): start from the oldest named and pass over what came before the window.
        var firstVersions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var number in target.PhoneNumberIds)
        {
            await foreach (var activity in index.ReadActivityAsync(ConversationActivityKeys.ForBusiness(number), since, _stopping.Token))
            {
                firstVersions[activity.StreamId] = firstVersions.TryGetValue(activity.StreamId, out var first) ? Math.Min(first, activity.Version) : activity.Version;
            }
        }

        foreach (var (streamId, first) in firstVersions)
        {
            if (rewind || !state.State.Cursors.TryGetValue(streamId, out var cursor))
            {
                Rewind(streamId, first, since);
            }
            else if (cursor.Head <= cursor.Next)
            {
                // It may have commits the dispatcher was never told of (the index does not say which): read to its end.
                cursor.Head = cursor.Next + 1;
                _dirty = true;
            }
        }

        return true;
    }

    [LoggerMessage(6, LogLevel.Warning, "Subscription {SubscriptionId}: reading the activity index failed; the next sweep looks again")]
    private static partial void LogScanFailed(ILogger logger, string subscriptionId, Exception exception);
}
