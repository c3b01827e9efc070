using System.Diagnostics;
using Orleans.Runtime;
using Serilog;
using WaApp.Grains.Abstractions.Diagnostics;
using WaApp.WebGateway.Metrics;

namespace WaApp.WebGateway.Webhooks;

/// <summary>
/// Wraps every <c>POST /webhook</c>: gives it a webhook id (the request's trace identifier) that goes into the request
/// log and Orleans' <see cref="RequestContext"/>, from where both hosts read it into every line logged while the webhook
/// is handled (no log scope per request: see <see cref="GatewayOperationsExtensions"/>), and records the request's
/// outcome and latency. A filter on the route rather than middleware, so
/// the route table alone decides which requests are webhooks.
/// </summary>
internal sealed class WebhookObservationFilter(WebhookMetrics metrics, IDiagnosticContext diagnostics) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        var webhookId = context.HttpContext.TraceIdentifier;
        diagnostics.Set(WebhookCorrelation.LogProperty, webhookId);
        RequestContext.Set(WebhookCorrelation.RequestContextKey, webhookId);
        try
        {
            var result = await next(context);

            // The handler's result is written after the filters return: its status code is the answer Meta gets.
            var statusCode = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : context.HttpContext.Response.StatusCode;
            metrics.RequestCompleted(statusCode, Stopwatch.GetElapsedTime(started));
            return result;
        }
        catch
        {
            metrics.RequestCompleted(StatusCodes.Status500InternalServerError, Stopwatch.GetElapsedTime(started));
            throw;
        }
        finally
        {
            RequestContext.Remove(WebhookCorrelation.RequestContextKey);
        }
    }
}
