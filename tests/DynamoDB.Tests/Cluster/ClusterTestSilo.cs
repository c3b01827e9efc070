using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.TestingHost;
using WaApp.DynamoDB.EventStore;
using WaApp.DynamoDB.Hosting;
using WaApp.DynamoDB.Options;
using WaApp.EventSourcing.Storage;

namespace WaApp.DynamoDB.Tests.Cluster;

/// <summary>TestCluster silos and client that use only our DynamoDB providers (settings come through Properties).</summary>
public sealed class ClusterTestSilo : ISiloConfigurator
{
    public const string StorageName = "dynamo";
    public const string ServiceKey = "WaAppTest:Service";
    public const string PrefixKey = "WaAppTest:Prefix";

    public void Configure(ISiloBuilder siloBuilder)
    {
        var service = siloBuilder.Configuration[ServiceKey]!;
        var prefix = siloBuilder.Configuration[PrefixKey]!;
        siloBuilder
            .UseDynamoDBClustering(o => Use(o, service, prefix + DynamoDBClusteringOptions.DefaultTableName))
            .AddDynamoDBGrainStorage(StorageName, o => Use(o, service, prefix + DynamoDBStorageOptions.DefaultTableName))
            .AddDynamoDBEventStore(o => Use(o, service, prefix + DynamoDBEventStoreOptions.DefaultTableName), streams => streams.SnapshotInterval = 5)
            .UseDynamoDBReminderService(o => Use(o, service, prefix + DynamoDBReminderStorageOptions.DefaultTableName));
        siloBuilder.Services.Replace(ServiceDescriptor.Singleton<IEventStore>(sp => new LostResponseEventStore(sp.GetRequiredService<DynamoDBEventStore>())));
    }

    private static void Use(DynamoDBTableOptions options, string service, string tableName)
    {
        options.Service = service;
        options.TableName = tableName;
    }
}

public sealed class ClusterTestClient : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
        clientBuilder.UseDynamoDBClustering(o =>
        {
            o.Service = configuration[ClusterTestSilo.ServiceKey]!;
            o.TableName = configuration[ClusterTestSilo.PrefixKey] + DynamoDBClusteringOptions.DefaultTableName;
        });
}
