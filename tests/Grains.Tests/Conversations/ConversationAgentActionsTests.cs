using System.Text.Json;
using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.Contacts;
using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Conversations;

namespace WaApp.Grains.Tests.Conversations;

[Collection(ClusterCollection.Name)]
public sealed class ConversationAgentActionsTests(ClusterFixture fixture)
{
    // Recent, so automatic replies are still inside the 24-hour window when the rules run.
    private static readonly DateTimeOffset SentAt = DateTimeOffset.UtcNow.AddMinutes(-30);

    [Fact]
    public async Task Unread_count_read_marker_assignment_and_open_state_follow_agent_actions()
    {
        var (grain, _) = NewConversation();
        await grain.IngestAsync([Text("wamid.1", "hi", SentAt), Text("wamid.2", "anyone?", SentAt.AddMinutes(1))]);

        var unread = await grain.GetSummaryAsync();
        var read = await grain.MarkReadAsync("ana", upToSequence: 1);
        var assigned = await grain.AssignAsync("ana", by: "lead");
        var closed = await grain.CloseAsync("ana");
        await grain.IngestAsync([Text("wamid.3", "hello??", SentAt.AddMinutes(2))]);
        var reopenedByCustomer = await grain.GetSummaryAsync();
        var allRead = await grain.MarkReadAsync("ana", upToSequence: null);
        var unassigned = await grain.AssignAsync(null, by: "lead");

        Assert.Equal(2, unread!.UnreadCount);
        Assert.Equal((1, 1L), (read!.UnreadCount, read.ReadUpTo));
        Assert.Equal("ana", assigned!.AssignedTo);
        Assert.False(closed!.IsOpen);
        Assert.True(reopenedByCustomer!.IsOpen);
        Assert.Equal(2, reopenedByCustomer.UnreadCount);
        Assert.Equal((0, 3L), (allRead!.UnreadCount, allRead.ReadUpTo));
        Assert.Null(unassigned!.AssignedTo);
    }

    [Fact]
    public async Task The_window_expires_24_hours_after_the_last_customer_message_and_reactions_do_not_extend_it()
    {
        var (grain, _) = NewConversation();
        await grain.IngestAsync([Text("wamid.1", "hi", SentAt), Text("wamid.2", "later", SentAt.AddMinutes(5))]);
        await grain.IngestAsync([Message("wamid.3", "unsupported", null, SentAt.AddMinutes(10))]);

        var summary = await grain.GetSummaryAsync();

        Assert.Equal(SentAt.AddMinutes(5).AddHours(24), summary!.WindowExpiresAt);
        Assert.True(summary.WindowOpen);
        Assert.Equal(2, summary.UnreadCount);
    }

    [Fact]
    public async Task Agent_actions_on_an_unknown_conversation_change_nothing()
    {
        var (grain, _) = NewConversation();

        Assert.Null(await grain.CloseAsync("ana"));
        Assert.Null(await grain.AssignAsync("ana", "lead"));
        Assert.Null(await grain.MarkReadAsync("ana", null));
        Assert.Null(await grain.GetSummaryAsync());
        Assert.Null(await grain.GetHistoryAsync(0, 50));
        Assert.Null(await grain.GetMessagesAsync(new MessagePageQuery(10)));
    }

    [Fact]
    public async Task Repeating_an_action_adds_no_event()
    {
        var (grain, _) = NewConversation();
        await grain.IngestAsync([Text("wamid.1", "hi", SentAt)]);

        var first = await grain.CloseAsync("ana");
        var again = await grain.CloseAsync("ana");

        Assert.Equal(first!.Version, again!.Version);
    }

    [Fact]
    public async Task A_first_contact_gets_the_welcome_and_a_keyword_reply_queued_in_the_outbox()
    {
        var (grain, key) = NewConversation();
        await Business(key).UpdateSettingsAsync(new BusinessSettings
        {
            WelcomeMessage = "Welcome to Acme!",
            KeywordReplies = [new KeywordReply("price", "Prices: acme.example/prices")],
        });

        var first = await grain.IngestAsync([Text("wamid.1", "What's the price?", SentAt)]);
        await grain.IngestAsync([Text("wamid.2", "and the price of shipping?", SentAt.AddMinutes(1))]);
        var page = await grain.GetMessagesAsync(new MessagePageQuery(50));
        var history = await grain.GetHistoryAsync(0, 50);

        Assert.Equal(
            [("inbound", "What's the price?"), ("outbound", "Welcome to Acme!"), ("outbound", "Prices: acme.example/prices"),
             ("inbound", "and the price of shipping?"), ("outbound", "Prices: acme.example/prices")],
            page!.Items.Select(item => (item.Direction == MessageDirection.Inbound ? "inbound" : "outbound", item.Text)));
        // The replies are stored in the same commit as the message that caused them, before anything is sent.
        Assert.Equal(
            ["conversation.message-received.v1", "conversation.auto-reply-queued.v1", "conversation.auto-reply-queued.v1"],
            history!.Items.Where(item => item.Version < first.Version).Select(item => item.Type));
    }

    [Fact]
    public async Task Stop_opts_out_with_a_confirmation_and_start_opts_back_in()
    {
        var (grain, key) = NewConversation();
        await Business(key).UpdateSettingsAsync(new BusinessSettings { WelcomeMessage = "Welcome!" });

        await grain.IngestAsync([Text("wamid.1", "Stop!", SentAt)]);
        var optedOut = await grain.GetSummaryAsync();
        await grain.IngestAsync([Text("wamid.2", "start", SentAt.AddMinutes(1))]);
        var optedIn = await grain.GetSummaryAsync();
        var texts = (await grain.GetMessagesAsync(new MessagePageQuery(50)))!.Items.Select(item => item.Text);

        Assert.True(optedOut!.OptedOut);
        Assert.False(optedIn!.OptedOut);
        Assert.Equal(["Stop!", BusinessSettings.Default.OptOutConfirmation, "start", BusinessSettings.Default.OptInConfirmation], texts);
    }

    [Fact]
    public async Task The_contact_lists_its_conversations_with_the_opt_out_of_each_business_number()
    {
        var (stopped, key) = NewConversation();
        var other = new ConversationKey("4" + key.PhoneNumberId[1..], key.ContactId);
        var contact = fixture.Grains.GetGrain<IContactGrain>(key.ContactId);

        await stopped.IngestAsync([Text("wamid.1", "hi", SentAt), Text("wamid.2", "UNSUBSCRIBE", SentAt.AddMinutes(1))]);
        await fixture.Grains.GetGrain<IConversationGrain>(other.ToString()).IngestAsync([Text("wamid.3", "hello", SentAt.AddMinutes(2))]);
        var both = await EventuallyAsync(contact, profile => profile.Conversations.Count == 2 && profile.Conversations.Any(c => c.OptedOut));
        await stopped.IngestAsync([Text("wamid.4", "START", SentAt.AddMinutes(3))]);
        var optedIn = await EventuallyAsync(contact, profile => profile.Conversations.All(c => !c.OptedOut));

        var byNumber = both.Conversations.ToDictionary(c => c.PhoneNumberId);
        Assert.True(byNumber[key.PhoneNumberId].OptedOut);
        Assert.Equal(SentAt.AddMinutes(1), byNumber[key.PhoneNumberId].ConsentChangedAt);
        Assert.False(byNumber[other.PhoneNumberId].OptedOut);
        Assert.Equal(key.ToString(), byNumber[key.PhoneNumberId].ConversationId);
        Assert.Equal([key.PhoneNumberId, other.PhoneNumberId], optedIn.Conversations.Select(c => c.PhoneNumberId));
        Assert.Equal(SentAt.AddMinutes(3), optedIn.Conversations[0].ConsentChangedAt);
    }

    [Fact]
    public async Task A_redelivered_message_queues_no_second_reply()
    {
        var (grain, key) = NewConversation();
        await Business(key).UpdateSettingsAsync(new BusinessSettings { WelcomeMessage = "Welcome!" });
        var message = Text("wamid.1", "hi", SentAt);

        await grain.IngestAsync([message]);
        await grain.IngestAsync([message]);

        Assert.Equal(2, (await grain.GetMessagesAsync(new MessagePageQuery(50)))!.Items.Count);
    }

    [Fact]
    public async Task The_history_lists_every_stored_event_by_version()
    {
        var (grain, _) = NewConversation();
        await grain.IngestAsync([Text("wamid.1", "hi", SentAt), Text("wamid.2", "there", SentAt.AddMinutes(1))]);
        await grain.AssignAsync("ana", "lead");
        await grain.CloseAsync("ana");

        var first = await grain.GetHistoryAsync(0, 3);
        var rest = await grain.GetHistoryAsync(first!.NextVersion!.Value, 3);

        Assert.Equal([0, 1, 2], first.Items.Select(item => item.Version));
        Assert.Equal(
            ["conversation.message-received.v1", "conversation.message-received.v1", "conversation.assigned.v1", "conversation.closed.v1"],
            first.Items.Concat(rest!.Items).Select(item => item.Type));
        Assert.Contains("\"ana\"", rest.Items[0].Json, StringComparison.Ordinal);
        Assert.Null(rest.NextVersion);
    }

    [Fact]
    public async Task Messages_page_towards_newer_ones_from_a_cursor()
    {
        var (grain, _) = NewConversation();
        await grain.IngestAsync([.. Enumerable.Range(1, 5).Select(i => Text($"wamid.{i}", $"m{i}", SentAt.AddSeconds(i)))]);

        var newer = await grain.GetMessagesAsync(new MessagePageQuery(2, After: 1));
        var newest = await grain.GetMessagesAsync(new MessagePageQuery(2, After: newer!.NewerAfter));
        var nothingYet = await grain.GetMessagesAsync(new MessagePageQuery(2, After: newest!.NewerAfter));
        await grain.IngestAsync([Text("wamid.6", "m6", SentAt.AddSeconds(6))]);
        var arrived = await grain.GetMessagesAsync(new MessagePageQuery(2, After: nothingYet!.NewerAfter));

        Assert.Equal(["m2", "m3"], newer.Items.Select(item => item.Text));
        Assert.Equal(["m4", "m5"], newest.Items.Select(item => item.Text));
        Assert.Empty(nothingYet.Items);
        Assert.Equal(["m6"], arrived!.Items.Select(item => item.Text));
    }

    [Fact]
    public async Task Old_messages_beyond_the_recent_ones_are_paged_with_their_text_from_the_store_also_after_deactivation()
    {
        var (grain, _) = NewConversation();
        var total = ConversationState.RecentContentLimit + 60;
        for (var first = 1; first <= total; first += 50)
        {
            await grain.IngestAsync([.. Enumerable.Range(first, Math.Min(50, total - first + 1)).Select(n => Text($"wamid.{n}", $"message {n}", SentAt.AddSeconds(n)))]);
        }

        var oldest = await grain.GetMessagesAsync(new MessagePageQuery(30, Before: 31));
        var newest = await grain.GetMessagesAsync(new MessagePageQuery(30));
        await fixture.Cluster.DeactivateAsync(grain);
        var oldestAfter = await grain.GetMessagesAsync(new MessagePageQuery(30, Before: 31));
        var straddling = await grain.GetMessagesAsync(new MessagePageQuery(40, Before: 81));

        var expectedOldest = Enumerable.Range(1, 30).Select(n => $"message {n}");
        Assert.Equal(expectedOldest, oldest!.Items.Select(item => item.Text));
        Assert.Equal(expectedOldest, oldestAfter!.Items.Select(item => item.Text));
        Assert.Equal(Enumerable.Range(41, 40).Select(n => $"message {n}"), straddling!.Items.Select(item => item.Text));
        Assert.Equal(Enumerable.Range(total - 29, 30).Select(n => $"message {n}"), newest!.Items.Select(item => item.Text));
    }

    [Fact]
    public async Task A_conversation_with_inbox_state_rebuilt_after_deactivation_equals_the_one_before()
    {
        var (grain, key) = NewConversation();
        await Business(key).UpdateSettingsAsync(new BusinessSettings { WelcomeMessage = "Welcome!", AutoMarkAsRead = false });
        await grain.IngestAsync([Text("wamid.1", "hi", SentAt), Text("wamid.2", "STOP", SentAt.AddMinutes(1))]);
        await grain.AssignAsync("ana", "lead");
        await grain.MarkReadAsync("ana", 1);
        var before = await SettledAsync(grain);
        var messagesBefore = await grain.GetMessagesAsync(new MessagePageQuery(50));

        await fixture.Cluster.DeactivateAsync(grain);
        var after = await grain.GetSummaryAsync();
        var messagesAfter = await grain.GetMessagesAsync(new MessagePageQuery(50));

        Assert.Equal(before, after);
        // As JSON: message views hold lists (errors), which records compare by reference.
        Assert.Equal(JsonSerializer.Serialize(messagesBefore!.Items), JsonSerializer.Serialize(messagesAfter!.Items));
        Assert.True(after!.OptedOut);
    }

    [Fact]
    public async Task The_business_counts_messages_and_lists_the_conversation()
    {
        var (grain, key) = NewConversation();
        await grain.IngestAsync([Text("wamid.1", "hi", SentAt), Message("wamid.2", "image", null, SentAt.AddMinutes(1))]);
        var business = Business(key);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        BusinessSummary? summary;
        while ((summary = await business.GetSummaryAsync())?.Counters.MessagesIn != 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "The business never counted the messages.");
            await Task.Delay(50);
        }

        var listed = Assert.Single((await business.ListConversationsAsync(new ConversationListQuery(10))).Items);
        Assert.Equal(1, summary.Counters.ByType["image"]);
        Assert.Equal(key.ContactId, listed.ContactId);
        Assert.Equal(2, listed.UnreadCount);
    }

    private (IConversationGrain Grain, ConversationKey Key) NewConversation()
    {
        var key = new ConversationKey("3" + Random.Shared.NextInt64(10_000_000_000_000, 99_999_999_999_999), "c" + Guid.NewGuid().ToString("N")[..12]);
        return (fixture.Grains.GetGrain<IConversationGrain>(key.ToString()), key);
    }

    // The contact hears from its conversations one-way, so it is read until it shows what the test waits for.
    private static async Task<ContactProfile> EventuallyAsync(IContactGrain contact, Func<ContactProfile, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var profile = await contact.GetProfileAsync();
        while (profile is null || !done(profile))
        {
            Assert.True(DateTime.UtcNow < deadline, "The contact never showed the expected conversations.");
            await Task.Delay(50);
            profile = await contact.GetProfileAsync();
        }

        return profile;
    }

    private IBusinessGrain Business(ConversationKey key) => fixture.Grains.GetGrain<IBusinessGrain>(key.PhoneNumberId);

    /// <summary>The summary once every queued reply has an outcome (this cluster has no Graph API to send to).</summary>
    private static async Task<ConversationSummary> SettledAsync(IConversationGrain grain)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var summary = (await grain.GetSummaryAsync())!;
            if (summary.PendingOutbound == 0)
            {
                return summary;
            }

            Assert.True(DateTime.UtcNow < deadline, "Queued replies never got an outcome.");
            await Task.Delay(50);
        }
    }

    private static InboundMessage Text(string id, string text, DateTimeOffset sentAt) => Message(id, "text", text, sentAt);

    private static InboundMessage Message(string id, string type, string? text, DateTimeOffset sentAt) =>
        new(id, "14155550123", null, sentAt, type, text, "Ana", $$"""{"id":"{{id}}"}""");
}
