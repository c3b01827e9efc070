namespace WaApp.Grains.Subscriptions;

/// <summary>Crash recovery and time-based replay: finding conversations with events a dispatcher may not have delivered.</summary>
public sealed partial class SubscriptionGrain
{
    // The written cursors resume every conversation they hold; conversations notified after the last write are found
    // by the activity index (once it exists).
    private Task RecoverAsync() => Task.CompletedTask;

    private Task<bool> RewindSinceAsync(DateTimeOffset since) => Task.FromResult(false);
}
