using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using WaApp.CloudApiSimulator.Options;

namespace WaApp.CloudApiSimulator.Sending;

/// <summary>The 24-hour customer service windows, opened by the inbound messages the simulator injected.</summary>
public sealed class ServiceWindows(IOptionsMonitor<SimulatorOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<(string PhoneNumberId, string WaId), DateTimeOffset> _lastInbound = new();

    public void RecordInbound(string phoneNumberId, string waId, DateTimeOffset at) =>
        _lastInbound.AddOrUpdate((phoneNumberId, waId), at, (_, previous) => at > previous ? at : previous);

    public bool IsOpen(string phoneNumberId, string waId)
    {
        var settings = options.CurrentValue;
        return !settings.EnforceWindow
            || (_lastInbound.TryGetValue((phoneNumberId, waId), out var last) && time.GetUtcNow() - last < settings.WindowDuration);
    }

    public void Reset() => _lastInbound.Clear();
}
