using WaApp.TestInfrastructure;
using WaApp.Grains.Abstractions.Contacts;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using WaApp.EventSourcing.Streams;
using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Tests.Support;

namespace WaApp.Grains.Tests.Conversations;

/// <summary>What an inbound message costs the store: one write, plus one read only when an existing conversation is cold.</summary>
[Collection(ClusterCollection.Name)]
public sealed class StoreBudgetTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_new_conversations_first_message_is_one_write_and_no_read()
    {
        var (grain, operations) = NewConversation();

        var result = await grain.IngestAsync([Text("wamid.new.1", "Hi")]);

        Assert.Equal(1, result.Applied);
        Assert.Equal((Reads: 0, Appends: 1, LostAppends: 0, Snapshots: 0), operations.Take());
    }

    [Fact]
    public async Task A_warm_message_is_exactly_one_write()
    {
        var (grain, operations) = NewConversation();
        await grain.IngestAsync([Text("wamid.warm.1", "Hi")]);
        operations.Take();

        var result = await grain.IngestAsync([Text("wamid.warm.2", "Again")]);

        Assert.Equal(1, result.Applied);
        Assert.Equal((Reads: 0, Appends: 1, LostAppends: 0, Snapshots: 0), operations.Take());
    }

    [Fact]
    public async Task A_returning_customer_is_one_read_and_one_write_and_deduped_against_the_stored_conversation()
    {
        var (grain, operations) = NewConversation();
        await grain.IngestAsync([Text("wamid.back.1", "Hi"), Text("wamid.back.2", "there")]);
        await fixture.Cluster.DeactivateAsync(grain);
        operations.Take();

        // The silo that stored the events learned that the stream exists. Orleans may place the next activation on the
        // other silo of this two-silo cluster, so tell it too, as it would have learned had it hosted the grain.
        var stream = "conversation/" + grain.GetPrimaryKeyString();
        Assert.Contains(KnownStreamsOfEverySilo(), known => known.Contains(stream));
        foreach (var known in KnownStreamsOfEverySilo())
        {
            known.Add(stream);
        }

        // The silo knows the conversation exists, so its next activation reads first instead of assuming it new.
        var redelivery = await grain.IngestAsync([Text("wamid.back.2", "there")]);
        var cold = operations.Take();
        await fixture.Cluster.DeactivateAsync(grain);
        var next = await grain.IngestAsync([Text("wamid.back.3", "later")]);

        Assert.Equal(new IngestResult(Applied: 0, Duplicates: 1, Version: 2), redelivery);
        Assert.Equal((Reads: 1, Appends: 0, LostAppends: 0, Snapshots: 0), cold);
        Assert.Equal(new IngestResult(Applied: 1, Duplicates: 0, Version: 3), next);
        Assert.Equal((Reads: 1, Appends: 1, LostAppends: 0, Snapshots: 0), operations.Take());
        var page = await grain.GetMessagesAsync(new MessagePageQuery(50));
        Assert.Equal(["Hi", "there", "later"], page!.Items.Select(item => item.Text));
    }

    [Fact]
    public async Task A_conversation_the_silo_does_not_know_costs_a_lost_write_and_a_read_and_is_never_duplicated()
    {
        var (grain, operations) = NewConversation();
        await grain.IngestAsync([Text("wamid.lost.1", "Hi"), Text("wamid.lost.2", "there")]);
        await fixture.Cluster.DeactivateAsync(grain);
        ForgetKnownStreams();
        operations.Take();

        // As after a silo restart: the activation assumes a new conversation; its commit at version 0 collides, so it
        // reads and decides again on the stored state.
        var redelivery = await grain.IngestAsync([Text("wamid.lost.2", "there")]);

        Assert.Equal(new IngestResult(Applied: 0, Duplicates: 1, Version: 2), redelivery);
        Assert.Equal((Reads: 1, Appends: 0, LostAppends: 1, Snapshots: 0), operations.Take());
    }

    [Fact]
    public async Task A_new_customers_contact_is_never_written_and_shows_the_conversation_when_read()
    {
        var (grain, _) = NewConversation();
        var key = ConversationKey.Parse(grain.GetPrimaryKeyString());
        var contact = CountingEventStore.For("contact/" + key.ContactId);

        await grain.IngestAsync([Text("wamid.contact.1", "Hi")]);
        await grain.IngestAsync([Text("wamid.contact.2", "Again")]);
        await grain.IngestAsync([Text("wamid.contact.3", "And again")]);
        // The contact asks the conversations of every business number WaApp knows; a new number is listed once its
        // business grain flushes (on a timer), so the profile is read until it shows the conversation.
        var contactGrain = fixture.Grains.GetGrain<IContactGrain>(key.ContactId);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var profile = await contactGrain.GetProfileAsync();
        while (profile is not { Conversations.Count: > 0 })
        {
            Assert.True(DateTime.UtcNow < deadline, "The contact never showed the conversation.");
            await Task.Delay(100);
            profile = await contactGrain.GetProfileAsync();
        }

        Assert.Equal("Ana", profile.ProfileName);
        Assert.Equal("14155550123", profile.WaId);
        var conversation = Assert.Single(profile.Conversations);
        Assert.Equal(key.ToString(), conversation.ConversationId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795419000), conversation.FirstSeenAt);
        Assert.False(conversation.OptedOut);
        Assert.Equal(0, contact.Take().Appends);
    }

    [Fact]
    public async Task A_cold_read_of_an_existing_conversation_reads_before_answering()
    {
        var (grain, operations) = NewConversation();
        await grain.IngestAsync([Text("wamid.read.1", "Hi")]);
        await fixture.Cluster.DeactivateAsync(grain);
        operations.Take();

        var summary = await grain.GetSummaryAsync();

        Assert.NotNull(summary);
        Assert.Equal((Reads: 1, Appends: 0, LostAppends: 0, Snapshots: 0), operations.Take());
    }

    private void ForgetKnownStreams()
    {
        foreach (var known in KnownStreamsOfEverySilo())
        {
            known.Clear();
        }
    }

    private IEnumerable<KnownStreams> KnownStreamsOfEverySilo() =>
        fixture.Cluster.Silos.OfType<InProcessSiloHandle>().Select(silo => silo.SiloHost.Services.GetRequiredService<KnownStreams>());

    private (IConversationGrain Grain, StoreOperations Operations) NewConversation()
    {
        var key = new ConversationKey("117283940561728", "b" + Guid.NewGuid().ToString("N")[..12]);
        return (fixture.Grains.GetGrain<IConversationGrain>(key.ToString()), CountingEventStore.For("conversation/" + key));
    }

    private static InboundMessage Text(string id, string text) =>
        new(id, "14155550123", null, DateTimeOffset.FromUnixTimeSeconds(1795419000), "text", text, "Ana", $$"""{"id":"{{id}}"}""");
}
