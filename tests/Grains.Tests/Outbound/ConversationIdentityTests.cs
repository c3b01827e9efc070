using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.Contacts;
using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Outbound;

namespace WaApp.Grains.Tests.Outbound;

/// <summary>
/// Replies go the way the customer last wrote (number as <c>to</c>, BSUID as <c>recipient</c>), a conversation keyed by
/// an alias forwards to the customer's, and the alias index keeps the first claim; through the real sender and the
/// Cloud API simulator.
/// </summary>
[Collection(SendingClusterCollection.Name)]
public sealed class ConversationIdentityTests(SendingClusterFixture fixture)
{
    [Fact]
    public async Task A_customer_who_writes_by_username_only_is_answered_with_recipient_and_by_number_again_once_they_show_it()
    {
        var number = SendingClusterFixture.NewNumber();
        var customer = SendingClusterFixture.NewCustomer();
        var bsuid = IdentityTestData.NewBsuid();
        await fixture.OpenWindowAsync(number, customer, bsuid);
        var conversation = fixture.Grains.GetGrain<IConversationGrain>(new ConversationKey(number, customer).ToString());
        await conversation.IngestAsync([IdentityTestData.Inbound(customer, bsuid, "Hi")]);
        await conversation.IngestAsync([IdentityTestData.Inbound(null, bsuid, "Any news?")]);

        var byUsername = await conversation.SendMessageAsync(new SendMessageCommand("reply-1", new TextContent("It ships today")));
        await conversation.IngestAsync([IdentityTestData.Inbound(customer, bsuid, "Thanks")]);
        var byNumber = await conversation.SendMessageAsync(new SendMessageCommand("reply-2", new TextContent("You're welcome")));

        Assert.Equal(SendDisposition.Queued, byUsername.Disposition);
        Assert.Equal(SendDisposition.Queued, byNumber.Disposition);
        var requests = await fixture.RequestsAsync(number, 2);
        var first = Assert.Single(requests, request => request.CallbackData == byUsername.Message!.Id);
        Assert.Equal(bsuid, (string?)first.Body["recipient"]);
        Assert.Null(first.Body["to"]);
        var second = Assert.Single(requests, request => request.CallbackData == byNumber.Message!.Id);
        Assert.Equal(customer, second.To.TrimStart('+'));
        Assert.Null(second.Body["recipient"]);
    }

    [Fact]
    public async Task An_authentication_template_to_a_customer_known_only_by_a_BSUID_is_refused_before_anything_is_queued()
    {
        var number = SendingClusterFixture.NewNumber();
        var bsuid = IdentityTestData.NewBsuid();
        var waba = SendingClusterFixture.NewNumber();
        await fixture.Grains.GetGrain<IBusinessGrain>(number).ObserveMetadataAsync(new BusinessMetadata("15550000000", waba));
        await fixture.Grains.GetGrain<IBusinessAccountGrain>(waba).RecordAsync([TemplateApproved("login_code", "AUTHENTICATION"), TemplateApproved("order_update", "UTILITY")]);
        var conversation = fixture.Grains.GetGrain<IConversationGrain>(new ConversationKey(number, bsuid).ToString());
        await conversation.IngestAsync([IdentityTestData.Inbound(null, bsuid, "Log me in")]);

        var login = await conversation.SendMessageAsync(new SendMessageCommand("otp-1", new TemplateContent("login_code", "en_US", ["482913"])));
        var update = await conversation.SendMessageAsync(new SendMessageCommand("update-1", new TemplateContent("order_update", "en_US", ["#4417"])));

        Assert.Equal(SendDisposition.Invalid, login.Disposition);
        Assert.Contains("phone number", login.Reason, StringComparison.Ordinal);
        Assert.Equal(SendDisposition.Queued, update.Disposition);
        var request = Assert.Single(await fixture.RequestsAsync(number, 1));
        Assert.Equal(bsuid, (string?)request.Body["recipient"]);
        Assert.Equal("order_update", (string?)request.Body["template"]?["name"]);
    }

    [Fact]
    public async Task A_conversation_keyed_by_an_alias_forwards_what_arrives_to_the_customers_conversation()
    {
        var number = SendingClusterFixture.NewNumber();
        var customer = SendingClusterFixture.NewCustomer();
        var newNumber = SendingClusterFixture.NewCustomer();
        var conversation = fixture.Grains.GetGrain<IConversationGrain>(new ConversationKey(number, customer).ToString());
        await conversation.IngestAsync([IdentityTestData.Inbound(customer, null, "Hi")]);

        await fixture.Grains.GetGrain<IConversationGrain>(new ConversationKey(number, newNumber).ToString()).RedirectAsync(new ConversationKey(number, customer).ToString());
        // A fresh reference to the alias key, as a gateway would route a message from the new number.
        await fixture.Grains.GetGrain<IConversationGrain>(new ConversationKey(number, newNumber).ToString()).IngestAsync([IdentityTestData.Inbound(newNumber, null, "New number")]);

        var texts = (await conversation.GetMessagesAsync(new MessagePageQuery(50)))!.Items.Select(item => item.Text).ToList();
        Assert.Equal(["Hi", "New number"], texts);
    }

    [Fact]
    public async Task A_number_first_shown_after_the_username_hands_its_message_to_the_customers_conversation_without_a_second_welcome()
    {
        var (number, customer, bsuid) = await fixture.WelcomingNumberAsync();
        var byUsername = fixture.Grains.GetGrain<IConversationGrain>(new ConversationKey(number, bsuid).ToString());
        await byUsername.IngestAsync([IdentityTestData.Inbound(null, bsuid, "Hi, by username")]);
        var welcome = Assert.Single(await fixture.RequestsAsync(number, 1));
        Assert.Equal(bsuid, (string?)welcome.Body["recipient"]);

        // A gateway that never saw this customer routes their first message with a number by the number.
        var byNumber = fixture.Grains.GetGrain<IConversationGrain>(new ConversationKey(number, customer).ToString());
        await byNumber.IngestAsync([IdentityTestData.Inbound(customer, bsuid, "Here is my number")]);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        IReadOnlyList<string?> texts;
        while ((texts = (await byUsername.GetMessagesAsync(new MessagePageQuery(50)))!.Items.Where(item => item.Direction == MessageDirection.Inbound).Select(item => item.Text).ToList()).Count < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for the hand-over.");
            await Task.Delay(50);
        }

        Assert.Equal(["Hi, by username", "Here is my number"], texts);
        // The BSUID stays the customer's, and the number is now theirs too.
        Assert.Equal(bsuid, await fixture.Grains.GetGrain<IContactAliasGrain>(bsuid).ResolveAsync());
        Assert.Equal(bsuid, await fixture.Grains.GetGrain<IContactAliasGrain>(customer).ResolveAsync());
        // The number's conversation is only a forward once its hand-over is stored: no conversation of its own.
        while (await byNumber.GetSummaryAsync() is not null)
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for the number's conversation to become a forward.");
            await Task.Delay(50);
        }

        await fixture.WaitUntilSenderIdleAsync(number);
        Assert.Single(await fixture.RequestsAsync(number));
    }

    [Fact]
    public async Task The_first_claim_of_an_alias_wins_and_an_assignment_moves_it()
    {
        var alias = IdentityTestData.NewBsuid();
        var index = fixture.Grains.GetGrain<IContactAliasGrain>(alias);

        Assert.Null(await fixture.Grains.GetGrain<IContactAliasGrain>(IdentityTestData.NewBsuid()).ResolveAsync());
        Assert.Equal("14155550123", await index.ClaimAsync("14155550123"));
        Assert.Equal("14155550123", await index.ClaimAsync("5511987654321"));
        await index.AssignAsync("5511987654321");
        Assert.Equal("5511987654321", await index.ResolveAsync());
    }

    private static BusinessNotice TemplateApproved(string name, string category) => new(
        "message_template_status_update",
        "APPROVED",
        DateTimeOffset.UtcNow,
        PhoneNumberId: null,
        name,
        Error: null,
        $$"""{"event":"APPROVED","message_template_name":"{{name}}","message_template_language":"en_US","message_template_category":"{{category}}"}""");
}
