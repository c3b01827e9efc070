using System.Diagnostics;
using Orleans.Runtime;
using Serilog;
using WaApp.Grains.Abstractions.Diagnostics;
using WaApp.WebGateway.Metrics;

namespace WaApp.WebGateway.Hosting;

/// <summary>
/// Wraps every <c>POST /webhook</c>: gives it a webhook id (the request's trace identifier) that goes into the log
/// scope, the request log and Orleans' <see cref="RequestContext"/> (so the silos log it with the grain calls the
/// webhook caused), and records the request's outcome and latency.
/// </summary>
internal sealed class WebhookObservationMiddleware(RequestDelegate next, WebhookMetrics metrics, IDiagnosticContext diagnostics, ILogger<WebhookObservationMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var webhookId = context.TraceIdentifier;
        diagnostics.Set(WebhookCorrelation.LogProperty, webhookId);
        using var scope = logger.BeginScope(new Dictionary<string, object> { [WebhookCorrelation.LogProperty] = webhookId });
        RequestContext.Set(WebhookCorrelation.RequestContextKey, webhookId);
        try
        {
            await next(context);
            metrics.RequestCompleted(context.Response.StatusCode, Stopwatch.GetElapsedTime(started));
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
