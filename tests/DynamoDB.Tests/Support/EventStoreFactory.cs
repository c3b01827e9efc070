using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WaApp.DynamoDB.EventStore;
using WaApp.DynamoDB.Options;
using WaApp.DynamoDB.Tables;
using WaApp.EventSourcing.Storage;
using WaApp.EventSourcing.Streams;
using WaApp.TestInfrastructure;

namespace WaApp.DynamoDB.Tests.Support;

/// <summary>A real event store on its own tables of the shared test endpoint.</summary>
public static class EventStoreFactory
{
    public static Task<(DynamoDBEventStore Store, EventSourcedStreamOptions Options)> CreateAsync(
        DynamoDBFixture fixture, Action<EventSourcedStreamOptions>? configure = null) => CreateAsync(fixture, SharedClients, configure);

    /// <summary>A store with a client of its own, whose requests <see cref="RequestCounter"/> counts.</summary>
    public static async Task<(DynamoDBEventStore Store, RequestCounter Requests)> CreateCountedAsync(DynamoDBFixture fixture)
    {
        var clients = new DynamoDBClientProvider();
        var (store, _) = await CreateAsync(fixture, clients, configure: null);
        var options = new DynamoDBEventStoreOptions { Service = fixture.ServiceUrl };
        return (store, RequestCounter.On(clients.GetClient(options), clients.GetDirectPutItem(options)));
    }

    /// <summary>A store that indexes the commits of the streams <paramref name="activityKeys"/> names, on <paramref name="clock"/>'s time.</summary>
    public static async Task<DynamoDBEventStore> CreateIndexedAsync(DynamoDBFixture fixture, IStreamActivityKeys activityKeys, TimeProvider clock, int partitions = 4)
    {
        var (store, _) = await CreateAsync(fixture, SharedClients, configure: null, activityKeys, clock, partitions);
        return store;
    }

    private static async Task<(DynamoDBEventStore Store, EventSourcedStreamOptions Options)> CreateAsync(
        DynamoDBFixture fixture,
        DynamoDBClientProvider clients,
        Action<EventSourcedStreamOptions>? configure,
        IStreamActivityKeys? activityKeys = null,
        TimeProvider? clock = null,
        int partitions = 4)
    {
        var prefix = DynamoDBServer.UniqueTablePrefix("es");
        var options = new DynamoDBEventStoreOptions
        {
            Service = fixture.ServiceUrl,
            TableName = prefix + DynamoDBEventStoreOptions.DefaultTableName,
            ActivityIndexPartitions = partitions,
        };
        var streamOptions = new EventSourcedStreamOptions();
        configure?.Invoke(streamOptions);
        var store = new DynamoDBEventStore(
            Microsoft.Extensions.Options.Options.Create(options), clients, clock ?? TimeProvider.System, NullLogger<DynamoDBEventStore>.Instance, activityKeys);
        await store.InitializeAsync(CancellationToken.None);
        return (store, streamOptions);
    }

    public static IEventSourcedStreamFactory Streams(IEventStore store, EventSourcedStreamOptions options) =>
        new EventSourcedStreamFactory(store, Microsoft.Extensions.Options.Options.Create(options), new KnownStreams(Microsoft.Extensions.Options.Options.Create(options)), NullLoggerFactory.Instance);

    private static DynamoDBClientProvider SharedClients { get; } = new();
}
