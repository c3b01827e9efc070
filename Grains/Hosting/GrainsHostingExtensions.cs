using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WaApp.Grains.Metrics;

namespace WaApp.Grains.Hosting;

public static class GrainsHostingExtensions
{
    /// <summary>Registers what WaApp's grains need from the silo besides storage providers.</summary>
    public static ISiloBuilder AddWaAppGrains(this ISiloBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<OutboundMetrics>();
        return builder;
    }
}
