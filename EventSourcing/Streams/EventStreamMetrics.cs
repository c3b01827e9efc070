using System.Diagnostics.Metrics;

namespace WaApp.EventSourcing.Streams;

/// <summary>Instruments of event streams, whichever store holds them (meter <see cref="MeterName"/>).</summary>
public static class EventStreamMetrics
{
    public const string MeterName = "WaApp.EventSourcing";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> SnapshotsTooLarge = Meter.CreateCounter<long>(
        "waapp.event_streams.snapshots_too_large", "{snapshot}", "Snapshots not stored because the store cannot hold them; those streams replay more events on activation.");

    private static readonly Counter<long> SnapshotsFailed = Meter.CreateCounter<long>(
        "waapp.event_streams.snapshots_failed", "{snapshot}", "Snapshots whose write failed (storage errors, throttling); the events are stored, activations replay more of them until the next snapshot lands.");

    internal static void SnapshotTooLarge() => SnapshotsTooLarge.Add(1);

    internal static void SnapshotFailed() => SnapshotsFailed.Add(1);
}
