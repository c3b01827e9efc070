using System.Diagnostics.Metrics;

namespace WaApp.WebGateway.Security;

/// <summary>Instruments of API key authentication (meter <see cref="MeterName"/>).</summary>
public sealed class ApiKeyMetrics
{
    public const string MeterName = "WaApp.Api";

    private readonly Counter<long> _failures;

    public ApiKeyMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _failures = meter.CreateCounter<long>(
            "waapp.api.authentication.failures", "{request}", "Requests that presented an API key that was refused, by reason (unknown_key, throttled).");
    }

    public void UnknownKey() => _failures.Add(1, new KeyValuePair<string, object?>("reason", "unknown_key"));

    public void Throttled() => _failures.Add(1, new KeyValuePair<string, object?>("reason", "throttled"));
}
