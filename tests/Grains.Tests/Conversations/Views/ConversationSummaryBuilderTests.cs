using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.Events;
using WaApp.Grains.Conversations.Views;
using static WaApp.Grains.Tests.Conversations.Views.ViewSamples;

namespace WaApp.Grains.Tests.Conversations.Views;

public sealed class ConversationSummaryBuilderTests
{
    [Fact]
    public void The_summary_counts_messages_unread_and_pending_sends_and_knows_whether_the_window_is_open()
    {
        var state = Apply(
            Inbound("wamid.1", "Hi", T0),
            Inbound("wamid.2", "Still there?", T0.AddMinutes(1)),
            new ConversationMarkedRead("agent", 1),
            new ConversationAssigned("ana", "lead"),
            Queued("out.1", "Yes", T0.AddMinutes(2)));

        var open = ConversationSummaryBuilder.Summary(state, Key, version: 5, now: T0.AddHours(1));
        var later = ConversationSummaryBuilder.Summary(state, Key, version: 5, now: T0.AddHours(25));

        Assert.Equal((Key.PhoneNumberId, Key.ContactId, 5, "Ana"), (open.PhoneNumberId, open.ContactId, open.Version, open.ProfileName));
        Assert.Equal((3, 1, 1L, 1), (open.MessageCount, open.UnreadCount, open.ReadUpTo, open.PendingOutbound));
        Assert.Equal("ana", open.AssignedTo);
        Assert.True(open.IsOpen);
        Assert.True(open.WindowOpen);
        Assert.False(later.WindowOpen);
        Assert.Equal(T0.AddMinutes(1).AddHours(24), open.WindowExpiresAt);
    }

    [Fact]
    public void The_snapshot_previews_the_latest_message_and_falls_back_to_now_without_activity()
    {
        var state = Apply(Inbound("wamid.1", "Hi", T0), Queued("out.1", "Your order shipped", T0.AddMinutes(2)));

        var snapshot = ConversationSummaryBuilder.Snapshot(state, Customer, version: 2, now: T0.AddHours(1));
        var empty = ConversationSummaryBuilder.Snapshot(Apply(), Customer, version: 0, now: T0);

        Assert.Equal(new MessagePreview("outbound", "text", "Your order shipped", T0.AddMinutes(2)), snapshot.LastMessage);
        Assert.Equal(T0.AddMinutes(2), snapshot.LastActivityAt);
        Assert.Null(empty.LastMessage);
        Assert.Equal(T0, empty.LastActivityAt);
    }

    [Fact]
    public void A_long_preview_is_cut_without_splitting_an_emoji()
    {
        var text = new string('a', MessagePreview.MaxTextLength - 1) + "😀" + "tail";

        var preview = ConversationSummaryBuilder.Preview(Apply(Inbound("wamid.1", text, T0)).Messages[0]);

        Assert.Equal(new string('a', MessagePreview.MaxTextLength - 1), preview!.Text);
        Assert.Equal("inbound", preview.Direction);
    }
}
