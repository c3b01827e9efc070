using WaApp.TestInfrastructure;

namespace WaApp.WebGateway.Tests.Api;

/// <summary>A silo and a gateway as real processes on dynalite for the REST API tests; businesses flush every second.</summary>
public sealed class ApiClusterFixture : IAsyncLifetime
{
    public LocalCluster Cluster { get; private set; } = null!;

    public const string ReadOnlyKey = "read-only-key-5e2a";

    public async Task InitializeAsync() =>
        Cluster = await LocalCluster.StartAsync(silos: 1, extraSettings: new Dictionary<string, string?>
        {
            ["Business__FlushInterval"] = "00:00:01",
            ["Api__ReadOnlyKeys__0"] = ReadOnlyKey,
        });

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ApiClusterCollection : ICollectionFixture<ApiClusterFixture>
{
    public const string Name = "api-cluster";
}
