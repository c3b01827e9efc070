using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.TestingHost;
using WaApp.DynamoDB.EventStore;
using WaApp.DynamoDB.Hosting;
using WaApp.DynamoDB.Options;
using WaApp.EventSourcing.Storage;
using WaApp.Grains.Hosting;
using WaApp.Grains.Tests.Support;
using WaApp.TestInfrastructure;

namespace WaApp.Grains.Tests;

/// <summary>
/// An in-process Orleans cluster (two silos) whose grains store their events and state in a real dynalite through
/// WaApp's DynamoDB providers (the event store counted per stream, <see cref="CountingEventStore"/>). Shared by the tests of <see cref="ClusterCollection"/>.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private DynamoDBServer? _dynamo;

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>The dynalite the silos store in, for tests that reach under the grains (e.g. to break a stored item).</summary>
    public DynamoDBServer Dynamo => _dynamo ?? throw new InvalidOperationException("The cluster is not started.");

    /// <summary>The table the silos keep grain state in.</summary>
    public string GrainStateTable { get; private set; } = string.Empty;

    /// <summary>A client of the cluster's DynamoDB, to look at what was really stored.</summary>
    public Amazon.DynamoDBv2.IAmazonDynamoDB CreateStoreClient() => _dynamo!.CreateClient();

    public string TablePrefix { get; private set; } = "";

    /// <summary>The key of the stored state <paramref name="stateName"/> of <paramref name="grain"/>, found by scanning (every page).</summary>
    public async Task<Dictionary<string, AttributeValue>?> FindGrainStateKeyAsync(IAmazonDynamoDB dynamo, IAddressable grain, string stateName)
    {
        ArgumentNullException.ThrowIfNull(dynamo);
        ArgumentNullException.ThrowIfNull(grain);
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await dynamo.ScanAsync(new ScanRequest
            {
                TableName = GrainStateTable,
                FilterExpression = "GrainType = :type AND contains(GrainReference, :grain)",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    [":type"] = new(stateName),
                    [":grain"] = new(grain.GetGrainId().ToString()),
                },
                ProjectionExpression = "GrainReference, GrainType",
                ExclusiveStartKey = start,
            });
            if (page.Items is { Count: > 0 } items)
            {
                return new Dictionary<string, AttributeValue>(items[0]);
            }

            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);
        return null;
    }

    public async Task InitializeAsync()
    {
        _dynamo = await DynamoDBServer.StartAsync();
        var builder = new TestClusterBuilder(initialSilosCount: 2);
        builder.Properties["DynamoDB:Service"] = _dynamo.ServiceUrl;
        TablePrefix = DynamoDBServer.UniqueTablePrefix("grains");
        GrainStateTable = TablePrefix + DynamoDBStorageOptions.DefaultTableName;
        builder.Properties["DynamoDB:TablePrefix"] = TablePrefix;
        builder.AddSiloBuilderConfigurator<DynamoDBSiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        if (_dynamo is not null)
        {
            await _dynamo.DisposeAsync();
        }
    }

    /// <summary>WaApp's grains on dynalite through the DynamoDB providers; also used by tests that need a cluster of their own.</summary>
    internal sealed class DynamoDBSiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var settings = new DynamoDBSettings
            {
                Service = siloBuilder.Configuration["DynamoDB:Service"]!,
                TablePrefix = siloBuilder.Configuration["DynamoDB:TablePrefix"]!,
            };
            siloBuilder.AddDynamoDBGrainStorageAsDefault(options => settings.Configure(options));
            siloBuilder.AddDynamoDBEventStore(options => settings.Configure(options));
            siloBuilder.Services.Replace(ServiceDescriptor.Singleton<IEventStore>(sp => new CountingEventStore(sp.GetRequiredService<DynamoDBEventStore>())));
            siloBuilder.AddWaAppGrains();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
