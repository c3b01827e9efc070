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
    public static async Task<(DynamoDBEventStore Store, EventSourcedStreamOptions Options)> CreateAsync(
        DynamoDBFixture fixture, Action<EventSourcedStreamOptions>? configure = null)
    {
        var prefix = DynamoDBServer.UniqueTablePrefix("es");
        var options = new DynamoDBEventStoreOptions
        {
            Service = fixture.ServiceUrl,
            TableName = prefix + DynamoDBEventStoreOptions.DefaultTableName,
            SnapshotTableName = prefix + DynamoDBStorageOptions.DefaultTableName,
        };
        var streamOptions = new EventSourcedStreamOptions();
        configure?.Invoke(streamOptions);
        var store = new DynamoDBEventStore(Microsoft.Extensions.Options.Options.Create(options), SharedClients, TimeProvider.System, NullLogger<DynamoDBEventStore>.Instance);
        await store.InitializeAsync(CancellationToken.None);
        return (store, streamOptions);
    }

    public static IEventSourcedStreamFactory Streams(IEventStore store, EventSourcedStreamOptions options) =>
        new EventSourcedStreamFactory(store, Microsoft.Extensions.Options.Options.Create(options), NullLoggerFactory.Instance);

    private static DynamoDBClientProvider SharedClients { get; } = new();
}
