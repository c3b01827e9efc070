using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Serilog;
using Serilog.Events;

namespace WaApp.ServiceDefaults.Logging;

/// <summary>
/// One Serilog event per HTTP request for both hosts. The query string is
/// logged only through <see cref="QueryStringRedactor"/>, so API keys and the verify token never reach the logs;
/// health and metrics probes log at Debug so they do not drown real traffic.
/// </summary>
public static class RequestLoggingSetup
{
    public static IApplicationBuilder UseWaAppRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options =>
        {
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath}{RequestQuery} responded {StatusCode} in {Elapsed:0.0000} ms";
            options.GetLevel = (http, _, exception) =>
                exception is not null || http.Response.StatusCode >= StatusCodes.Status500InternalServerError ? LogEventLevel.Error
                : IsProbe(http.Request.Path) ? LogEventLevel.Debug
                : LogEventLevel.Information;
            options.EnrichDiagnosticContext = (diagnostics, http) =>
            {
                diagnostics.Set("RequestQuery", QueryStringRedactor.Redact(http.Request.QueryString));
                if (http.User.Identity is { IsAuthenticated: true, Name: { } caller })
                {
                    diagnostics.Set("Caller", caller);
                }
            };
        });

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase);
}
