using System.Diagnostics.Metrics;
using WaApp.Grains.Abstractions.Conversations;
using WaApp.WebGateway.Webhooks;

namespace WaApp.WebGateway.Metrics;

/// <summary>
/// Instruments of webhook ingestion on the gateway (meter <see cref="MeterName"/>): requests by outcome, the time
/// from receipt to the answer (for <c>stored</c>: until every update was durable), updates by type, and the
/// redeliveries the grains recognised as duplicates.
/// </summary>
public sealed class WebhookMetrics
{
    public const string MeterName = "WaApp.Webhooks";

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _updates;
    private readonly Counter<long> _duplicates;

    public WebhookMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>(
            "waapp.webhook.requests", "{request}", "Webhook POSTs by outcome (stored, signature_rejected, malformed, too_large, too_slow, unavailable, busy, error).");
        _duration = meter.CreateHistogram<double>(
            "waapp.webhook.duration", "s", "Time from receiving a webhook POST to answering it; for outcome=stored, receipt until every update was durably stored.");
        _updates = meter.CreateCounter<long>(
            "waapp.webhook.updates", "{update}", "Updates durably stored from webhooks, by kind and Meta type.");
        _duplicates = meter.CreateCounter<long>(
            "waapp.webhook.duplicates", "{update}", "Redelivered updates the conversations already had (dedupe hits).");
    }

    /// <summary>A webhook POST was answered with <paramref name="statusCode"/> after <paramref name="elapsed"/>.</summary>
    public void RequestCompleted(int statusCode, TimeSpan elapsed)
    {
        var outcome = new KeyValuePair<string, object?>("outcome", WebhookOutcome.FromStatusCode(statusCode));
        _requests.Add(1, outcome);
        _duration.Record(elapsed.TotalSeconds, outcome);
    }

    /// <summary>A webhook POST was refused with 503 because the gateway was working on its limit of webhooks.</summary>
    public void Busy() => _requests.Add(1, new KeyValuePair<string, object?>("outcome", WebhookOutcome.Busy));

    /// <summary>The grains stored <paramref name="batches"/> and answered <paramref name="results"/> (same order).</summary>
    public void Ingested(IReadOnlyList<ConversationBatch> batches, IReadOnlyList<IngestResult> results)
    {
        // Loops rather than LINQ: this runs for every webhook.
        foreach (var batch in batches)
        {
            foreach (var update in batch.Updates)
            {
                var (kind, type) = Describe(update);
                _updates.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("type", type));
            }
        }

        var duplicates = 0;
        foreach (var result in results)
        {
            duplicates += result.Duplicates;
        }

        if (duplicates > 0)
        {
            _duplicates.Add(duplicates);
        }
    }

    private static (string Kind, string Type) Describe(ConversationUpdate update) => update switch
    {
        InboundMessage message => ("message", message.Type),
        StatusReport status => ("status", status.Status),
        PreferenceReport preference => ("user_preference", preference.Value),
        _ => (update.GetType().Name.ToLowerInvariant(), "none"),
    };
}
