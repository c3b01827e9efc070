using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using WaApp.DynamoDB.Options;
using WaApp.DynamoDB.Storage;
using WaApp.DynamoDB.Tables;
using WaApp.DynamoDB.Tests.Support;
using WaApp.TestInfrastructure;

namespace WaApp.DynamoDB.Tests.Storage;

public sealed class Profile
{
    public string Name { get; set; } = string.Empty;

    public List<string> Tags { get; set; } = [];
}

/// <summary>The grain-storage contract Orleans' CommonStorageTests check, against the official layout.</summary>
[Collection(DynamoDBCollection.Name)]
public sealed class GrainStorageContractTests(DynamoDBFixture fixture)
{
    private static readonly DynamoDBClientProvider Clients = new();
    private static readonly ServiceProvider Services = new ServiceCollection().AddSerializer().AddOptions().BuildServiceProvider();
    private readonly string _tableName = DynamoDBServer.UniqueTablePrefix("gs") + DynamoDBStorageOptions.DefaultTableName;
    private readonly GrainId _grain = GrainId.Create("profile", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_missing_record_reads_as_a_fresh_state_without_etag()
    {
        var storage = await CreateAsync();

        var state = new GrainState<Profile>();
        await storage.ReadStateAsync("profile", _grain, state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.NotNull(state.State);
        Assert.Equal(string.Empty, state.State!.Name);
    }

    [Fact]
    public async Task Written_state_is_read_back_with_its_etag_as_json_without_type_names()
    {
        var storage = await CreateAsync();
        var state = new GrainState<Profile>(new Profile { Name = "Ana", Tags = ["vip"] });

        await storage.WriteStateAsync("profile", _grain, state);
        var read = new GrainState<Profile>();
        await storage.ReadStateAsync("profile", _grain, read);

        Assert.True(read.RecordExists);
        Assert.Equal(state.ETag, read.ETag);
        Assert.Equal("Ana", read.State!.Name);
        Assert.Equal(["vip"], read.State!.Tags);
        var raw = await RawStateAsync("profile");
        Assert.Contains("\"Ana\"", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("$type", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_etag_is_rejected_with_a_plain_inconsistent_state_exception()
    {
        var storage = await CreateAsync();
        var first = new GrainState<Profile>(new Profile { Name = "v1" });
        await storage.WriteStateAsync("profile", _grain, first);
        var stale = new GrainState<Profile>(new Profile { Name = "stale" }) { ETag = first.ETag };
        first.State!.Name = "v2";
        await storage.WriteStateAsync("profile", _grain, first);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("profile", _grain, stale));
        var insertOverExisting = await Assert.ThrowsAsync<InconsistentStateException>(() =>
            storage.WriteStateAsync("profile", _grain, new GrainState<Profile>(new Profile { Name = "new" })));

        Assert.Null(error.InnerException);
        Assert.Null(insertOverExisting.InnerException);
        var read = new GrainState<Profile>();
        await storage.ReadStateAsync("profile", _grain, read);
        Assert.Equal("v2", read.State!.Name);
    }

    [Fact]
    public async Task Clear_blanks_the_record_and_keeps_counting_etags()
    {
        var storage = await CreateAsync();
        var state = new GrainState<Profile>(new Profile { Name = "Ana" });
        await storage.WriteStateAsync("profile", _grain, state);
        var staleEtag = state.ETag;

        await storage.ClearStateAsync("profile", _grain, state);

        Assert.False(state.RecordExists);
        Assert.Equal(string.Empty, state.State!.Name);
        var read = new GrainState<Profile>();
        await storage.ReadStateAsync("profile", _grain, read);
        Assert.False(read.RecordExists);
        Assert.Equal(state.ETag, read.ETag);
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            storage.WriteStateAsync("profile", _grain, new GrainState<Profile>(new Profile()) { ETag = staleEtag }));
        read.State!.Name = "again";
        await storage.WriteStateAsync("profile", _grain, read);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task Clear_with_DeleteStateOnClear_removes_the_item()
    {
        var storage = await CreateAsync(o => o.DeleteStateOnClear = true);
        var state = new GrainState<Profile>(new Profile { Name = "Ana" });
        await storage.WriteStateAsync("profile", _grain, state);

        await storage.ClearStateAsync("profile", _grain, state);

        Assert.Null(state.ETag);
        Assert.Null(await RawStateAsync("profile"));
        await storage.WriteStateAsync("profile", _grain, new GrainState<Profile>(new Profile { Name = "fresh" }));
    }

    [Fact]
    public async Task State_over_400_KB_is_a_clear_error_and_stores_nothing()
    {
        var storage = await CreateAsync();
        var state = new GrainState<Profile>(new Profile { Name = new string('x', 410 * 1024) });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => storage.WriteStateAsync("profile", _grain, state));

        Assert.Contains("400 KB", error.Message, StringComparison.Ordinal);
        Assert.Null(state.ETag);
        Assert.Null(await RawStateAsync("profile"));
    }

    [Fact]
    public async Task Service_ids_and_state_names_keep_records_apart()
    {
        var a = await CreateAsync(o => o.ServiceId = "a");
        var b = await CreateAsync(o => o.ServiceId = "b");
        await a.WriteStateAsync("profile", _grain, new GrainState<Profile>(new Profile { Name = "in a" }));

        var fromB = new GrainState<Profile>();
        await b.ReadStateAsync("profile", _grain, fromB);
        var otherName = new GrainState<Profile>();
        await a.ReadStateAsync("settings", _grain, otherName);

        Assert.False(fromB.RecordExists);
        Assert.False(otherName.RecordExists);
    }

    private async Task<DynamoDBGrainStorage> CreateAsync(Action<DynamoDBStorageOptions>? configure = null)
    {
        var options = new DynamoDBStorageOptions
        {
            Service = fixture.ServiceUrl,
            TableName = _tableName,
            GrainStorageSerializer = ActivatorUtilities.CreateInstance<SystemTextJsonGrainStorageSerializer>(Services),
        };
        configure?.Invoke(options);
        var storage = new DynamoDBGrainStorage("test", options, Clients, Services.GetRequiredService<IActivatorProvider>(), NullLogger<DynamoDBGrainStorage>.Instance);
        await storage.InitializeAsync(CancellationToken.None);
        return storage;
    }

    private async Task<string?> RawStateAsync(string stateName)
    {
        var response = await Clients.GetClient(new DynamoDBClientOptions { Service = fixture.ServiceUrl }).GetItemAsync(new GetItemRequest
        {
            TableName = _tableName,
            Key = new Dictionary<string, AttributeValue>
            {
                [GrainStateAttributes.GrainReference] = new("_" + _grain),
                [GrainStateAttributes.GrainType] = new(stateName),
            },
            ConsistentRead = true,
        });
        return response.Item is { Count: > 0 } item && item[GrainStateAttributes.GrainState].B is { } bytes
            ? System.Text.Encoding.UTF8.GetString(bytes.ToArray())
            : null;
    }
}
