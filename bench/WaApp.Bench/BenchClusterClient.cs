using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using WaApp.DynamoDB.Hosting;

namespace WaApp.Bench;

/// <summary>An Orleans client of the benched cluster (found through its DynamoDB membership), for the steps that call grains.</summary>
internal static class BenchClusterClient
{
    /// <summary>A started host holding the client; stop and dispose it when done.</summary>
    public static async Task<IHost> StartAsync(BenchArguments args)
    {
        var dynamo = new DynamoDBSettings { Service = args.Text("service"), TablePrefix = args.Text("table-prefix") };
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = args.Text("cluster-id");
                options.ServiceId = args.Text("service-id");
            });
            client.UseDynamoDBClustering(options => dynamo.Configure(options));
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
