using Orleans.TestingHost;
using WaApp.TestInfrastructure;

namespace WaApp.DynamoDB.Tests.Cluster;

/// <summary>Two in-process silos whose membership, grain state, events and reminders all live in DynamoDB.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private DynamoDBServer? _server;

    public TestCluster Cluster { get; private set; } = null!;

    public DynamoDBServer Server => _server!;

    public string TablePrefix { get; } = DynamoDBServer.UniqueTablePrefix("tc");

    public async Task InitializeAsync()
    {
        _server = await DynamoDBServer.StartAsync();
        var builder = new TestClusterBuilder(2);
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ClusterId = "tc-" + Guid.NewGuid().ToString("N")[..8];
        builder.Properties[ClusterTestSilo.ServiceKey] = _server.ServiceUrl;
        builder.Properties[ClusterTestSilo.PrefixKey] = TablePrefix;
        builder.AddSiloBuilderConfigurator<ClusterTestSilo>();
        builder.AddClientBuilderConfigurator<ClusterTestClient>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
