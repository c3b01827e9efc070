using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Outbound;

namespace WaApp.Grains.Tests.Outbound;

/// <summary>Agents write to a group conversation: Meta's group send, no 24-hour window, no automatic replies.</summary>
[Collection(SendingClusterCollection.Name)]
public sealed class GroupSendTests(SendingClusterFixture fixture)
{
    [Fact]
    public async Task An_agent_message_to_a_group_goes_out_with_recipient_type_group_even_days_after_the_last_message()
    {
        var number = SendingClusterFixture.NewNumber();
        var groupId = "Y2FwaV9ncm91cDo" + Guid.NewGuid().ToString("N");
        var conversation = fixture.Grains.GetGrain<IConversationGrain>(new ConversationKey(number, "group." + groupId).ToString());
        await conversation.IngestAsync([new InboundMessage("wamid.group." + Guid.NewGuid().ToString("N"), SendingClusterFixture.NewCustomer(), null,
            DateTimeOffset.UtcNow.AddDays(-2), "text", "Is the shop open on Sunday?", "Ana", "{}") { GroupId = groupId }]);

        var sent = await conversation.SendMessageAsync(new SendMessageCommand("group-reply-1", new TextContent("Yes, 10 to 4.")));

        Assert.Equal(SendDisposition.Queued, sent.Disposition);
        await SendingClusterFixture.EventuallyAsync(async () => (await fixture.RequestsAsync(number)).Any(request => request.MessageId is not null), "the group send accepted");
        var body = Assert.Single(await fixture.RequestsAsync(number)).Body;
        // Meta's Groups API send: the existing messages endpoint with recipient_type group and the group id in "to".
        Assert.Equal(("whatsapp", "group", groupId, "text", "Yes, 10 to 4."),
            ((string?)body["messaging_product"], (string?)body["recipient_type"], (string?)body["to"], (string?)body["type"], (string?)body["text"]!["body"]));
    }

    [Fact]
    public async Task A_group_message_gets_no_automatic_reply_and_opens_no_window()
    {
        var number = SendingClusterFixture.NewNumber();
        var groupId = "Y2FwaV9ncm91cDo" + Guid.NewGuid().ToString("N");
        var conversation = fixture.Grains.GetGrain<IConversationGrain>(new ConversationKey(number, "group." + groupId).ToString());

        await conversation.IngestAsync([new InboundMessage("wamid.group." + Guid.NewGuid().ToString("N"), SendingClusterFixture.NewCustomer(), null,
            DateTimeOffset.UtcNow, "text", "STOP", "Ana", "{}") { GroupId = groupId }]);

        var history = await conversation.GetHistoryAsync(0, 50);
        Assert.Equal(["conversation.message-received.v1"], history!.Items.Select(item => item.Type));
        var summary = await conversation.GetSummaryAsync();
        Assert.Null(summary!.WindowExpiresAt);
        Assert.False(summary.OptedOut);
    }
}
