using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using WaApp.EventSourcing.Streams;
using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Events;
using WaApp.Grains.Business;
using WaApp.Grains.Conversations;

namespace WaApp.Grains.Tests.Business;

/// <summary>
/// A business keeps its counters and inbox list in memory between writes, fed by one-way reports: a crash loses the
/// reports since its last write. Here the lost reports are commits appended to the conversations' streams behind the
/// grains' backs (stored, never reported), which is what a business sees after a silo crash; on its next activation
/// it reads them back from the activity index, exactly once.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class BusinessRecoveryTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Activity_whose_reports_a_crash_lost_is_counted_and_listed_after_reactivation_exactly_once()
    {
        var (phoneNumberId, business) = NewBusiness();
        foreach (var contact in new[] { "15550001", "15550002", "15550003" })
        {
            var conversation = fixture.Grains.GetGrain<IConversationGrain>(new ConversationKey(phoneNumberId, contact).ToString());
            await conversation.IngestAsync([Inbound(phoneNumberId, contact, 1), Inbound(phoneNumberId, contact, 2)]);
        }

        await WaitForAsync(async () => (await business.GetSummaryAsync())?.Counters.MessagesIn == 6);
        await business.FlushAsync();

        // Stored after the business's last write, reported never: one returning customer, one new customer.
        await fixture.Cluster.DeactivateAsync(fixture.Grains.GetGrain<IConversationGrain>(new ConversationKey(phoneNumberId, "15550001").ToString()));
        await AppendUnreportedAsync(phoneNumberId, "15550001", fromVersion: 2, 3, 4);
        await AppendUnreportedAsync(phoneNumberId, "15550004", fromVersion: 0, 1);

        await BusinessCrash.CrashAsync(fixture.Cluster, business);
        var recovered = await business.GetSummaryAsync();
        var listed = await business.ListConversationsAsync(new ConversationListQuery(50));

        Assert.Equal((9, 4), (recovered!.Counters.MessagesIn, recovered.Conversations));
        Assert.Equal(9, recovered.Counters.ByType["text"]);
        Assert.Equal(["15550001", "15550002", "15550003", "15550004"], listed.Items.Select(item => item.ContactId).Order(StringComparer.Ordinal));
        Assert.Equal(4, listed.Items.Single(item => item.ContactId == "15550001").Version);
        Assert.Equal("m4", listed.Items.Single(item => item.ContactId == "15550001").LastMessage?.Text);

        // Crashed again (the same commits are still within the recovery margin): nothing is counted twice.
        await BusinessCrash.CrashAsync(fixture.Cluster, business);
        var again = await business.GetSummaryAsync();
        Assert.Equal((9, 4), (again!.Counters.MessagesIn, again.Conversations));

        // Live reports after the recovery count only what is new.
        await fixture.Grains.GetGrain<IConversationGrain>(new ConversationKey(phoneNumberId, "15550004").ToString())
            .IngestAsync([Inbound(phoneNumberId, "15550004", 2)]);
        await WaitForAsync(async () => (await business.GetSummaryAsync())!.Counters.MessagesIn >= 10);
        await BusinessCrash.CrashAsync(fixture.Cluster, business);
        Assert.Equal(10, (await business.GetSummaryAsync())!.Counters.MessagesIn);
    }

    [Fact]
    public async Task A_number_lost_before_its_first_write_is_recovered_and_listed_in_the_directory()
    {
        var (phoneNumberId, business) = NewBusiness();
        await AppendUnreportedAsync(phoneNumberId, "15550011", fromVersion: 0, 1, 2, 3);
        await AppendUnreportedAsync(phoneNumberId, "15550012", fromVersion: 0, 1, 2);

        var summary = await business.GetSummaryAsync();

        Assert.NotNull(summary);
        Assert.Equal((5, 2), (summary.Counters.MessagesIn, summary.Conversations));
        Assert.Contains(phoneNumberId, await fixture.Grains.GetGrain<IBusinessDirectoryGrain>(IBusinessDirectoryGrain.Key).ListAsync());
        await fixture.Cluster.DeactivateAsync(business);
        var again = await business.GetSummaryAsync();
        Assert.Equal((5, 2), (again!.Counters.MessagesIn, again.Conversations));
    }

    [Fact]
    public async Task A_report_that_leaves_a_gap_is_completed_from_the_store_and_a_repeated_one_is_not_counted()
    {
        var (phoneNumberId, business) = NewBusiness();
        var conversation = fixture.Grains.GetGrain<IConversationGrain>(new ConversationKey(phoneNumberId, "15550021").ToString());
        await conversation.IngestAsync([Inbound(phoneNumberId, "15550021", 1)]);
        await WaitForAsync(async () => (await business.GetSummaryAsync())?.Counters.MessagesIn == 1);

        // A commit whose report was lost, then a live one: its report starts past what the business counted.
        await AppendUnreportedAsync(phoneNumberId, "15550021", fromVersion: 1, 2);
        await conversation.IngestAsync([Inbound(phoneNumberId, "15550021", 3)]);
        await WaitForAsync(async () => (await business.GetSummaryAsync())!.Counters.MessagesIn >= 3);

        // A repeated report (the same versions) changes nothing.
        var listed = Assert.Single((await business.ListConversationsAsync(new ConversationListQuery(10))).Items);
        await business.ReportActivityAsync(new ConversationActivity(listed, MessageCounters.Zero with { MessagesIn = 1 }, listed.Version - 1));
        await fixture.Cluster.DeactivateAsync(business);
        var summary = await business.GetSummaryAsync();

        Assert.Equal(3, listed.Version);
        Assert.Equal(3, summary!.Counters.MessagesIn);
    }

    [Fact]
    public async Task A_clean_deactivation_leaves_nothing_to_recover_and_the_next_activation_reads_no_conversation()
    {
        var (phoneNumberId, business) = NewBusiness();
        var conversation = fixture.Grains.GetGrain<IConversationGrain>(new ConversationKey(phoneNumberId, "15550031").ToString());
        await conversation.IngestAsync([Inbound(phoneNumberId, "15550031", 1)]);
        await WaitForAsync(async () => (await business.GetSummaryAsync())?.Counters.MessagesIn == 1);
        // Stored and never reported, but after a clean deactivation: the business trusts what it wrote (a report of
        // a real commit would have activated it), so this shows it does not read the index's conversations again.
        await fixture.Cluster.DeactivateAsync(business);
        await AppendUnreportedAsync(phoneNumberId, "15550031", fromVersion: 1, 2);

        var summary = await business.GetSummaryAsync();

        Assert.Equal((1, 1), (summary!.Counters.MessagesIn, summary.Conversations));
    }

    /// <summary>Stores messages numbered <paramref name="messages"/> in one commit at <paramref name="fromVersion"/>, reporting nothing.</summary>
    private async Task AppendUnreportedAsync(string phoneNumberId, string contactId, int fromVersion, params int[] messages)
    {
        var streams = fixture.Cluster.Silos.OfType<InProcessSiloHandle>().First().SiloHost.Services.GetRequiredService<IEventSourcedStreamFactory>();
        var stream = streams.Create<ConversationState, ConversationEvent>(
            "conversation/" + new ConversationKey(phoneNumberId, contactId), static (state, @event) => state.Apply(@event));
        var events = messages.Select(i => (ConversationEvent)new MessageReceived(Inbound(phoneNumberId, contactId, i)) { RecordedAt = DateTimeOffset.UtcNow }).ToList();
        Assert.True(await stream.ApplyUpdatesToStorageAsync(events, fromVersion, new ConversationState()));
    }

    private static InboundMessage Inbound(string phoneNumberId, string contactId, int i) =>
        new($"wamid.{phoneNumberId}.{contactId}.{i}", contactId, null, DateTimeOffset.UtcNow, "text", $"m{i}", "Ana", "{}");

    private (string PhoneNumberId, IBusinessGrain Grain) NewBusiness()
    {
        var phoneNumberId = "1" + Random.Shared.NextInt64(10_000_000_000_000, 99_999_999_999_999);
        return (phoneNumberId, fixture.Grains.GetGrain<IBusinessGrain>(phoneNumberId));
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition was not met within 30 seconds.");
            await Task.Delay(50);
        }
    }
}
