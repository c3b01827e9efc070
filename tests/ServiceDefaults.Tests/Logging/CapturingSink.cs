using Serilog.Core;
using Serilog.Events;

namespace WaApp.ServiceDefaults.Tests.Logging;

/// <summary>A Serilog sink registered in a host's services (the hosts read sinks from there) that keeps what it is sent.</summary>
internal sealed class CapturingSink : ILogEventSink
{
    private readonly List<LogEvent> _events = [];

    public IReadOnlyList<LogEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public void Emit(LogEvent logEvent)
    {
        lock (_events)
        {
            _events.Add(logEvent);
        }
    }
}
