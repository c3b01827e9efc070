using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.TestingHost;
using WaApp.WhatsApp.Graph;

namespace WaApp.Grains.Tests.Outbound;

[Collection(SendingClusterCollection.Name)]
public sealed class SendingClusterGraphApiTests(SendingClusterFixture fixture)
{
    [Fact]
    public void Senders_call_the_in_process_simulator_and_nothing_else()
    {
        GraphApiIsolation.AssertLoopbackOnly(fixture.Cluster);
        var silo = Assert.IsType<InProcessSiloHandle>(fixture.Cluster.Primary);
        Assert.Equal(fixture.Simulator.BaseAddress, silo.ServiceProvider.GetRequiredService<IOptions<GraphApiClientOptions>>().Value.GraphApiBaseUrl);
    }
}
