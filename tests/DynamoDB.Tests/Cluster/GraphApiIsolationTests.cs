using System.Reflection;

namespace WaApp.DynamoDB.Tests.Cluster;

public sealed class GraphApiIsolationTests
{
    /// <summary>
    /// The silos these tests start (TestCluster silos configured by <see cref="ClusterTestSilo"/>, and TestSilo
    /// processes) load only our DynamoDB providers: without WaApp.WhatsApp or WaApp.Grains they have no Graph API
    /// client, so they cannot reach Meta. If one ever needs them, it must get a loopback WhatsApp__GraphApiBaseUrl.
    /// </summary>
    [Fact]
    public void No_silo_these_tests_start_has_a_graph_api_client()
    {
        foreach (var host in new[] { typeof(ClusterTestSilo).Assembly, typeof(WaApp.TestSilo.ICounterGrain).Assembly })
        {
            var ours = OurReferences(host);
            Assert.Contains("WaApp.DynamoDB", ours);
            Assert.DoesNotContain("WaApp.WhatsApp", ours);
            Assert.DoesNotContain("WaApp.Grains", ours);
        }
    }

    private static HashSet<string> OurReferences(Assembly root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>([root]);
        while (pending.TryPop(out var assembly))
        {
            foreach (var reference in assembly.GetReferencedAssemblies().Where(r => r.Name!.StartsWith("WaApp.", StringComparison.Ordinal)))
            {
                if (seen.Add(reference.Name!))
                {
                    pending.Push(Assembly.Load(reference));
                }
            }
        }

        return seen;
    }
}
