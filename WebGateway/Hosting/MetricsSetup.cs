using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;

namespace WaApp.Hosting;

/// <summary>
/// OpenTelemetry metrics for both hosts (this file is linked into the Silo too): Orleans' own meter, ASP.NET Core's,
/// and the host's WaApp meters, exported as Prometheus text on <c>/metrics</c> (MapPrometheusScrapingEndpoint).
/// </summary>
internal static class MetricsSetup
{
    /// <summary>The meter Orleans publishes its runtime instruments on (activations, messaging, requests).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    public static void AddWaAppMetrics(this IHostApplicationBuilder builder, params string[] meters) =>
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(OrleansMeter)
            .AddMeter(meters)
            .AddAspNetCoreInstrumentation()
            .AddPrometheusExporter());
}
