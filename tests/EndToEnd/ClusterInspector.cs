using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Runtime;
using WaApp.DynamoDB.Hosting;
using WaApp.Grains.Abstractions.Outbound;
using WaApp.TestInfrastructure;

namespace WaApp.EndToEnd;

/// <summary>
/// An Orleans client of a <see cref="LocalCluster"/>, for what its HTTP surface cannot show: which silo hosts a
/// grain, and whether a sender is idle. Read-only: it asks, it never sends.
/// </summary>
public sealed class ClusterInspector : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterInspector(IHost host) => _host = host;

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    public static async Task<ClusterInspector> ConnectAsync(LocalCluster cluster)
    {
        var settings = cluster.Settings;
        var host = new HostBuilder()
            .UseOrleansClient(client => client
                .Configure<ClusterOptions>(options =>
                {
                    options.ClusterId = settings["Orleans__ClusterId"]!;
                    options.ServiceId = settings["Orleans__ServiceId"]!;
                })
                .Configure<GatewayOptions>(options => options.GatewayListRefreshPeriod = TimeSpan.FromSeconds(2))
                .UseDynamoDBClustering(options => new DynamoDBSettings
                {
                    Service = settings["DynamoDB__Service"]!,
                    TablePrefix = settings["DynamoDB__TablePrefix"]!,
                }.Configure(options)))
            .Build();
        await host.StartAsync();
        return new ClusterInspector(host);
    }

    /// <summary>Each active grain and the silo-to-silo port of the silo hosting it (a silo's address in Orleans' views).</summary>
    public async Task<IReadOnlyDictionary<GrainId, int>> HostingSiloPortsAsync()
    {
        var activations = await Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return activations.GroupBy(activation => activation.GrainId).ToDictionary(group => group.Key, group => group.First().SiloAddress.Endpoint.Port);
    }

    /// <summary>Polls until the sender of <paramref name="phoneNumberId"/> has nothing queued and nothing in flight.</summary>
    public async Task WaitUntilSenderIdleAsync(string phoneNumberId, TimeSpan timeout)
    {
        var sender = Client.GetGrain<ISenderGrain>(phoneNumberId);
        var deadline = DateTime.UtcNow + timeout;
        SenderQueueState state;
        while (!(state = await sender.GetQueueStateAsync()).IsIdle)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The sender of {phoneNumberId} was still busy after {timeout}: {state}.");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
