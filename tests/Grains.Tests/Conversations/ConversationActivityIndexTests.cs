using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using WaApp.EventSourcing.Storage;
using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Conversations;
using WaApp.Grains.Tests.Support;
using WaApp.TestInfrastructure;

namespace WaApp.Grains.Tests.Conversations;

/// <summary>
/// Every conversation commit is findable under its business number in the events table's activity index, written by
/// the one PutItem the message already costs: what recovers lazily written views after a crash starts from it.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ConversationActivityIndexTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_message_is_indexed_under_its_business_number_by_its_only_write()
    {
        var business = "1172839" + Random.Shared.Next(10_000_000, 99_999_999);
        var key = new ConversationKey(business, "c" + Guid.NewGuid().ToString("N")[..12]);
        var operations = CountingEventStore.For("conversation/" + key);
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);

        await fixture.Grains.GetGrain<IConversationGrain>(key.ToString()).IngestAsync(
            [new InboundMessage("wamid.activity.1", "14155550123", null, DateTimeOffset.UtcNow, "text", "Hi", "Ana", """{"id":"wamid.activity.1"}""")]);

        Assert.Equal((Reads: 0, Appends: 1, LostAppends: 0, Snapshots: 0), operations.Take());
        var index = fixture.Cluster.Silos.OfType<InProcessSiloHandle>().First().SiloHost.Services.GetRequiredService<IStreamActivityIndex>();
        var found = new List<StreamActivity>();
        await foreach (var activity in index.ReadActivityAsync(ConversationActivityKeys.ForBusiness(business), since, default))
        {
            found.Add(activity);
        }

        var commit = Assert.Single(found);
        Assert.Equal(("conversation/" + key, 0), (commit.StreamId, commit.Version));
    }

    [Theory]
    [InlineData("conversation/117283940561728:14155550123", "conversation/117283940561728")]
    [InlineData("conversation/117283940561728:group.abc", "conversation/117283940561728")]
    [InlineData("contact/14155550123", null)]
    [InlineData("business-account/1", null)]
    [InlineData("conversation/no-contact", null)]
    public void Only_conversations_are_indexed_and_by_their_number(string streamId, string? expected) =>
        Assert.Equal(expected, new ConversationActivityKeys().ActivityKeyOf(streamId));
}
