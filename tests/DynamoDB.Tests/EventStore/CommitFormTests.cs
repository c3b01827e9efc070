using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging.Abstractions;
using WaApp.DynamoDB.EventStore;
using WaApp.DynamoDB.Options;
using WaApp.DynamoDB.Tables;
using WaApp.DynamoDB.Tests.Support;
using WaApp.EventSourcing.Storage;
using WaApp.TestInfrastructure;

namespace WaApp.DynamoDB.Tests.EventStore;

/// <summary>How commits lie in the table: one event as top-level attributes, several as a list; both read back.</summary>
[Collection(DynamoDBCollection.Name)]
public sealed class CommitFormTests(DynamoDBFixture fixture)
{
    [Fact]
    public async Task A_single_event_is_stored_flat_and_several_as_a_list_and_both_read_back_in_order()
    {
        var (store, client, table) = await CreateAsync();

        await store.AppendAsync("s/forms", 0, [new StoredEvent("one", """{"n":0}""")], Guid.NewGuid(), AppendAttempt.First, default);
        await store.AppendAsync("s/forms", 1, [new StoredEvent("two", """{"n":1}"""), new StoredEvent("two", """{"n":2}""")], Guid.NewGuid(), AppendAttempt.First, default);

        var single = await RawAsync(client, table, "s/forms", 0);
        var several = await RawAsync(client, table, "s/forms", 1);
        Assert.False(single.ContainsKey(EventAttributes.Events));
        Assert.Equal("""{"n":0}""", single[EventAttributes.EventData].S);
        Assert.Equal(2, several[EventAttributes.Events].L.Count);
        Assert.False(several.ContainsKey(EventAttributes.EventData));

        var page = await store.ReadAsync("s/forms", 0, 10, default);
        Assert.Equal(["""{"n":0}""", """{"n":1}""", """{"n":2}"""], page.Events.Select(e => e.Event.Json));
        var fromInside = await store.ReadAsync("s/forms", 2, 10, default);
        Assert.Equal(["""{"n":2}"""], fromInside.Events.Select(e => e.Event.Json));
    }

    [Fact]
    public async Task A_single_event_commit_stored_as_a_list_by_an_earlier_version_still_reads()
    {
        var (store, client, table) = await CreateAsync();
        await client.PutItemAsync(new PutItemRequest
        {
            TableName = table,
            Item = new()
            {
                [EventAttributes.StreamId] = new("s/legacy"),
                [EventAttributes.Version] = new() { N = "0" },
                [EventAttributes.BatchId] = new(Guid.NewGuid().ToString("N")),
                [EventAttributes.CommittedAt] = new("2026-12-01T10:00:00.0000000+00:00"),
                [EventAttributes.Events] = new()
                {
                    L = [new() { M = new() { [EventAttributes.EventType] = new("old"), [EventAttributes.EventData] = new("""{"n":0}""") } }],
                },
            },
        });
        await store.AppendAsync("s/legacy", 1, [new StoredEvent("new", """{"n":1}""")], Guid.NewGuid(), AppendAttempt.First, default);

        var page = await store.ReadAsync("s/legacy", 1, 10, default);
        var all = await store.ReadAsync("s/legacy", 0, 10, default);

        Assert.Equal(["""{"n":1}"""], page.Events.Select(e => e.Event.Json));
        Assert.Equal(["old", "new"], all.Events.Select(e => e.Event.TypeName));
    }

    private async Task<(DynamoDBEventStore Store, Amazon.DynamoDBv2.IAmazonDynamoDB Client, string Table)> CreateAsync()
    {
        var options = new DynamoDBEventStoreOptions
        {
            Service = fixture.ServiceUrl,
            TableName = DynamoDBServer.UniqueTablePrefix("forms") + DynamoDBEventStoreOptions.DefaultTableName,
        };
        var clients = new DynamoDBClientProvider();
        var store = new DynamoDBEventStore(Microsoft.Extensions.Options.Options.Create(options), clients, TimeProvider.System, NullLogger<DynamoDBEventStore>.Instance);
        await store.InitializeAsync(default);
        return (store, clients.GetClient(options), options.TableName);
    }

    private static async Task<Dictionary<string, AttributeValue>> RawAsync(Amazon.DynamoDBv2.IAmazonDynamoDB client, string table, string stream, int version) =>
        (await client.GetItemAsync(new GetItemRequest
        {
            TableName = table,
            Key = new() { [EventAttributes.StreamId] = new(stream), [EventAttributes.Version] = new() { N = version.ToString(System.Globalization.CultureInfo.InvariantCulture) } },
            ConsistentRead = true,
        })).Item;
}
