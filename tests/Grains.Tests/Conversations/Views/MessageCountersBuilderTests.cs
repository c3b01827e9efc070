using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Events;
using WaApp.Grains.Abstractions.Outbound;
using WaApp.Grains.Conversations.Views;
using static WaApp.Grains.Tests.Conversations.Views.ViewSamples;

namespace WaApp.Grains.Tests.Conversations.Views;

public sealed class MessageCountersBuilderTests
{
    [Fact]
    public void Counts_messages_by_direction_type_status_and_error_code()
    {
        var failedStatus = new StatusReport("wamid.out", "failed", T0, Customer, null, null, null, null, [new ErrorDetail(131047, "Re-engagement", null, null, null)], "{}");
        ConversationEvent[] events =
        [
            Inbound("wamid.1", "Hi", T0),
            Inbound("wamid.2", "pic", T0, type: "image"),
            new ReactionReceived("wamid.3", "wamid.1", "👍", T0, "{}"),
            Queued("out.1", "Yes", T0),
            new MessageFailed("out.1", 131026, "Undeliverable", null, SendErrorClass.NeverRetry),
            new StatusUpdated(failedStatus),
            new ConversationAssigned("ana", "lead"),
        ];

        var counters = MessageCountersBuilder.Count(events);

        Assert.Equal((3L, 1L), (counters.MessagesIn, counters.MessagesOut));
        Assert.Equal(new Dictionary<string, long> { ["text"] = 2, ["image"] = 1, ["reaction"] = 1 }, counters.ByType);
        Assert.Equal(new Dictionary<string, long> { ["failed"] = 1 }, counters.ByStatus);
        Assert.Equal(new Dictionary<string, long> { ["131026"] = 1, ["131047"] = 1 }, counters.FailuresByErrorCode);
    }
}
