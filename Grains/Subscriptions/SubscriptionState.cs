using System.Text.Json.Serialization;
using WaApp.Grains.Abstractions.Subscriptions;

namespace WaApp.Grains.Subscriptions;

/// <summary>
/// A dispatcher's stored state: positions in conversation logs, never payloads. Written lazily (when dirty, on a timer
/// and on deactivation) except a pause, which is written at once.
/// </summary>
[GenerateSerializer, Alias("waapp.SubscriptionState")]
public sealed class SubscriptionState
{
    /// <summary>Per stream (a conversation's, or a business account's for template events): the next version to deliver and the last known end of the stream.</summary>
    [Id(0)]
    public Dictionary<string, SubscriptionCursor> Cursors { get; set; } = new(StringComparer.Ordinal);

    [Id(1)]
    public DateTimeOffset? PausedAt { get; set; }

    [Id(2)]
    public string? PausedReason { get; set; }

    /// <summary>
    /// When the cursors were last written: every conversation with events committed before it (less the recovery
    /// margin) that still had undelivered events has a cursor in the written state.
    /// </summary>
    [Id(3)]
    public DateTimeOffset? Checkpoint { get; set; }

    [Id(4)]
    public List<SubscriptionDeliveryAttempt> Recent { get; set; } = [];
}

[GenerateSerializer, Alias("waapp.SubscriptionCursor")]
public sealed class SubscriptionCursor
{
    [Id(0)]
    public int Next { get; set; }

    [Id(1)]
    public int Head { get; set; }

    [Id(2)]
    public DateTimeOffset TouchedAt { get; set; }

    /// <summary>
    /// Events committed before this time are passed over, not delivered: set when a cursor starts from the activity
    /// index, which may name a commit older than the window asked for (a recovery or a replay from a time).
    /// </summary>
    [Id(4)]
    public DateTimeOffset? NotBefore { get; set; }

    /// <summary>
    /// When delivering the event at <see cref="Next"/> first failed (null while it has not): the retry budget counts from
    /// here, and it is stored with the cursor so a dispatcher restarted mid-retry keeps the budget it had.
    /// </summary>
    [Id(5)]
    public DateTimeOffset? FailingSince { get; set; }

    /// <summary>Bumped when a replay moves <see cref="Next"/> back, so a delivery in flight does not move it forward again.</summary>
    [Id(3)]
    [JsonIgnore]
    public int Generation { get; set; }
}
