using System.Diagnostics.Metrics;

namespace WaApp.WebGateway.Tenants;

/// <summary>Instruments of tenancy on the gateway (meter <see cref="MeterName"/>); tenants are named by id only.</summary>
public sealed class TenantMetrics
{
    public const string MeterName = "WaApp.Tenants";

    private readonly Counter<long> _unowned;

    public TenantMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _unowned = meter.CreateCounter<long>(
            "waapp.webhook.unowned_updates", "{update}", "Webhook updates for a number or business account no tenant owns (while tenants exist): acknowledged, stored nowhere.");
    }

    public void Unowned(int count)
    {
        if (count > 0)
        {
            _unowned.Add(count);
        }
    }
}
