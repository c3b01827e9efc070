using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.Conversations;

namespace WaApp.Grains.Tests.Outbound;

/// <summary>Read receipts through the real sender and the Cloud API simulator: auto mark-as-read and typing.</summary>
[Collection(SendingClusterCollection.Name)]
public sealed class ReadReceiptTests(SendingClusterFixture fixture)
{
    [Fact]
    public async Task Auto_mark_as_read_sends_one_receipt_per_customer_message_and_an_agent_read_after_it_sends_none()
    {
        var number = SendingClusterFixture.NewNumber();
        var customer = SendingClusterFixture.NewCustomer();
        await fixture.Grains.GetGrain<IBusinessGrain>(number).UpdateSettingsAsync(new BusinessSettings { AutoMarkAsRead = true });
        var conversation = fixture.Grains.GetGrain<IConversationGrain>(new ConversationKey(number, customer).ToString());
        var wamid = "wamid.in." + Guid.NewGuid().ToString("N");

        await conversation.IngestAsync([new InboundMessage(wamid, customer, null, DateTimeOffset.UtcNow, "text", "Where is my order?", "Ana", "{}")]);
        await SendingClusterFixture.EventuallyAsync(async () => (await ReceiptsAsync(number)).Count == 1, "the automatic read receipt");
        var summary = await conversation.MarkReadAsync("ana", null);
        // A typing indicator goes through the same sender after the read, so it arrives after anything the read sent.
        var typing = await conversation.ShowTypingAsync("ana");

        Assert.Equal(0, summary!.UnreadCount);
        Assert.True(typing!.Sent, typing.Reason);
        var receipts = await ReceiptsAsync(number);
        Assert.Equal(2, receipts.Count);
        Assert.All(receipts, receipt => Assert.Equal(wamid, (string?)receipt.Body["message_id"]));
        Assert.Null(receipts[0].Body["typing_indicator"]);
        Assert.Equal("text", (string?)receipts[1].Body["typing_indicator"]?["type"]);
    }

    [Fact]
    public async Task Typing_in_a_conversation_the_customer_never_wrote_to_sends_nothing()
    {
        var number = SendingClusterFixture.NewNumber();
        var customer = SendingClusterFixture.NewCustomer();
        var conversation = fixture.Grains.GetGrain<IConversationGrain>(new ConversationKey(number, customer).ToString());
        await conversation.IngestAsync([new StatusReport("wamid.out." + Guid.NewGuid().ToString("N"), "sent", DateTimeOffset.UtcNow, customer, null, null, null, null, null, "{}")]);

        var typing = await conversation.ShowTypingAsync("ana");

        Assert.True(typing is null or { Sent: false, NoCustomerMessage: true }, typing?.Reason);
        Assert.Empty(await fixture.RequestsAsync(number));
    }

    private async Task<IReadOnlyList<SimulatedRequest>> ReceiptsAsync(string number) =>
        [.. (await fixture.RequestsAsync(number)).Where(request => (string?)request.Body["status"] == "read")];
}
