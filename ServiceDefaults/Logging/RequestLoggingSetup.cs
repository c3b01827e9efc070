using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;

namespace WaApp.ServiceDefaults.Logging;

/// <summary>
/// One Serilog event per HTTP request for both hosts. It names the matched route's pattern
/// (<c>/api/v1/conversations/{phoneNumberId}/{contactId}/messages</c>), never the raw path, whose segments carry phone
/// numbers; the raw path is a separate Debug event. The query string is logged only through
/// <see cref="QueryStringRedactor"/>, so API keys and the verify token never reach the logs; health and metrics probes
/// log at Debug so they do not drown real traffic. So do answered webhook deliveries (<c>POST /webhook</c> below 400):
/// they are nearly all of a busy host's requests, a JSON line each cost every message measurable CPU, and
/// <c>waapp_webhook_requests_total</c> counts them by outcome; refused or failed deliveries are still logged.
/// </summary>
public static partial class RequestLoggingSetup
{
    /// <summary>What an unmatched API path is logged as: it may hold ids, and no pattern says which segments.</summary>
    public const string UnmatchedApiRoute = "/api/(unmatched)";

    private const string RouteItem = "WaApp.RequestRoute";

    // Marks a pipeline that already logs requests: the co-hosted server runs the silo's and the gateway's setup.
    private const string AddedProperty = "WaApp.RequestLogging";

    /// <summary>Adds request logging once per pipeline; a second call (co-hosted silo and gateway) adds nothing.</summary>
    public static IApplicationBuilder UseWaAppRequestLogging(this IApplicationBuilder app)
    {
        if (!app.Properties.TryAdd(AddedProperty, true))
        {
            return app;
        }

        return app.UseSerilogRequestLogging(options =>
        {
            // The host's own logger, not Serilog's static one, which another host in the same process may replace.
            options.Logger = app.ApplicationServices.GetService<Serilog.ILogger>();
            options.MessageTemplate = "HTTP {RequestMethod} {RequestRoute}{RequestQuery} responded {StatusCode} in {Elapsed:0.0000} ms";
            options.GetMessageTemplateProperties = (http, _, elapsed, statusCode) =>
            [
                new LogEventProperty("RequestMethod", new ScalarValue(http.Request.Method)),
                new LogEventProperty("RequestRoute", new ScalarValue(http.Items[RouteItem] as string ?? Route(http))),
                new LogEventProperty("StatusCode", new ScalarValue(statusCode)),
                new LogEventProperty("Elapsed", new ScalarValue(elapsed)),
            ];
            options.GetLevel = (http, _, exception) =>
                exception is not null || http.Response.StatusCode >= StatusCodes.Status500InternalServerError ? LogEventLevel.Error
                : IsProbe(http.Request.Path) || IsAnsweredWebhook(http) ? LogEventLevel.Debug
                : LogEventLevel.Information;
            options.EnrichDiagnosticContext = (diagnostics, http) =>
            {
                diagnostics.Set("RequestQuery", QueryStringRedactor.Redact(http.Request.QueryString));
                if (http.User.Identity is { IsAuthenticated: true, Name: { } caller })
                {
                    diagnostics.Set("Caller", caller);
                }

                LogRawPath(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RequestLoggingSetup)), http.Request.Method, http.Request.Path);
            };
        })
        // The exception handler clears the endpoint before it answers, so the route is taken while it is still known.
        .Use((http, next) =>
        {
            http.Items[RouteItem] = Route(http);
            return next(http);
        });
    }

    /// <summary>The matched endpoint's route pattern; the path itself only where no route holds ids (files, the dashboard).</summary>
    internal static string Route(HttpContext http) =>
        http.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern } ? "/" + pattern.TrimStart('/')
        : http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) ? UnmatchedApiRoute
        : http.Request.Path.Value ?? "/";

    private static bool IsAnsweredWebhook(HttpContext http) =>
        http.Response.StatusCode < StatusCodes.Status400BadRequest
        && HttpMethods.IsPost(http.Request.Method)
        && http.Request.Path.Equals("/webhook", StringComparison.OrdinalIgnoreCase);

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Debug, Message = "HTTP {RequestMethod} {RequestPath}")]
    private static partial void LogRawPath(Microsoft.Extensions.Logging.ILogger logger, string requestMethod, PathString requestPath);
}
