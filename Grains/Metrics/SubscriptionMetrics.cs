using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace WaApp.Grains.Metrics;

/// <summary>
/// Instruments of event subscriptions (meter <see cref="MeterName"/>): delivery attempts by outcome and status class,
/// how long receivers take and how far deliveries lag behind the log, pauses, and conversations (or accounts) with
/// events waiting. Tagged by event type and tenant id only: never a URL, a number or anything personal.
/// </summary>
public sealed class SubscriptionMetrics
{
    public const string MeterName = "WaApp.Subscriptions";

    private readonly Counter<long> _attempts;
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _lag;
    private readonly Counter<long> _paused;

    // Per dispatcher activation on this silo: its tenant and how many of its streams have events waiting.
    private readonly ConcurrentDictionary<string, (string TenantId, int Waiting)> _waiting = new(StringComparer.Ordinal);

    public SubscriptionMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _attempts = meter.CreateCounter<long>(
            "waapp.subscriptions.delivery_attempts", "{attempt}", "POSTs to subscription receivers by outcome (succeeded, failed) and status class (2xx, 4xx, 5xx, error).");
        _duration = meter.CreateHistogram<double>(
            "waapp.subscriptions.delivery_duration", "s", "How long a receiver took to answer one POST (or to fail).");
        _lag = meter.CreateHistogram<double>(
            "waapp.subscriptions.delivery_lag", "s", "From an event's commit to the receiver's acknowledgement (retries included).");
        _paused = meter.CreateCounter<long>(
            "waapp.subscriptions.paused", "{subscription}", "Subscriptions paused because an event was not acknowledged within the retry budget.");
        meter.CreateObservableGauge(
            "waapp.subscriptions.streams_waiting", ObserveWaiting, "{stream}", "Conversations (and business accounts) with events not yet acknowledged, per tenant, on this silo's dispatchers.");
    }

    /// <summary>One POST finished: <paramref name="statusCode"/> is null when the receiver did not answer (timeout, refused connection).</summary>
    public void Attempted(string tenantId, string eventType, int? statusCode, TimeSpan duration)
    {
        var acknowledged = statusCode is >= 200 and < 300;
        _attempts.Add(1,
            new KeyValuePair<string, object?>("tenant_id", tenantId),
            new KeyValuePair<string, object?>("event_type", eventType),
            new KeyValuePair<string, object?>("outcome", acknowledged ? "succeeded" : "failed"),
            new KeyValuePair<string, object?>("status_class", statusCode is { } code and >= 100 and < 600 ? $"{code / 100}xx" : "error"));
        _duration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("tenant_id", tenantId), new KeyValuePair<string, object?>("event_type", eventType));
    }

    /// <summary>An event was acknowledged <paramref name="lag"/> after it was committed.</summary>
    public void Delivered(string tenantId, string eventType, TimeSpan lag) =>
        _lag.Record(Math.Max(0, lag.TotalSeconds), new KeyValuePair<string, object?>("tenant_id", tenantId), new KeyValuePair<string, object?>("event_type", eventType));

    public void Paused(string tenantId) => _paused.Add(1, new KeyValuePair<string, object?>("tenant_id", tenantId));

    /// <summary>A dispatcher's current count of streams with events waiting (0 or a deactivation forgets it).</summary>
    public void Waiting(string subscriptionId, string tenantId, int streams)
    {
        if (streams <= 0)
        {
            _waiting.TryRemove(subscriptionId, out _);
        }
        else
        {
            _waiting[subscriptionId] = (tenantId, streams);
        }
    }

    private IEnumerable<Measurement<int>> ObserveWaiting() =>
        _waiting.Values.GroupBy(entry => entry.TenantId, StringComparer.Ordinal)
            .Select(group => new Measurement<int>(group.Sum(entry => entry.Waiting), new KeyValuePair<string, object?>("tenant_id", group.Key)));
}
