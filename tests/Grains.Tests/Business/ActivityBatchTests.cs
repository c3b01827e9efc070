using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Business;

namespace WaApp.Grains.Tests.Business;

/// <summary>What one silo sends a business number in one call: each event counted once, each conversation in order.</summary>
public sealed class ActivityBatchTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Reports_that_continue_each_other_are_sent_as_one_with_the_counts_of_both()
    {
        var batch = new ActivityBatch(maxReportsPerCall: 100);

        batch.Add(Report("c1", from: 0, to: 2, inbound: 1));
        batch.Add(Report("c2", from: 4, to: 5, inbound: 1));
        batch.Add(Report("c1", from: 2, to: 3, inbound: 1));
        batch.Add(Report("c1", from: 3, to: 5, inbound: 2));

        var call = Assert.Single(batch.Calls);
        Assert.Equal([("c1", 0, 5, 4L), ("c2", 4, 5, 1L)], call.Select(Describe));
    }

    [Fact]
    public void A_report_that_leaves_a_gap_is_kept_after_the_one_before_so_the_business_reads_the_gap()
    {
        var batch = new ActivityBatch(maxReportsPerCall: 100);

        batch.Add(Report("c1", from: 0, to: 2, inbound: 1));
        batch.Add(Report("c1", from: 4, to: 5, inbound: 1));
        batch.Add(Report("c1", from: 5, to: 6, inbound: 1));
        batch.Add(Report("c2", from: -1, to: 1, inbound: 1));
        batch.Add(Report("c2", from: 1, to: 2, inbound: 1));

        Assert.Equal([("c1", 0, 2, 1L), ("c1", 4, 6, 2L), ("c2", -1, 1, 1L), ("c2", 1, 2, 1L)], Assert.Single(batch.Calls).Select(Describe));
    }

    [Fact]
    public void A_full_call_starts_another_and_a_conversation_keeps_merging_where_it_is_held()
    {
        var batch = new ActivityBatch(maxReportsPerCall: 2);

        batch.Add(Report("c1", from: 0, to: 1, inbound: 1));
        batch.Add(Report("c2", from: 0, to: 1, inbound: 1));
        batch.Add(Report("c3", from: 0, to: 1, inbound: 1));
        batch.Add(Report("c1", from: 1, to: 2, inbound: 1));

        Assert.Equal(2, batch.Calls.Count);
        Assert.Equal([("c1", 0, 2, 2L), ("c2", 0, 1, 1L)], batch.Calls[0].Select(Describe));
        Assert.Equal([("c3", 0, 1, 1L)], batch.Calls[1].Select(Describe));
    }

    private static ConversationActivity Report(string contactId, int from, int to, long inbound) =>
        new(new ConversationSnapshot(contactId, to, T0.AddMinutes(to), "Ana", 1, true, null, T0.AddHours(24)),
            MessageCounters.Zero with { MessagesIn = inbound, ByType = new Dictionary<string, long> { ["text"] = inbound } },
            from);

    private static (string, int, int, long) Describe(ConversationActivity activity) =>
        (activity.Conversation.ContactId, activity.FromVersion, activity.Conversation.Version, activity.Added.MessagesIn);
}
