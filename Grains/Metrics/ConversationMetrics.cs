using System.Diagnostics.Metrics;

namespace WaApp.Grains.Metrics;

/// <summary>Instruments of conversation ingest (meter <see cref="MeterName"/>).</summary>
public sealed class ConversationMetrics
{
    public const string MeterName = "WaApp.Conversations";

    private readonly Counter<long> _refused;

    public ConversationMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _refused = meter.CreateCounter<long>(
            "waapp.conversation.refused_updates", "{update}", "Webhook updates refused because even reduced they could not be stored in one commit.");
    }

    /// <summary>An update was refused rather than raised as an event the store could never hold.</summary>
    public void UpdateRefused() => _refused.Add(1);
}
