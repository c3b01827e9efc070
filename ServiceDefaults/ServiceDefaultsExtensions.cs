using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using WaApp.ServiceDefaults.Health;
using WaApp.ServiceDefaults.Logging;
using WaApp.ServiceDefaults.Metrics;

namespace WaApp.ServiceDefaults;

/// <summary>
/// What every WaApp host sets up the same way (the .NET Aspire "service defaults" pattern): Serilog with personal-data
/// masking, the listening URL, OpenTelemetry metrics, and the health and metrics endpoints.
/// </summary>
public static class ServiceDefaultsExtensions
{
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

    /// <summary><c>/health/live</c>, <c>/health/ready</c> (see <see cref="HealthEndpoints"/>) and the Prometheus scrape endpoint <c>/metrics</c>.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthEndpoints();
        app.MapPrometheusScrapingEndpoint();
        return app;
    }
}
