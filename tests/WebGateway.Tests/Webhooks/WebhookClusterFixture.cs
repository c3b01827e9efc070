using WaApp.TestInfrastructure;

namespace WaApp.WebGateway.Tests.Webhooks;

/// <summary>A silo and a gateway as real processes on dynalite, shared by the webhook tests of one collection.</summary>
public sealed class WebhookClusterFixture : IAsyncLifetime
{
    public LocalCluster Cluster { get; private set; } = null!;

    public EventStoreProbe Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = await LocalCluster.StartAsync(silos: 1);
        Store = new EventStoreProbe(Cluster);
    }

    public async Task DisposeAsync()
    {
        if (Store is not null)
        {
            await Store.DisposeAsync();
        }

        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class WebhookClusterCollection : ICollectionFixture<WebhookClusterFixture>
{
    public const string Name = "webhook-cluster";
}
