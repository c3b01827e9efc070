using System.Diagnostics.Metrics;

namespace WaApp.Grains.Metrics;

/// <summary>
/// Instruments of the outbound pipeline (meter <see cref="MeterName"/>): what happened to each send, how long
/// sends waited for the throughput limit, and sends refused because the 24-hour window was closed.
/// The silo exports them on <c>/metrics</c>; the sender grain and the conversation grain record them.
/// </summary>
public sealed class OutboundMetrics
{
    public const string MeterName = "WaApp.Outbound";

    private readonly Counter<long> _sends;
    private readonly Histogram<double> _throttleWait;
    private readonly Counter<long> _windowRefusals;

    public OutboundMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _sends = meter.CreateCounter<long>(
            "waapp.outbound.sends", "{send}", "Graph API send attempts by outcome (sent, failed, unknown), error class and Meta error code.");
        _throttleWait = meter.CreateHistogram<double>(
            "waapp.outbound.throttle_wait", "s", "Time a send waited for the phone number's throughput limit or a back-off before calling the Graph API.");
        _windowRefusals = meter.CreateCounter<long>(
            "waapp.outbound.window_refusals", "{send}", "Free-form sends refused because the customer's 24-hour window was closed.");
    }

    /// <summary>One Graph API send finished.</summary>
    /// <param name="outcome"><see cref="SendOutcomeTags"/>: sent, failed or unknown (timeout: Meta may or may not have it).</param>
    /// <param name="errorClass">For failures: a small fixed set such as <c>throttled</c>, <c>auth</c>, <c>recipient</c>, <c>template</c>, <c>transient</c>, <c>permanent</c>; null when sent.</param>
    /// <param name="errorCode">Meta's numeric error code (e.g. 131047), or null.</param>
    public void SendCompleted(string outcome, string? errorClass = null, int? errorCode = null) =>
        _sends.Add(1,
            new KeyValuePair<string, object?>("outcome", outcome),
            new KeyValuePair<string, object?>("error_class", errorClass ?? "none"),
            new KeyValuePair<string, object?>("error_code", errorCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"));

    /// <summary>A send waited <paramref name="wait"/> for the throughput limit (<c>reason=throughput</c>) or a back-off (<c>reason=backoff</c>).</summary>
    public void ThrottleWaited(TimeSpan wait, string reason = "throughput") =>
        _throttleWait.Record(wait.TotalSeconds, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>A free-form send was refused because the 24-hour customer service window was closed.</summary>
    public void WindowRefused() => _windowRefusals.Add(1);
}

