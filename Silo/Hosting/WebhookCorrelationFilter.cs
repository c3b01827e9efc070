using Orleans.Runtime;
using WaApp.Grains.Abstractions.Diagnostics;

namespace WaApp.Silo.Hosting;

/// <summary>
/// At Debug, logs each grain call a webhook caused (its id travels in <see cref="RequestContext"/> from the gateway;
/// the <c>WebhookId</c> property on this and every other line written during the call is read from there when the
/// line is written, see <see cref="SiloOperationsExtensions"/>). Above Debug it only passes the call on, without an
/// async frame of its own.
/// </summary>
internal sealed partial class WebhookCorrelationFilter(ILogger<WebhookCorrelationFilter> logger) : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (logger.IsEnabled(LogLevel.Debug) && WebhookCorrelation.Current() is not null)
        {
            // Orleans formats the interface's name on every read: pay for it only when the line is written.
            GrainCallForWebhook(logger, context.InterfaceName, context.MethodName);
        }

        return context.Invoke();
    }

    [LoggerMessage(EventId = 7001, EventName = "GrainCallForWebhook", Level = LogLevel.Debug,
        Message = "Grain call {Interface}.{Method} on behalf of a webhook.")]
    private static partial void GrainCallForWebhook(ILogger logger, string @interface, string method);
}
