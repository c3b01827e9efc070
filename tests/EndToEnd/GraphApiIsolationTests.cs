using WaApp.TestInfrastructure;

namespace WaApp.EndToEnd;

/// <summary>
/// No test reaches Meta: a LocalCluster's silos use an unroutable loopback Graph API unless a test passes the
/// simulator's URL, and the check reads what the silo process itself reports, so a helper that forgets the
/// setting (or a host that stops reading it) fails every test that uses it.
/// </summary>
public sealed class GraphApiIsolationTests(SingleSiloCluster fixture) : IClassFixture<SingleSiloCluster>
{
    [Fact]
    public void A_silo_started_without_a_graph_api_setting_uses_an_unroutable_loopback_port() =>
        Assert.Equal(new Uri(GraphApiEndpoint.Unroutable), fixture.Cluster.GraphApiBaseUrl(0));

    [Theory]
    [InlineData("https://graph.facebook.com/")]
    [InlineData("http://10.0.0.8:8090/")]
    public async Task A_local_cluster_refuses_a_graph_api_that_is_not_loopback(string url) =>
        await Assert.ThrowsAsync<ArgumentException>(() => LocalCluster.StartAsync(
            extraSettings: new Dictionary<string, string?> { [GraphApiEndpoint.SettingName] = url }));
}
