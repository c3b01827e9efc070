using WaApp.TestInfrastructure;

namespace WaApp.EndToEnd;

/// <summary>One silo and one gateway on an on-disk dynalite, shared by the tests of a class.</summary>
public sealed class SingleSiloCluster : IAsyncLifetime
{
    public LocalCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await LocalCluster.StartAsync(silos: 1, onDiskStorage: true);

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
