using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Events;
using WaApp.Grains.Abstractions.Outbound;
using WaApp.Grains.Conversations.Views;
using static WaApp.Grains.Tests.Conversations.Views.ViewSamples;

namespace WaApp.Grains.Tests.Conversations.Views;

public sealed class MessageViewBuilderTests
{
    [Fact]
    public void A_sent_message_shows_the_statuses_Meta_reported_for_its_wamid_and_the_customers_reaction()
    {
        var state = Apply(
            Queued("out.1", "Your order shipped", T0),
            new MessageSent("out.1", "wamid.OUT1", Customer),
            new StatusUpdated(new StatusReport("wamid.OUT1", "delivered", T0.AddSeconds(5), Customer, null, null, null, null, null, "{}")),
            new ReactionReceived("wamid.R1", "out.1", "❤️", T0.AddSeconds(9), "{}"));

        var view = MessageViewBuilder.Find(state, "out.1");

        Assert.NotNull(view);
        Assert.Equal(("out.1", "delivered", "❤️"), (view.Id, view.Status, view.Reaction));
        Assert.Equal(["delivered"], view.StatusTimes!.Keys);
        Assert.Null(view.Errors);
    }

    [Fact]
    public void A_failed_or_unknown_send_explains_itself_before_any_status_arrives()
    {
        var state = Apply(
            Queued("out.1", "a", T0),
            Queued("out.2", "b", T0),
            new MessageFailed("out.1", 131026, "Undeliverable", "not on WhatsApp", SendErrorClass.NeverRetry),
            new MessageOutcomeUnknown("out.2", "The sender did not answer."));

        var failed = MessageViewBuilder.Find(state, "out.1")!;
        var unknown = MessageViewBuilder.Find(state, "out.2")!;

        Assert.Equal(new ErrorDetail(131026, "Undeliverable", "Undeliverable", "not on WhatsApp", null), Assert.Single(failed.Errors!));
        Assert.Equal("Outcome unknown", Assert.Single(unknown.Errors!).Title);
        Assert.Null(MessageViewBuilder.Find(state, "out.missing"));
    }
}
