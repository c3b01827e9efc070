using System.Net;
using Orleans.Configuration;
using WaApp.DynamoDB.Hosting;
using WaApp.DynamoDB.Options;

// Settings (environment): Orleans__ClusterId, Orleans__ServiceId, Orleans__SiloPort, Orleans__GatewayPort,
// DynamoDB__Service, DynamoDB__TablePrefix, Membership__ProbeTimeout (TimeSpan; short values for fast tests).
var builder = Host.CreateApplicationBuilder(args);
var configuration = builder.Configuration;
var service = configuration["DynamoDB:Service"] ?? throw new InvalidOperationException("DynamoDB__Service is required.");
var prefix = configuration["DynamoDB:TablePrefix"] ?? string.Empty;
var probeTimeout = configuration.GetValue("Membership:ProbeTimeout", TimeSpan.FromSeconds(5));

builder.UseOrleans(silo =>
{
    silo.Configure<ClusterOptions>(o =>
    {
        o.ClusterId = configuration["Orleans:ClusterId"] ?? "dev";
        o.ServiceId = configuration["Orleans:ServiceId"] ?? "waapp";
    });
    silo.ConfigureEndpoints(IPAddress.Loopback, configuration.GetValue("Orleans:SiloPort", 11111), configuration.GetValue("Orleans:GatewayPort", 30000));
    silo.Configure<ClusterMembershipOptions>(o =>
    {
        o.ProbeTimeout = probeTimeout;
        o.NumMissedProbesLimit = 2;
        o.IAmAliveTablePublishTimeout = probeTimeout * 2;
        o.TableRefreshTimeout = probeTimeout * 2;
    });
    silo.UseDynamoDBClustering(o =>
    {
        o.Service = service;
        o.TableName = prefix + DynamoDBClusteringOptions.DefaultTableName;
    });
    silo.AddDynamoDBGrainStorageAsDefault(o =>
    {
        o.Service = service;
        o.TableName = prefix + DynamoDBStorageOptions.DefaultTableName;
    });
});

await builder.Build().RunAsync();
