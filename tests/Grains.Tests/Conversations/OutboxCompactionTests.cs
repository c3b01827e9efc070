using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Events;
using WaApp.Grains.Abstractions.Outbound;
using WaApp.Grains.Conversations;
using WaApp.Grains.Conversations.Views;

namespace WaApp.Grains.Tests.Conversations;

/// <summary>
/// Settled outbox records keep only what status matching, idempotent repeats and the message view need, so a
/// conversation's state (and its snapshot) does not grow by every text the business ever sent.
/// </summary>
public sealed class OutboxCompactionTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1795419700);

    [Fact]
    public void A_thousand_long_texts_accepted_by_Meta_leave_a_small_outbox_and_statuses_still_match()
    {
        var state = new ConversationState();
        var text = new string('x', 2_000);
        const int sends = 1_000;
        for (var n = 0; n < sends; n++)
        {
            state.Apply(Queued(n, new TextContent($"{n} {text}")));
            state.Apply(new MessageSent($"out.{n}", $"wamid.{n}", "14155550123"));
        }

        state.Apply(new StatusUpdated(new StatusReport("wamid.0", "read", T0.AddHours(1), "14155550123", null, null, null, null, null, "{}")));

        var outboxBytes = SnapshotForm.SizeOf(state.Outbox);
        Assert.True(outboxBytes < sends * 400, $"the outbox of {sends} settled sends takes {outboxBytes} bytes");
        Assert.Equal("read", MessageViewBuilder.Build(state, state.Find("out.0")!).Status);
        Assert.Equal("wamid.0", state.Outbox["out.0"].Wamid);
        Assert.Equal("out.999", state.IdempotencyKeys["key.999"]);
        Assert.NotNull(state.Outbox["out.999"].RequestFingerprint);
        Assert.False(state.Outbox["out.999"].CanRetry);
    }

    [Fact]
    public void A_send_that_may_still_be_retried_keeps_its_content_and_one_that_failed_for_good_does_not()
    {
        var state = new ConversationState();
        state.Apply(Queued(1, new TextContent("Your order ships today")));
        state.Apply(Queued(2, new TextContent("Your order is cancelled")));
        state.Apply(Queued(3, new TextContent("Your parcel is late")));
        state.Apply(new MessageFailed("out.1", 131056, "Pair rate limit hit", null, SendErrorClass.RetryRecipientLater));
        state.Apply(new MessageFailed("out.2", 131026, "Message undeliverable", null, SendErrorClass.NeverRetry));
        state.Apply(new MessageOutcomeUnknown("out.3", "The connection closed before Meta answered."));

        Assert.Equal("Your order ships today", Assert.IsType<TextContent>(state.Outbox["out.1"].ToSend().Content).Body);
        Assert.Null(state.Outbox["out.2"].Content);
        Assert.Equal("Your parcel is late", Assert.IsType<TextContent>(state.Outbox["out.3"].ToSend().Content).Body);

        // A status echoing the send id proves Meta accepted the unknown one: it settles and compacts too.
        state.Apply(new StatusUpdated(new StatusReport("wamid.3", "sent", T0, "14155550123", null, "out.3", null, null, null, "{}")));
        Assert.Null(state.Outbox["out.3"].Content);
        Assert.Equal("sent", state.Find("out.3")!.Status);
    }

    private static MessageQueued Queued(int n, OutboundContent content) =>
        new($"out.{n}", $"key.{n}", "14155550123", content, SendLane.Live, ReplyTo: null) { RecordedAt = T0.AddSeconds(n) };
}
