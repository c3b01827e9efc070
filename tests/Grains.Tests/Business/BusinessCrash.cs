using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Storage;
using Orleans.TestingHost;
using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Business;

namespace WaApp.Grains.Tests.Business;

/// <summary>Leaves a business number's stored state as a silo crash leaves it.</summary>
internal static class BusinessCrash
{
    /// <summary>
    /// Deactivates the business and clears the mark its clean deactivation wrote, so the next activation recovers as
    /// after a crash (its activation cleared the mark, so a crash leaves none).
    /// </summary>
    public static async Task CrashAsync(TestCluster cluster, IBusinessGrain business)
    {
        await cluster.DeactivateAsync(business);
        var storage = cluster.Silos.OfType<InProcessSiloHandle>().First().SiloHost.Services
            .GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        var stored = new GrainState<BusinessState>();
        await storage.ReadStateAsync("business", business.GetGrainId(), stored);
        stored.State!.Deactivated = false;
        await storage.WriteStateAsync("business", business.GetGrainId(), stored);
    }
}
