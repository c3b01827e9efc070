namespace WaApp.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ClusterGraphApiTests(ClusterFixture fixture)
{
    [Fact]
    public void No_silo_of_the_cluster_can_reach_a_graph_api_off_this_machine() => GraphApiIsolation.AssertLoopbackOnly(fixture.Cluster);
}
