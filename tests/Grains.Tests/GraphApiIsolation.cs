using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.TestingHost;
using WaApp.TestInfrastructure;
using WaApp.WhatsApp.Graph;

namespace WaApp.Grains.Tests;

/// <summary>No test silo can reach Meta: it has no Graph API client, or one whose base URL (as the silo resolved it) is loopback.</summary>
public static class GraphApiIsolation
{
    public static void AssertLoopbackOnly(TestCluster cluster)
    {
        var silos = cluster.Silos.OfType<InProcessSiloHandle>().ToList();
        Assert.NotEmpty(silos);
        foreach (var silo in silos)
        {
            if (silo.ServiceProvider.GetService<IGraphApiClient>() is null)
            {
                continue;
            }

            var baseUrl = silo.ServiceProvider.GetRequiredService<IOptions<GraphApiClientOptions>>().Value.GraphApiBaseUrl;
            Assert.True(GraphApiEndpoint.IsLoopback(baseUrl), $"{silo.Name} would send to {baseUrl}.");
        }
    }
}
