using CsCheck;
using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Events;
using WaApp.Grains.Conversations;
using WaApp.Grains.Conversations.Views;

namespace WaApp.Grains.Tests.Conversations;

/// <summary>
/// The status rule as agents see it: a business message's status only moves forward, failed is terminal, each
/// status keeps its own time, and the order or repetition of webhooks never changes the outcome.
/// </summary>
public sealed class ConversationStatusRuleTests
{
    private const string MessageId = "wamid.OUTBOUND1";
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1795419700);

    [Theory]
    [InlineData(new[] { "sent", "delivered", "read" }, "read")]
    [InlineData(new[] { "read", "delivered", "sent" }, "read")]
    [InlineData(new[] { "delivered", "sent" }, "delivered")]
    [InlineData(new[] { "sent", "read" }, "read")]
    [InlineData(new[] { "read", "played", "delivered" }, "played")]
    [InlineData(new[] { "sent", "failed" }, "failed")]
    [InlineData(new[] { "failed", "sent" }, "failed")]
    [InlineData(new[] { "delivered", "failed", "read" }, "failed")]
    [InlineData(new[] { "sent", "deleted" }, "sent")]
    public void Status_only_moves_forward_and_failed_is_terminal(string[] arrivals, string expected)
    {
        var state = StateWithOutboundMessage();

        foreach (var (status, index) in arrivals.Select((status, index) => (status, index)))
        {
            Ingest(state, Report(status, T0.AddSeconds(index)));
        }

        Assert.Equal(expected, state.Find(MessageId)!.Status);
        Assert.Equal(arrivals.Length, state.Deliveries[MessageId].StatusTimes.Count);
    }

    [Fact]
    public void Each_status_keeps_its_own_time_and_a_late_sent_still_brings_pricing()
    {
        var state = StateWithOutboundMessage();

        Ingest(state, Report("read", T0.AddSeconds(80)));
        Ingest(state, Report("delivered", T0.AddSeconds(3)));
        Ingest(state, Report("sent", T0, new PricingInfo(true, "PMP", "regular", "utility")));

        var view = MessageViewBuilder.Build(state, state.Find(MessageId)!);
        Assert.Equal("read", view.Status);
        Assert.Equal(T0, view.StatusTimes!["sent"]);
        Assert.Equal(T0.AddSeconds(3), view.StatusTimes["delivered"]);
        Assert.Equal(T0.AddSeconds(80), view.StatusTimes["read"]);
        Assert.Equal("utility", state.Deliveries[MessageId].Pricing?.Category);
    }

    [Fact]
    public void A_failed_status_keeps_its_errors()
    {
        var state = StateWithOutboundMessage();

        Ingest(state, Report("sent", T0));
        Ingest(state, Report("failed", T0.AddSeconds(1)) with { Errors = [new ErrorDetail(131047, "Re-engagement message", "Re-engagement message", "24 hours passed", null)] });

        var view = MessageViewBuilder.Build(state, state.Find(MessageId)!);
        Assert.Equal("failed", view.Status);
        Assert.Equal(131047, Assert.Single(view.Errors!).Code);
    }

    [Fact]
    public void Statuses_for_a_message_not_yet_known_are_kept_and_applied_when_it_appears()
    {
        var state = new ConversationState();

        Ingest(state, Report("delivered", T0.AddSeconds(2)));
        Ingest(state, Report("sent", T0));
        Assert.Null(state.Find(MessageId));

        state.AddMessage(Outbound());

        var view = MessageViewBuilder.Build(state, state.Find(MessageId)!);
        Assert.Equal("delivered", view.Status);
        Assert.Equal(2, view.StatusTimes!.Count);
    }

    [Fact]
    public void Any_permutation_and_duplication_of_statuses_ends_in_the_same_state()
    {
        string[] names = ["sent", "delivered", "read", "played", "failed"];
        var statuses = Gen.Int[0, names.Length - 1].Select(i => names[i]).HashSet[1, 5];
        var scenario = statuses.SelectMany(set =>
        {
            var reports = set.Order(StringComparer.Ordinal).Select((status, index) => Report(status, T0.AddSeconds(index),
                status is "sent" or "delivered" ? new PricingInfo(true, "PMP", "regular", status) : null)).ToArray();
            // Each report delivered one to three times, in any order, before or after the message is known.
            return Gen.Int[1, 3].Array[reports.Length]
                .Select(copies => reports.SelectMany((report, i) => Enumerable.Repeat(report, copies[i])).ToArray())
                .SelectMany(deliveries => Gen.Shuffle(deliveries).Select(shuffled => (reports, shuffled)))
                .SelectMany(pair => Gen.Int[0, pair.shuffled.Length].Select(messageAt => (pair.reports, pair.shuffled, messageAt)));
        });

        scenario.Sample(sample =>
        {
            var expected = StateWithOutboundMessage();
            foreach (var report in sample.reports)
            {
                Ingest(expected, report);
            }

            var actual = new ConversationState();
            for (var i = 0; i <= sample.shuffled.Length; i++)
            {
                if (i == sample.messageAt)
                {
                    actual.AddMessage(Outbound());
                }

                if (i < sample.shuffled.Length)
                {
                    Ingest(actual, sample.shuffled[i]);
                }
            }

            var want = MessageViewBuilder.Build(expected, expected.Find(MessageId)!);
            var got = MessageViewBuilder.Build(actual, actual.Find(MessageId)!);
            Assert.Equal(want.Status, got.Status);
            Assert.Equal(want.StatusTimes!.OrderBy(p => p.Key), got.StatusTimes!.OrderBy(p => p.Key));
            Assert.Equal(expected.Deliveries[MessageId].Pricing, actual.Deliveries[MessageId].Pricing);
        }, iter: 500);
    }

    // What the grain does for a status: record it once per (wamid, status), then let the state rule apply it.
    private static void Ingest(ConversationState state, StatusReport report)
    {
        if (!state.HasStatus(report.MessageId, report.Status))
        {
            state.Apply(new StatusUpdated(report));
        }
    }

    private static ConversationState StateWithOutboundMessage()
    {
        var state = new ConversationState();
        state.AddMessage(Outbound());
        return state;
    }

    private static MessageRecord Outbound() => new()
    {
        Id = MessageId,
        Direction = MessageDirection.Outbound,
        Type = "text",
        Text = "Your order shipped",
        Timestamp = T0.AddSeconds(-1),
        Status = "accepted",
    };

    private static StatusReport Report(string status, DateTimeOffset at, PricingInfo? pricing = null) =>
        new(MessageId, status, at, "14155550123", null, null, pricing, null, null, $$"""{"id":"{{MessageId}}","status":"{{status}}"}""");
}
