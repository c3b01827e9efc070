using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.Conversations;
using WaApp.TestInfrastructure;

namespace WaApp.Grains.Tests.Business;

/// <summary>
/// A silo gathers its conversations' reports before sending them to the business; one that stops cleanly sends what
/// it holds, so a number's counters miss nothing. Its own two-silo cluster, whose silos hold reports for 30 seconds
/// (far longer than the test), so only the stop can send them.
/// </summary>
public sealed class ShutdownReportsTests : IAsyncLifetime
{
    private DynamoDBServer? _dynamo;
    private TestCluster? _cluster;

    [Fact]
    public async Task A_silo_that_stops_cleanly_sends_the_reports_it_holds()
    {
        var cluster = _cluster!;
        var stopping = cluster.SecondarySilos[0];
        // Calls made from the silo that will stop are placed there first (local preference).
        var grains = ((InProcessSiloHandle)stopping).SiloHost.Services.GetRequiredService<IGrainFactory>();
        var phoneNumberId = "5" + Random.Shared.NextInt64(10_000_000_000_000, 99_999_999_999_999);
        var business = cluster.Client.GetGrain<IBusinessGrain>(phoneNumberId);
        // A business that is active and stored: it reads nothing back, so it counts only what it is sent.
        Assert.Empty(await business.UpdateSettingsAsync(BusinessSettings.Default));
        await business.FlushAsync();
        // Orleans' default placement weighs the silos' load, so a batch may all land on the other silo under a busy
        // machine: conversations are added in batches until some of them live on the silo that will stop.
        var keys = new List<ConversationKey>();
        var onStopping = 0;
        for (var batch = 0; batch < 20 && onStopping == 0; batch++)
        {
            var added = Enumerable.Range(0, 12).Select(_ => new ConversationKey(phoneNumberId, "c" + Guid.NewGuid().ToString("N")[..12])).ToList();
            keys.AddRange(added);
            await Task.WhenAll(added.Select(key => grains.GetGrain<IConversationGrain>(key.ToString()).IngestAsync(
            [
                new InboundMessage("wamid.1." + key.ContactId, "14155550123", null, DateTimeOffset.UtcNow.AddMinutes(-5), "text", "hi", "Ana", "{}"),
                new InboundMessage("wamid.2." + key.ContactId, "14155550123", null, DateTimeOffset.UtcNow.AddMinutes(-4), "text", "anyone?", "Ana", "{}"),
            ])));
            onStopping = (await cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics(hostsIds: [stopping.SiloAddress]))
                .Count(activation => keys.Exists(key => activation.GrainId == grains.GetGrain<IConversationGrain>(key.ToString()).GetGrainId()));
        }

        await cluster.StopSiloAsync(stopping);
        var counted = await EventuallyAsync(async () => (await business.GetSummaryAsync())?.Counters.MessagesIn ?? 0, expected: 2 * keys.Count);

        Assert.True(onStopping > 0, "no conversation was placed on the silo that stopped");
        Assert.Equal(2 * keys.Count, counted);
    }

    private static async Task<long> EventuallyAsync(Func<Task<long>> read, long expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var value = await read();
        while (value != expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            value = await read();
        }

        return value;
    }

    public async Task InitializeAsync()
    {
        _dynamo = await DynamoDBServer.StartAsync();
        var builder = new TestClusterBuilder(initialSilosCount: 2);
        builder.Properties["DynamoDB:Service"] = _dynamo.ServiceUrl;
        builder.Properties["DynamoDB:TablePrefix"] = DynamoDBServer.UniqueTablePrefix("reports");
        builder.Properties["Business:ActivityReportInterval"] = "00:00:30";
        builder.AddSiloBuilderConfigurator<ClusterFixture.DynamoDBSiloConfigurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        if (_dynamo is not null)
        {
            await _dynamo.DisposeAsync();
        }
    }
}
