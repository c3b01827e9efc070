using Orleans.Runtime;
using WaApp.Grains.Abstractions.Diagnostics;

namespace WaApp.Silo.Hosting;

/// <summary>
/// Puts the id of the webhook that caused a grain call (carried in <see cref="RequestContext"/> from the gateway)
/// into the log scope of that call, so every log line a grain writes while handling it carries <c>WebhookId</c>.
/// </summary>
internal sealed partial class WebhookCorrelationFilter(ILogger<WebhookCorrelationFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (RequestContext.Get(WebhookCorrelation.RequestContextKey) is not string webhookId)
        {
            await context.Invoke();
            return;
        }

        using (logger.BeginScope(new WebhookLogScope(webhookId)))
        {
            if (logger.IsEnabled(LogLevel.Debug))
            {
                // Orleans formats the interface's name on every read: pay for it only when the line is written.
                GrainCallForWebhook(logger, context.InterfaceName, context.MethodName);
            }

            await context.Invoke();
        }
    }

    [LoggerMessage(EventId = 7001, EventName = "GrainCallForWebhook", Level = LogLevel.Debug,
        Message = "Grain call {Interface}.{Method} on behalf of a webhook.")]
    private static partial void GrainCallForWebhook(ILogger logger, string @interface, string method);
}
