using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;

namespace WaApp.ServiceDefaults.Metrics;

/// <summary>
/// OpenTelemetry metrics for both hosts: Orleans' own meter, ASP.NET Core's, the .NET runtime's, and the host's WaApp meters, exported
/// as Prometheus text on <c>/metrics</c> (mapped by <see cref="ServiceDefaultsExtensions.MapDefaultEndpoints"/>).
/// </summary>
public static class MetricsSetup
{
    /// <summary>The meter Orleans publishes its runtime instruments on (activations, messaging, requests).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>
    /// The .NET runtime's own meter (GC, allocations, thread pool, JIT): observable instruments, read only when
    /// <c>/metrics</c> is scraped, so they cost a request nothing. The bench reads
    /// <c>dotnet_gc_heap_total_allocated_bytes_total</c> for bytes allocated per webhook.
    /// </summary>
    public const string RuntimeMeter = "System.Runtime";

    internal static void AddWaAppMetrics(this IHostApplicationBuilder builder) =>
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(OrleansMeter)
            .AddMeter(RuntimeMeter)
            .AddAspNetCoreInstrumentation()
            .AddPrometheusExporter());

    /// <summary>
    /// Adds the host's own meters to the exported ones. OpenTelemetry keeps one meter provider per host, so this adds
    /// to what <see cref="ServiceDefaultsExtensions.AddServiceDefaults"/> set up rather than starting a second one.
    /// </summary>
    public static IHostApplicationBuilder AddWaAppMeters(this IHostApplicationBuilder builder, params string[] meters)
    {
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(meters));
        return builder;
    }
}
