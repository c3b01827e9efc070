using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.Contacts;
using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Business;
using WaApp.Grains.Tests.Business;

namespace WaApp.Grains.Tests.Outbound;

/// <summary>
/// A new conversation that must learn whose it is (its first message showed a number and a BSUID) loses its activation
/// after its first commit and before the settle finished, as when its silo dies right after the webhook's 200; the
/// next activation (here a REST read) settles it: the messages reach the customer's conversation exactly once and a
/// held automatic reply is sent exactly once (simulator journal).
/// </summary>
[Collection(SendingClusterCollection.Name)]
public sealed class IdentitySettleCrashTests(SendingClusterFixture fixture)
{
    [Fact]
    public async Task A_number_whose_activation_died_before_its_claim_hands_its_message_to_the_username_customer_when_next_read()
    {
        var (number, customer, bsuid, byUsername) = await UsernameCustomerWithWelcomeAsync();
        var byNumber = fixture.Grains.GetGrain<IConversationGrain>(new ConversationKey(number, customer).ToString());
        var claim = CallGate.Arm(nameof(IContactAliasGrain.ClaimAsync), bsuid);

        await byNumber.IngestAsync([IdentityTestData.Inbound(customer, bsuid, "Here is my number")]);
        await claim.WaitReachedAsync();
        await fixture.Cluster.DeactivateAsync(byNumber);
        // A REST read of the number's conversation is its next activation.
        _ = await byNumber.GetSummaryAsync();

        Assert.Equal(["Hi, by username", "Here is my number"], await InboundTextsAsync(byUsername, 2));
        await WaitUntilForwardAsync(byNumber);
        Assert.Equal(bsuid, await fixture.Grains.GetGrain<IContactAliasGrain>(customer).ResolveAsync());
        // The customer got the one welcome of their first message; the number's held welcome was never sent.
        await fixture.WaitUntilSenderIdleAsync(number);
        Assert.Single(await fixture.RequestsAsync(number));
    }

    [Fact]
    public async Task A_hand_over_whose_answer_was_lost_is_repeated_and_adds_nothing_twice()
    {
        var (number, customer, bsuid, byUsername) = await UsernameCustomerWithWelcomeAsync();
        var byNumber = fixture.Grains.GetGrain<IConversationGrain>(new ConversationKey(number, customer).ToString());
        // The customer's conversation stores the handed-over message, and the number's activation dies before it hears so.
        var handOver = CallGate.Arm(nameof(IConversationGrain.IngestAsync), new ConversationKey(number, bsuid).ToString(), afterDelivery: true);

        await byNumber.IngestAsync([IdentityTestData.Inbound(customer, bsuid, "Here is my number"), IdentityTestData.Inbound(customer, bsuid, "And my order is #4417")]);
        await handOver.WaitReachedAsync();
        await fixture.Cluster.DeactivateAsync(byNumber);
        _ = await byNumber.GetSummaryAsync();

        await WaitUntilForwardAsync(byNumber);
        Assert.Equal(["Hi, by username", "Here is my number", "And my order is #4417"], await InboundTextsAsync(byUsername, 3));
        var summary = await byUsername.GetSummaryAsync();
        Assert.Equal(3, summary!.UnreadCount);
        await fixture.WaitUntilSenderIdleAsync(number);
        Assert.Single(await fixture.RequestsAsync(number));
    }

    [Fact]
    public async Task A_new_customers_welcome_held_when_the_activation_died_is_sent_once_by_the_next_activation()
    {
        var (number, customer, bsuid) = await fixture.WelcomingNumberAsync();
        var conversation = fixture.Grains.GetGrain<IConversationGrain>(new ConversationKey(number, customer).ToString());
        var claim = CallGate.Arm(nameof(IContactAliasGrain.ClaimAsync), bsuid);

        await conversation.IngestAsync([IdentityTestData.Inbound(customer, bsuid, "Hi")]);
        await claim.WaitReachedAsync();
        await fixture.Cluster.DeactivateAsync(conversation);
        // Nothing was sent: the welcome waited for the claim.
        Assert.Empty(await fixture.RequestsAsync(number));
        _ = await conversation.GetSummaryAsync();

        var welcome = Assert.Single(await fixture.RequestsAsync(number, 1));
        Assert.Equal(customer, welcome.To.TrimStart('+'));
        Assert.Equal("Welcome to Acme!", (string?)welcome.Body["text"]?["body"]);
        Assert.Equal(customer, await fixture.Grains.GetGrain<IContactAliasGrain>(bsuid).ResolveAsync());
        // Settled for good: a later activation sends nothing again, and the conversation is the customer's own.
        await fixture.Cluster.DeactivateAsync(conversation);
        var summary = await conversation.GetSummaryAsync();
        Assert.NotNull(summary);
        await fixture.WaitUntilSenderIdleAsync(number);
        Assert.Single(await fixture.RequestsAsync(number));
        var outbound = (await conversation.GetMessagesAsync(new MessagePageQuery(50)))!.Items.Single(item => item.Direction == MessageDirection.Outbound);
        Assert.Equal("Welcome to Acme!", outbound.Text);
    }

    [Fact]
    public async Task A_held_welcome_nobody_reads_again_is_sent_once_the_business_recovers_from_the_crash()
    {
        var number = SendingClusterFixture.NewNumber();
        var customer = SendingClusterFixture.NewCustomer();
        var bsuid = IdentityTestData.NewBsuid();
        await fixture.OpenWindowAsync(number, customer, bsuid);
        var business = fixture.Grains.GetGrain<IBusinessGrain>(number);
        Assert.Empty(await business.UpdateSettingsAsync(new BusinessSettings { WelcomeMessage = "Welcome to Acme!" }));
        var conversation = fixture.Grains.GetGrain<IConversationGrain>(new ConversationKey(number, customer).ToString());
        var claim = CallGate.Arm(nameof(IContactAliasGrain.ClaimAsync), bsuid);

        await conversation.IngestAsync([IdentityTestData.Inbound(customer, bsuid, "Hi")]);
        await claim.WaitReachedAsync();
        await fixture.Cluster.DeactivateAsync(conversation);
        // The business lost the silo too: its next activation reads back what changed since its last write, and wakes
        // the conversation it finds unsettled. Nobody reads or writes the conversation itself.
        await BusinessCrash.CrashAsync(fixture.Cluster, business);
        var summary = await business.GetSummaryAsync();

        var welcome = Assert.Single(await fixture.RequestsAsync(number, 1));
        Assert.Equal(customer, welcome.To.TrimStart('+'));
        Assert.Equal(1, summary!.Counters.MessagesIn);
    }

    /// <summary>A customer who wrote by username only and got the number's welcome.</summary>
    private async Task<(string Number, string Customer, string Bsuid, IConversationGrain ByUsername)> UsernameCustomerWithWelcomeAsync()
    {
        var (number, customer, bsuid) = await fixture.WelcomingNumberAsync();
        var byUsername = fixture.Grains.GetGrain<IConversationGrain>(new ConversationKey(number, bsuid).ToString());
        await byUsername.IngestAsync([IdentityTestData.Inbound(null, bsuid, "Hi, by username")]);
        Assert.Single(await fixture.RequestsAsync(number, 1));
        return (number, customer, bsuid, byUsername);
    }

    private static async Task<IReadOnlyList<string?>> InboundTextsAsync(IConversationGrain conversation, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var texts = (await conversation.GetMessagesAsync(new MessagePageQuery(50)))!.Items
                .Where(item => item.Direction == MessageDirection.Inbound).Select(item => item.Text).ToList();
            if (texts.Count >= count)
            {
                return texts;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {count} customer messages; found {texts.Count}.");
            await Task.Delay(50);
        }
    }

    // A forward is no conversation of its own: its summary is null once the hand-over is stored.
    private static async Task WaitUntilForwardAsync(IConversationGrain conversation)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await conversation.GetSummaryAsync() is not null)
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for the number's conversation to become a forward.");
            await Task.Delay(50);
        }
    }
}
