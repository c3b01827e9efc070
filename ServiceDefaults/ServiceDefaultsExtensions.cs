using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using WaApp.ServiceDefaults.Health;
using WaApp.ServiceDefaults.Logging;
using WaApp.ServiceDefaults.Management;
using WaApp.ServiceDefaults.Metrics;

namespace WaApp.ServiceDefaults;

/// <summary>
/// What every WaApp host sets up the same way (the .NET Aspire "service defaults" pattern): Serilog with personal-data
/// masking, the listening URL, OpenTelemetry metrics, and the health and metrics endpoints.
/// </summary>
public static class ServiceDefaultsExtensions
{
    private const string MetricsPath = "/metrics";

    /// <param name="builder">The host's builder.</param>
    /// <param name="role">The host's role, on every log event as <c>Role</c> (<c>silo</c>, <c>gateway</c>).</param>
    /// <param name="defaultUrl">Where the host listens unless configuration says otherwise.</param>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string role, string defaultUrl)
    {
        builder.UseWaAppSerilog(role);
        builder.UseDefaultUrls(defaultUrl);
        builder.AddWaAppMetrics();
        builder.Services.AddHealthChecks();
        return builder;
    }

    /// <summary>
    /// Adds <paramref name="name"/> to every log event written while <paramref name="read"/> returns a value (see
    /// <see cref="AmbientLogProperty"/>). A host that composes several roles may add the same property more than once;
    /// it is registered once.
    /// </summary>
    public static WebApplicationBuilder AddAmbientLogProperty(this WebApplicationBuilder builder, string name, Func<object?> read)
    {
        if (!builder.Services.Any(service => service.ImplementationInstance is AmbientLogProperty property && property.Name == name))
        {
            builder.Services.AddSingleton<ILogEventEnricher>(new AmbientLogProperty(name, read));
        }

        return builder;
    }

    /// <summary>
    /// Serves <c>/metrics</c> only on a second, operators-only port (<c>Management__Port</c>, default
    /// <paramref name="defaultPort"/>), for a host whose main port is public. Call after <see cref="AddServiceDefaults"/>.
    /// </summary>
    public static WebApplicationBuilder AddManagementPort(this WebApplicationBuilder builder, int defaultPort)
    {
        ManagementPort.AddTo(builder, defaultPort);
        return builder;
    }

    /// <summary>
    /// <c>/health/live</c>, <c>/health/ready</c> (see <see cref="HealthEndpoints"/>) and the Prometheus scrape endpoint
    /// <c>/metrics</c>, which is a 404 on every port but the management port when the host has one.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        if (app.Services.GetService<ManagementPort>() is { } management)
        {
            // Checked on the port the connection arrived at, not the Host header, which a caller chooses.
            app.Use((http, next) =>
                http.Request.Path.StartsWithSegments(MetricsPath, StringComparison.OrdinalIgnoreCase) && !management.Serves(http)
                    ? Results.NotFound().ExecuteAsync(http)
                    : next(http));
        }

        app.MapHealthEndpoints();
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }
}
