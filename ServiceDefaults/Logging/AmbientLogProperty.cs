using Serilog.Core;
using Serilog.Events;

namespace WaApp.ServiceDefaults.Logging;

/// <summary>
/// A log property read from the ambient context (an <c>AsyncLocal</c> such as Orleans' <c>RequestContext</c>) when an
/// event is written. A log scope opened for every request or grain call costs allocations on each of them whether or
/// not anything is logged; this costs only on the lines actually written. Registered with
/// <see cref="ServiceDefaultsExtensions.AddAmbientLogProperty"/>.
/// </summary>
public sealed class AmbientLogProperty(string name, Func<object?> read) : ILogEventEnricher
{
    public string Name => name;

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (read() is { } value)
        {
            logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty(name, value));
        }
    }
}
