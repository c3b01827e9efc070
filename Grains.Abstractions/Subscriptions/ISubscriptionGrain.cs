namespace WaApp.Grains.Abstractions.Subscriptions;

/// <summary>
/// The dispatcher of one subscription (key: its id): keeps a cursor per conversation, reads the conversations'
/// event logs from those cursors and delivers each event to the subscription's URL, in order per conversation. The
/// event log is the queue: the dispatcher holds positions, never payloads.
/// </summary>
[Alias("waapp.ISubscriptionGrain")]
public interface ISubscriptionGrain : IGrainWithStringKey
{
    /// <summary>
    /// A conversation committed events <paramref name="fromVersion"/> up to (not including) <paramref name="headVersion"/>.
    /// One-way and without a store operation: the dispatcher reads the log itself, after the webhook was answered.
    /// </summary>
    [OneWay]
    [Alias("Notify")]
    Task NotifyAsync(string streamId, int fromVersion, int headVersion);

    /// <summary>Activates the dispatcher (a silo start wakes every subscription so crash recovery runs).</summary>
    [OneWay]
    [Alias("Wake")]
    Task WakeAsync();

    [Alias("GetStatus")]
    Task<SubscriptionStatus> GetStatusAsync();

    [Alias("GetDeliveries")]
    Task<IReadOnlyList<SubscriptionDeliveryAttempt>> GetDeliveriesAsync();

    /// <summary>Lifts a pause: delivery goes on from the event that exhausted its retries.</summary>
    [Alias("Resume")]
    Task ResumeAsync();

    [Alias("Replay")]
    Task<SubscriptionReplayOutcome> ReplayAsync(SubscriptionReplay replay);

    /// <summary>The subscription was deleted: forget cursors and stop.</summary>
    [Alias("Forget")]
    Task ForgetAsync();
}
