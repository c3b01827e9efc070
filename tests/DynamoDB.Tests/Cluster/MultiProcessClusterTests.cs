using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Configuration;
using Orleans.Runtime;
using WaApp.DynamoDB.Hosting;
using WaApp.DynamoDB.Membership;
using WaApp.DynamoDB.Options;
using WaApp.DynamoDB.Tables;
using WaApp.TestInfrastructure;
using WaApp.TestSilo;
using Xunit.Abstractions;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace WaApp.DynamoDB.Tests.Cluster;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MultiProcessCollection
{
    public const string Name = "Multi-process cluster";
}

/// <summary>
/// Three silo processes and a client on loopback, using only our DynamoDB providers. One silo is SIGKILLed: the
/// cluster must declare it dead and its grains must come back on the survivors with their state from DynamoDB.
/// </summary>
[Collection(MultiProcessCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Serial)]
public sealed class MultiProcessClusterTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan DeathDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_killed_silo_is_declared_dead_and_its_grains_reactivate_elsewhere_with_their_state()
    {
        await using var server = await DynamoDBServer.StartAsync();
        var prefix = DynamoDBServer.UniqueTablePrefix("mp");
        var clusterId = "mp-" + Guid.NewGuid().ToString("N")[..8];
        var silos = new List<(HostProcess Process, int SiloPort)>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var siloPort = FreePort.Next();
                var environment = new Dictionary<string, string?>
                {
                    ["Orleans__ClusterId"] = clusterId,
                    ["Orleans__ServiceId"] = "mp-test",
                    ["Orleans__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
                    ["Orleans__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
                    ["DynamoDB__Service"] = server.ServiceUrl,
                    ["DynamoDB__TablePrefix"] = prefix,
                    ["Membership__ProbeTimeout"] = ProbeTimeout.ToString("c", CultureInfo.InvariantCulture),
                };
                silos.Add((HostProcess.Start($"silo-{i}", Path.Combine("tests", "TestSilo"), "WaApp.TestSilo", environment), siloPort));
            }

            var membership = new DynamoDBMembershipTable(
                MsOptions.Create(new DynamoDBClusteringOptions { Service = server.ServiceUrl, TableName = prefix + DynamoDBClusteringOptions.DefaultTableName }),
                MsOptions.Create(new ClusterOptions { ClusterId = clusterId }),
                new DynamoDBClientProvider(),
                NullLogger<DynamoDBMembershipTable>.Instance);
            await WaitForAsync(
                async () => (await ActiveSiloPortsAsync(membership)).Count == 3,
                StartupTimeout,
                () => "three active silos in the membership table:" + Environment.NewLine + string.Join(Environment.NewLine, silos.Select(s => s.Process.RecentOutput)));

            using var clientHost = await StartClientAsync(server.ServiceUrl, prefix, clusterId);
            var client = clientHost.Services.GetRequiredService<IClusterClient>();
            var counters = Enumerable.Range(0, 30).Select(i => client.GetGrain<ICounterGrain>($"counter-{i}")).ToList();
            var placement = new Dictionary<ICounterGrain, int>();
            foreach (var counter in counters)
            {
                await counter.Increment();
                Assert.Equal(2, await counter.Increment());
                placement[counter] = await counter.SiloPort();
            }

            Assert.True(placement.Values.Distinct().Count() >= 2, "grains did not spread over the silos");
            var victimPort = placement.Values.GroupBy(p => p).OrderByDescending(g => g.Count()).First().Key;
            var victim = silos.Single(s => s.SiloPort == victimPort).Process;

            var clock = Stopwatch.StartNew();
            await victim.KillAsync();

            await WaitForAsync(
                async () => (await membership.ReadAllAsync()).Members.Any(m => m.Item1.SiloAddress.Endpoint.Port == victimPort && m.Item1.Status == SiloStatus.Dead),
                DeathDeadline,
                () => $"silo on port {victimPort} declared dead in the membership table");
            output.WriteLine($"silo on port {victimPort} (hosting {placement.Values.Count(p => p == victimPort)} of {counters.Count} grains) declared dead after {clock.Elapsed.TotalSeconds:F1} s");
            Assert.True(clock.Elapsed < DeathDeadline);
            Assert.DoesNotContain(victimPort, await ActiveSiloPortsAsync(membership));

            foreach (var counter in counters.Where(c => placement[c] == victimPort))
            {
                var value = 0;
                var port = 0;
                await WaitForAsync(
                    async () =>
                    {
                        try
                        {
                            value = await counter.Get();
                            port = await counter.SiloPort();
                            return true;
                        }
                        catch (Exception exception) when (exception is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException)
                        {
                            return false;
                        }
                    },
                    DeathDeadline - clock.Elapsed + TimeSpan.FromSeconds(15),
                    () => "grain reactivation on a surviving silo");
                Assert.Equal(2, value);
                Assert.NotEqual(victimPort, port);
                Assert.Equal(3, await counter.Increment());
            }

            output.WriteLine($"all grains of the killed silo answered from survivors after {clock.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            foreach (var (process, _) in silos)
            {
                await process.DisposeAsync();
            }
        }
    }

    private static async Task<List<int>> ActiveSiloPortsAsync(DynamoDBMembershipTable membership)
    {
        try
        {
            return (await membership.ReadAllAsync()).Members
                .Where(m => m.Item1.Status == SiloStatus.Active)
                .Select(m => m.Item1.SiloAddress.Endpoint.Port)
                .ToList();
        }
        catch (Amazon.DynamoDBv2.Model.ResourceNotFoundException)
        {
            // The first silo has not created the table yet.
            return [];
        }
    }

    private static async Task<IHost> StartClientAsync(string service, string prefix, string clusterId)
    {
        var host = new HostBuilder()
            .UseOrleansClient(client => client
                .Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = clusterId;
                    o.ServiceId = "mp-test";
                })
                .Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5))
                .UseDynamoDBClustering(o =>
                {
                    o.Service = service;
                    o.TableName = prefix + DynamoDBClusteringOptions.DefaultTableName;
                }))
            .Build();
        await host.StartAsync();
        return host;
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> what)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        throw new TimeoutException($"Timed out after {timeout} waiting for {what()}");
    }
}
