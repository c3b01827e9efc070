using System.Text.RegularExpressions;
using WaApp.WhatsApp.Graph;

namespace WaApp.CloudApiSimulator.Tests;

/// <summary>A send through WaApp's Graph client: a wamid comes back, then signed statuses arrive in order.</summary>
public sealed partial class SendLifecycleTests
{
    [Fact]
    public async Task Send_returns_a_wamid_and_signed_statuses_arrive_sent_delivered_read()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        await harness.InjectInboundAsync("Where is my order?");

        var request = SendMessageRequest.ForText("+1 (415) 555-0123", "It ships today").WithCallbackData("send:42");
        var result = await harness.Graph.SendMessageAsync(SimulatorHarness.PhoneNumberId, request);

        var accepted = Assert.IsType<SendResult.Accepted>(result);
        Assert.Matches(WamidPattern(), accepted.MessageId);
        Assert.Equal(SimulatorHarness.Ana, accepted.WaId);
        await SimulatorHarness.EventuallyAsync(() => harness.Receiver.StatusesFor(accepted.MessageId).Count == 3, "three status webhooks");

        var webhooks = harness.Receiver.StatusesFor(accepted.MessageId);
        Assert.All(webhooks, webhook => Assert.True(webhook.SignatureValid, "status webhook signature"));
        Assert.Equal(["sent", "delivered", "read"], webhooks.Select(webhook => (string?)webhook.StatusFor(accepted.MessageId)!["status"]));
        Assert.All(webhooks, webhook =>
        {
            var status = webhook.StatusFor(accepted.MessageId)!;
            Assert.Equal(SimulatorHarness.Ana, (string?)status["recipient_id"]);
            Assert.Equal("send:42", (string?)status["biz_opaque_callback_data"]);
            Assert.Equal(SimulatorHarness.PhoneNumberId, (string?)webhook.Value["metadata"]!["phone_number_id"]);
        });
    }

    [Fact]
    public async Task Reaction_only_gets_a_sent_status()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        var inbound = await harness.InjectInboundAsync("Thanks!");

        var result = await harness.Graph.SendMessageAsync(
            SimulatorHarness.PhoneNumberId,
            SendMessageRequest.ForReaction("+" + SimulatorHarness.Ana, (string)inbound["messageId"]!, "👍"));
        var text = Assert.IsType<SendResult.Accepted>(await harness.SendTextAsync());

        var reaction = Assert.IsType<SendResult.Accepted>(result);
        // Once the later text is read, every status of the reaction has long been played.
        await SimulatorHarness.EventuallyAsync(() => harness.Receiver.StatusesFor(text.MessageId).Count == 3, "the text's statuses");
        var statuses = harness.Receiver.StatusesFor(reaction.MessageId);
        Assert.Equal("sent", (string?)Assert.Single(statuses).StatusFor(reaction.MessageId)!["status"]);
    }

    [Fact]
    public async Task Read_status_is_skipped_for_users_without_read_receipts()
    {
        await using var harness = await SimulatorHarness.StartAsync(new Dictionary<string, string> { ["Simulator:SendReadStatus"] = "false" });
        await harness.InjectInboundAsync("Hi");

        var first = Assert.IsType<SendResult.Accepted>(await harness.SendTextAsync("one"));
        var second = Assert.IsType<SendResult.Accepted>(await harness.SendTextAsync("two"));

        await SimulatorHarness.EventuallyAsync(() => harness.Receiver.StatusesFor(second.MessageId).Count == 2, "sent and delivered");
        await SimulatorHarness.EventuallyAsync(() => harness.Receiver.StatusesFor(first.MessageId).Count == 2, "sent and delivered");
        Assert.DoesNotContain(harness.Receiver.StatusesFor(first.MessageId), webhook => (string?)webhook.StatusFor(first.MessageId)!["status"] == "read");
    }

    [Fact]
    public async Task Mark_as_read_and_typing_indicator_succeed()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        var inbound = await harness.InjectInboundAsync("Hello?");
        var messageId = (string)inbound["messageId"]!;

        Assert.IsType<ReadReceiptResult.Succeeded>(await harness.Graph.MarkAsReadAsync(SimulatorHarness.PhoneNumberId, new MarkAsReadRequest(messageId)));
        Assert.IsType<ReadReceiptResult.Succeeded>(await harness.Graph.MarkAsReadAsync(SimulatorHarness.PhoneNumberId, new MarkAsReadRequest(messageId, showTypingIndicator: true)));
    }

    [Fact]
    public async Task Status_webhooks_are_retried_until_the_gateway_acknowledges()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        await harness.InjectInboundAsync("Hi");
        harness.Receiver.FailNext(2);

        var accepted = Assert.IsType<SendResult.Accepted>(await harness.SendTextAsync());

        await SimulatorHarness.EventuallyAsync(() => harness.Receiver.StatusesFor(accepted.MessageId).Count == 3, "all statuses acknowledged");
        var sentAttempts = harness.Receiver.Received.Count(webhook => (string?)webhook.StatusFor(accepted.MessageId)?["status"] == "sent");
        Assert.Equal(3, sentAttempts);
    }

    [GeneratedRegex("^wamid\\.[A-Za-z0-9+/]+=*$")]
    private static partial Regex WamidPattern();
}
