using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Outbound;

namespace WaApp.Grains.Tests.Outbound;

/// <summary>The conversation's outbox through the real sender and the Cloud API simulator.</summary>
[Collection(SendingClusterCollection.Name)]
public sealed class ConversationOutboxTests(SendingClusterFixture fixture)
{
    [Fact]
    public async Task The_same_idempotency_key_twice_sends_once()
    {
        var (number, conversation) = await ConversationWithCustomerMessageAsync(TimeSpan.FromMinutes(5), openSimulatorWindow: true);

        var first = await conversation.SendMessageAsync(new SendMessageCommand("reply-1", new TextContent("Your order ships today")));
        var again = await conversation.SendMessageAsync(new SendMessageCommand("reply-1", new TextContent("Your order ships today")));

        Assert.Equal(SendDisposition.Queued, first.Disposition);
        Assert.Equal(SendDisposition.Duplicate, again.Disposition);
        Assert.Equal(first.Message!.Id, again.Message!.Id);
        var sent = await OutboundAsync(conversation, first.Message.Id, "accepted");
        Assert.Equal("Your order ships today", sent.Text);
        var requests = await fixture.RequestsAsync(number);
        Assert.Equal(first.Message.Id, Assert.Single(requests).CallbackData);
    }

    [Fact]
    public async Task Free_form_text_outside_the_window_is_refused_before_anything_is_stored_or_sent()
    {
        var (number, conversation) = await ConversationWithCustomerMessageAsync(TimeSpan.FromHours(25));

        var text = await conversation.SendMessageAsync(new SendMessageCommand("late-1", new TextContent("Still interested?")));

        Assert.Equal(SendDisposition.WindowClosed, text.Disposition);
        Assert.Contains("template", text.Reason, StringComparison.Ordinal);
        var page = await conversation.GetMessagesAsync(new MessagePageQuery(50));
        Assert.Equal(MessageDirection.Inbound, Assert.Single(page!.Items).Direction);
        Assert.Empty(await fixture.RequestsAsync(number));

        // A template is what the window allows; the refused key was not used up either.
        var template = await conversation.SendMessageAsync(new SendMessageCommand("late-1", new TemplateContent("order_update", "en_US", ["#4417"])));
        Assert.Equal(SendDisposition.Queued, template.Disposition);
        await OutboundAsync(conversation, template.Message!.Id, "accepted");
    }

    [Fact]
    public async Task Metas_window_refusal_fails_the_message_as_needing_a_template_and_it_cannot_be_retried()
    {
        // WaApp believes the window is open, but Meta (the simulator) has seen no message from this customer.
        var (_, conversation) = await ConversationWithCustomerMessageAsync(TimeSpan.FromMinutes(1));

        var queued = await conversation.SendMessageAsync(new SendMessageCommand("k-131047", new TextContent("Hello again")));
        var failed = await OutboundAsync(conversation, queued.Message!.Id, "failed");
        var retry = await conversation.RetrySendAsync(failed.Id);

        Assert.Equal(SendDisposition.NotRetryable, retry.Disposition);
        Assert.Contains("131047", retry.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_send_without_an_answer_is_unknown_and_only_sent_again_when_a_person_retries()
    {
        var (number, conversation) = await ConversationWithCustomerMessageAsync(TimeSpan.FromMinutes(5), openSimulatorWindow: true);
        await fixture.AddFaultAsync("TimeoutAfterAccept", 1);

        var queued = await conversation.SendMessageAsync(new SendMessageCommand("k-unknown", new TextContent("Did this arrive?")));
        await OutboundAsync(conversation, queued.Message!.Id, "unknown");
        await fixture.WaitUntilSenderIdleAsync(number);
        Assert.Single(await fixture.RequestsAsync(number));

        var retry = await conversation.RetrySendAsync(queued.Message.Id);

        Assert.Equal(SendDisposition.Queued, retry.Disposition);
        await OutboundAsync(conversation, queued.Message.Id, "accepted");
        Assert.Equal(2, (await fixture.RequestsAsync(number)).Count);
    }

    [Fact]
    public async Task A_status_echoing_the_send_id_reconciles_an_unknown_message()
    {
        var (number, conversation) = await ConversationWithCustomerMessageAsync(TimeSpan.FromMinutes(5), openSimulatorWindow: true);
        await fixture.AddFaultAsync("TimeoutAfterAccept", 1);
        var queued = await conversation.SendMessageAsync(new SendMessageCommand("k-reconcile", new TextContent("Did this arrive?")));
        await OutboundAsync(conversation, queued.Message!.Id, "unknown");
        var wamid = Assert.Single(await fixture.RequestsAsync(number)).MessageId!;

        // Meta's status webhook names the wamid we never received and echoes our send id.
        await conversation.IngestAsync([new StatusReport(
            wamid, "delivered", DateTimeOffset.UtcNow, null, null, queued.Message.Id, null, null, null, "{}")]);

        var delivered = await OutboundAsync(conversation, queued.Message.Id, "delivered");
        Assert.Null(delivered.Errors);
        Assert.Equal(SendDisposition.NotRetryable, (await conversation.RetrySendAsync(queued.Message.Id)).Disposition);
    }

    [Fact]
    public async Task An_automatic_welcome_reply_is_sent_through_the_sender_once_even_when_the_message_is_redelivered()
    {
        var number = SendingClusterFixture.NewNumber();
        var customer = SendingClusterFixture.NewCustomer();
        await fixture.OpenWindowAsync(number, customer);
        await fixture.Grains.GetGrain<IBusinessGrain>(number).UpdateSettingsAsync(new BusinessSettings { WelcomeMessage = "Welcome to Acme!" });
        var conversation = fixture.Grains.GetGrain<IConversationGrain>(new ConversationKey(number, customer).ToString());
        var hello = new InboundMessage("wamid.in." + Guid.NewGuid().ToString("N"), customer, null, DateTimeOffset.UtcNow, "text", "hello", "Ana", "{}");

        await conversation.IngestAsync([hello]);
        await conversation.IngestAsync([hello]);
        var reply = (await conversation.GetMessagesAsync(new MessagePageQuery(50)))!.Items.Single(item => item.Direction == MessageDirection.Outbound);
        var sent = await OutboundAsync(conversation, reply.Id, "accepted");

        Assert.Equal("Welcome to Acme!", sent.Text);
        var request = Assert.Single(await fixture.RequestsAsync(number));
        Assert.Equal((customer, reply.Id, "Welcome to Acme!"), (request.To.TrimStart('+'), request.CallbackData, (string?)request.Body["text"]?["body"]));
    }

    [Fact]
    public async Task After_stop_the_confirmation_is_sent_and_agent_messages_are_refused_until_start()
    {
        var number = SendingClusterFixture.NewNumber();
        var customer = SendingClusterFixture.NewCustomer();
        await fixture.OpenWindowAsync(number, customer);
        var conversation = fixture.Grains.GetGrain<IConversationGrain>(new ConversationKey(number, customer).ToString());
        await conversation.IngestAsync([new InboundMessage("wamid.in." + Guid.NewGuid().ToString("N"), customer, null, DateTimeOffset.UtcNow, "text", "STOP", "Ana", "{}")]);

        var confirmation = (await conversation.GetMessagesAsync(new MessagePageQuery(50)))!.Items.Single(item => item.Direction == MessageDirection.Outbound);
        await OutboundAsync(conversation, confirmation.Id, "accepted");
        var refused = await conversation.SendMessageAsync(new SendMessageCommand("after-stop", new TextContent("But we have a sale!")));
        await conversation.IngestAsync([new InboundMessage("wamid.in." + Guid.NewGuid().ToString("N"), customer, null, DateTimeOffset.UtcNow, "text", "START", "Ana", "{}")]);
        var allowed = await conversation.SendMessageAsync(new SendMessageCommand("after-start", new TextContent("Welcome back")));
        await OutboundAsync(conversation, allowed.Message!.Id, "accepted");

        Assert.Equal(SendDisposition.OptedOut, refused.Disposition);
        Assert.Contains("START", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(SendDisposition.Queued, allowed.Disposition);
        // The opt-out and opt-in confirmations went out, then the agent's message; never the refused one.
        Assert.Equal(
            [BusinessSettings.Default.OptOutConfirmation, BusinessSettings.Default.OptInConfirmation, "Welcome back"],
            (await fixture.RequestsAsync(number)).Select(request => (string?)request.Body["text"]?["body"]));
    }

    [Fact]
    public async Task Error_131050_records_the_marketing_stop_and_marketing_templates_are_then_refused_on_the_live_lane_too()
    {
        var (number, conversation) = await ConversationWithCustomerMessageAsync(TimeSpan.FromMinutes(5));
        var waba = SendingClusterFixture.NewNumber();
        await fixture.Grains.GetGrain<IBusinessGrain>(number).ObserveMetadataAsync(new BusinessMetadata("15550000000", waba));
        await fixture.Grains.GetGrain<IBusinessAccountGrain>(waba).RecordAsync([TemplateApproved("spring_sale", "MARKETING"), TemplateApproved("order_update", "UTILITY")]);
        var springSale = new TemplateContent("spring_sale", "en_US", []);
        await fixture.AddFaultAsync("MarketingStopped", 1);

        var first = await conversation.SendMessageAsync(new SendMessageCommand("sale-1", springSale));
        var failed = await OutboundAsync(conversation, first.Message!.Id, "failed");
        await SendingClusterFixture.EventuallyAsync(async () => (await conversation.GetSummaryAsync())!.MarketingStopped, "the marketing stop");
        var again = await conversation.SendMessageAsync(new SendMessageCommand("sale-2", springSale));
        var utility = await conversation.SendMessageAsync(new SendMessageCommand("update-1", new TemplateContent("order_update", "en_US", ["#4417"])));

        Assert.Equal(131050, Assert.Single(failed.Errors!).Code);
        Assert.Equal(SendDisposition.OptedOut, again.Disposition);
        Assert.Contains("marketing", again.Reason, StringComparison.Ordinal);
        Assert.Equal(SendDisposition.Queued, utility.Disposition);
        await OutboundAsync(conversation, utility.Message!.Id, "accepted");
        Assert.Equal(2, (await fixture.RequestsAsync(number)).Count);
    }

    private static BusinessNotice TemplateApproved(string name, string category) => new(
        "message_template_status_update",
        "APPROVED",
        DateTimeOffset.UtcNow,
        PhoneNumberId: null,
        name,
        Error: null,
        $$"""{"event":"APPROVED","message_template_name":"{{name}}","message_template_language":"en_US","message_template_category":"{{category}}"}""");

    private async Task<(string Number, IConversationGrain Conversation)> ConversationWithCustomerMessageAsync(TimeSpan ago, bool openSimulatorWindow = false)
    {
        var number = SendingClusterFixture.NewNumber();
        var customer = SendingClusterFixture.NewCustomer();
        if (openSimulatorWindow)
        {
            await fixture.OpenWindowAsync(number, customer);
        }

        var conversation = fixture.Grains.GetGrain<IConversationGrain>(new ConversationKey(number, customer).ToString());
        var sentAt = DateTimeOffset.UtcNow - ago;
        await conversation.IngestAsync([new InboundMessage("wamid.in." + Guid.NewGuid().ToString("N"), customer, null, sentAt, "text", "Where is my order?", "Ana", "{}")]);
        return (number, conversation);
    }

    private static async Task<MessageView> OutboundAsync(IConversationGrain conversation, string messageId, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var page = await conversation.GetMessagesAsync(new MessagePageQuery(50));
            var message = page!.Items.Single(item => item.Id == messageId);
            if (message.Status == status)
            {
                return message;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Message {messageId} is '{message.Status}', not '{status}'.");
            await Task.Delay(50);
        }
    }
}
