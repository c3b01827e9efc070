using Microsoft.Extensions.Options;
using WaApp.WhatsApp.Graph;

namespace WaApp.Silo.Hosting;

/// <summary>
/// Says once, at start-up, where this silo sends WhatsApp messages (Meta, or a stand-in such as the simulator):
/// operators see which one a silo talks to, and the test helpers read it to prove that no test silo can reach Meta.
/// </summary>
public static partial class GraphApiEndpointLog
{
    public static void Announce(IServiceProvider services)
    {
        var baseUrl = services.GetRequiredService<IOptions<GraphApiClientOptions>>().Value.GraphApiBaseUrl;
        SendingThrough(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GraphApiEndpointLog)), baseUrl);
    }

    [LoggerMessage(EventId = 7002, EventName = "GraphApiEndpoint", Level = LogLevel.Information,
        Message = "Sending WhatsApp messages through the Graph API at {GraphApiBaseUrl}")]
    private static partial void SendingThrough(ILogger logger, Uri graphApiBaseUrl);
}
