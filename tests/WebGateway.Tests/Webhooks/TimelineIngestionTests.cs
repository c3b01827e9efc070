using System.Net;
using System.Text;
using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Events;
using WaApp.TestInfrastructure;
using WaApp.WebGateway.Tests.Api;

namespace WaApp.WebGateway.Tests.Webhooks;

/// <summary>
/// Groups, edits and deletions, calls and coexistence through the real gateway and silo: each test runs the shared
/// fixtures on a number of its own (the fixture's ids replaced), so tests never see each other's conversations.
/// </summary>
[Collection(WebhookClusterCollection.Name)]
public sealed class TimelineIngestionTests(WebhookClusterFixture fixture)
{
    private const string FixtureNumber = "117283940561728";
    private const string FixtureGroup = "Y2FwaV9ncm91cDoxMjAzNjMwNDk4NzY1NDMyMTA";
    private const string Ana = "14155550123";
    private const string Oliver = "447911123456";
    private const string EditedOriginal = "wamid.HBgMNDQ3OTExMTIzNDU2FQIAEhgUM0FPUklHSU5BTDAwMTEyMjMzNDQA";
    private const string RevokedOriginal = "wamid.HBgMNDQ3OTExMTIzNDU2FQIAEhgUM0FPUklHSU5BTDAwMjIzMzQ0NTUA";
    private readonly LocalCluster _cluster = fixture.Cluster;
    private readonly EventStoreProbe _store = fixture.Store;

    [Fact]
    public async Task A_group_message_leaves_the_senders_own_conversation_its_window_and_auto_replies_untouched()
    {
        var number = TextWebhooks.NewPhoneNumberId();
        using var client = _cluster.CreateClient();
        await ApiJson.ReadAsync(
            await client.PutAsync($"/api/v1/businesses/{number}/settings", ApiJson.Content("""{ "welcomeMessage": "Welcome to Acme!" }""")),
            HttpStatusCode.OK);
        var ownSentAt = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        await PostOkAsync(WebhookBodies.Texts(number, [new WebhookBodies.Text(Ana, "wamid.own.1", "Where is my order?", ownSentAt)]));
        var ownBefore = await _store.ConversationEventsAsync(number, Ana);
        Assert.Single(ownBefore.OfType<AutoReplyQueued>());

        await PostOkAsync(Fixture("group-text.json", number));

        var own = await _store.ConversationAsync(number, Ana);
        Assert.Equal(ownBefore.Count, (await _store.ConversationEventsAsync(number, Ana)).Count);
        Assert.Equal(ownSentAt, own.LastUserMessageAt);
        Assert.Equal(1, own.UnreadCount);
        var groupEvents = await _store.ConversationEventsAsync(number, "group." + FixtureGroup);
        Assert.Single(groupEvents.OfType<MessageReceived>());
        Assert.Empty(groupEvents.OfType<AutoReplyQueued>());
        var group = await _store.ConversationAsync(number, "group." + FixtureGroup);
        Assert.Null(group.LastUserMessageAt);
        Assert.Equal(1, group.UnreadCount);

        var page = await ApiJson.ReadAsync(await client.GetAsync($"/api/v1/conversations/{number}/group.{FixtureGroup}/messages"), HttpStatusCode.OK);
        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(("Can someone confirm the pickup time for Saturday?", Ana), (item.GetProperty("text").GetString(), item.GetProperty("sender").GetString()));
    }

    [Fact]
    public async Task A_group_participants_update_is_recorded_on_the_group_conversation_once()
    {
        var number = TextWebhooks.NewPhoneNumberId();

        await PostOkAsync(Fixture("group-participants-update.json", number));
        await PostOkAsync(Fixture("group-participants-update.json", number));

        var group = await _store.ConversationAsync(number, "group." + FixtureGroup);
        var record = Assert.Single(group.Messages);
        Assert.Equal(("group_event", "1 participant joined"), (record.Type, record.Text));
        Assert.Equal(0, group.UnreadCount);
    }

    [Fact]
    public async Task A_group_message_without_text_is_stored_without_failing()
    {
        var number = TextWebhooks.NewPhoneNumberId();
        var body = $$$"""
            {"object":"whatsapp_business_account","entry":[{"id":"104857362918475","changes":[{"field":"messages","value":{
              "messaging_product":"whatsapp","metadata":{"display_phone_number":"15557340912","phone_number_id":"{{{number}}}"},
              "messages":[{"from":"{{{Ana}}}","group_id":"{{{FixtureGroup}}}","id":"wamid.group.notext","timestamp":"1795420100","type":"text"}]}}]}]}
            """;

        await PostOkAsync(Encoding.UTF8.GetBytes(body));

        var record = Assert.Single((await _store.ConversationAsync(number, "group." + FixtureGroup)).Messages);
        Assert.Equal(("wamid.group.notext", null), (record.Id, record.Text));
        Assert.Empty(await _store.ConversationEventsAsync(number, Ana));
    }

    [Fact]
    public async Task An_edit_of_an_unknown_message_is_kept_and_applied_when_the_message_arrives_without_counting_as_a_new_message()
    {
        var number = TextWebhooks.NewPhoneNumberId();
        var sentAt = DateTimeOffset.FromUnixTimeSeconds(1795420000);

        await PostOkAsync(Fixture("edit.json", number));
        await PostOkAsync(WebhookBodies.Texts(number, [new WebhookBodies.Text(Oliver, EditedOriginal, "Please deliver to the front door.", sentAt)]));
        await PostOkAsync(Fixture("edit.json", number));

        var state = await _store.ConversationAsync(number, Oliver);
        var message = Assert.Single(state.Messages);
        Assert.Equal("Please deliver to the back door, not the front.", message.Text);
        Assert.Equal("Please deliver to the front door.", Assert.Single(message.Edits!).Text);
        Assert.Equal((1, sentAt), (state.UnreadCount, state.LastUserMessageAt));
        Assert.Single((await _store.ConversationEventsAsync(number, Oliver)).OfType<MessageEdited>());

        using var client = _cluster.CreateClient();
        var page = await ApiJson.ReadAsync(await client.GetAsync($"/api/v1/conversations/{number}/{Oliver}/messages"), HttpStatusCode.OK);
        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal("Please deliver to the front door.", item.GetProperty("edits")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_deletion_removes_the_content_from_the_state_and_the_api_in_either_order()
    {
        var number = TextWebhooks.NewPhoneNumberId();
        var sentAt = DateTimeOffset.FromUnixTimeSeconds(1795420000);

        // The deletion first: Meta does not order webhooks.
        await PostOkAsync(Fixture("revoke.json", number));
        await PostOkAsync(WebhookBodies.Texts(number, [new WebhookBodies.Text(Oliver, RevokedOriginal, "my card number is 4111…", sentAt)]));
        await PostOkAsync(Fixture("revoke.json", number));

        var message = Assert.Single((await _store.ConversationAsync(number, Oliver)).Messages);
        Assert.NotNull(message.DeletedAt);
        Assert.Null(message.Text);
        Assert.Null(message.Content);
        using var client = _cluster.CreateClient();
        var body = await (await client.GetAsync($"/api/v1/conversations/{number}/{Oliver}/messages")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("4111", body, StringComparison.Ordinal);
        Assert.Contains("\"deletedAt\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_is_one_log_entry_with_its_outcome_and_duration_whatever_the_order_and_opens_no_window()
    {
        var number = TextWebhooks.NewPhoneNumberId();

        await PostOkAsync(Fixture("call-terminate.json", number));
        await PostOkAsync(Fixture("call-connect.json", number));
        await PostOkAsync(Fixture("call-terminate.json", number));

        var state = await _store.ConversationAsync(number, "5511987654321");
        var call = Assert.Single(state.Messages);
        Assert.Equal(("call", MessageDirection.Inbound), (call.Type, call.Direction));
        Assert.Equal(new CallLog(CallLog.Incoming, CallLog.Connected, 95, DateTimeOffset.FromUnixTimeSeconds(1795420502), DateTimeOffset.FromUnixTimeSeconds(1795420597)), call.Content?.Call);
        Assert.Null(state.LastUserMessageAt);
        Assert.Equal(2, (await _store.ConversationEventsAsync(number, "5511987654321")).OfType<CallLogged>().Count());

        using var client = _cluster.CreateClient();
        var page = await ApiJson.ReadAsync(await client.GetAsync($"/api/v1/conversations/{number}/5511987654321/messages"), HttpStatusCode.OK);
        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(("connected", 95), (item.GetProperty("content").GetProperty("call").GetProperty("outcome").GetString(),
            item.GetProperty("content").GetProperty("call").GetProperty("durationSeconds").GetInt32()));
    }

    [Fact]
    public async Task A_business_app_echo_is_an_outbound_message_with_its_origin()
    {
        var number = TextWebhooks.NewPhoneNumberId();

        await PostOkAsync(Fixture("smb-message-echo.json", number));

        var state = await _store.ConversationAsync(number, "919812345678");
        var echo = Assert.Single(state.Messages);
        Assert.Equal((MessageDirection.Outbound, "business_app", "Your table for four is booked for 8 pm."), (echo.Direction, echo.Origin, echo.Text));
        Assert.Equal((0, null), (state.UnreadCount, state.LastUserMessageAt));
    }

    [Fact]
    public async Task History_chunks_redelivered_out_of_order_import_every_message_once()
    {
        var number = TextWebhooks.NewPhoneNumberId();
        var second = Fixture("history-chunk.json", number);
        var first = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(second)
            .Replace("\"chunk_order\": 2", "\"chunk_order\": 1", StringComparison.Ordinal)
            .Replace("MDAwMTExMjIyMzMzNDQ0AA==", "MDAwMTExMjIyMzMzNDQ1AA==", StringComparison.Ordinal)
            .Replace("MDAwMjIyMzMzNDQ0NTU1AA==", "MDAwMjIyMzMzNDQ0NTU2AA==", StringComparison.Ordinal)
            .Replace("\"1787000", "\"1786000", StringComparison.Ordinal));

        await PostOkAsync(second);
        await PostOkAsync(first);
        await PostOkAsync(second);
        await PostOkAsync(first);

        var state = await _store.ConversationAsync(number, "34612345678");
        Assert.Equal(4, state.Messages.Count);
        Assert.Equal(4, state.Messages.Select(message => message.Id).Distinct().Count());
        Assert.All(state.Messages, message => Assert.Equal("history", message.Origin));
        Assert.Equal(2, state.Messages.Count(message => message.Direction == MessageDirection.Outbound));
        Assert.Equal((0, null), (state.UnreadCount, state.LastUserMessageAt));
        Assert.Equal(4, (await _store.ConversationEventsAsync(number, "34612345678")).OfType<MessageImported>().Count());
    }

    [Fact]
    public async Task The_business_apps_address_book_names_the_contact_per_number_and_a_removal_clears_it()
    {
        var number = TextWebhooks.NewPhoneNumberId();
        var user = TextWebhooks.NewWaId();
        byte[] Sync(string action, string contact, long at) => Encoding.UTF8.GetBytes($$$"""
            {"object":"whatsapp_business_account","entry":[{"id":"104857362918475","changes":[{"field":"smb_app_state_sync","value":{
              "messaging_product":"whatsapp","metadata":{"display_phone_number":"15557340912","phone_number_id":"{{{number}}}"},
              "state_sync":[{"type":"contact","contact":{{{contact}}},"action":"{{{action}}}","metadata":{"timestamp":"{{{at}}}"}}]}}]}]}
            """);

        await PostOkAsync(Sync("add", $$"""{"full_name":"Priya Natarajan","first_name":"Priya","phone_number":"{{user}}"}""", 1795420800));
        using var client = _cluster.CreateClient();
        var named = await ApiJson.EventuallyAsync(client, $"/api/v1/contacts/{user}", contact =>
            contact.TryGetProperty("savedNames", out var names) && names.ValueKind == System.Text.Json.JsonValueKind.Object
            && names.TryGetProperty(number, out var name) && name.GetString() == "Priya Natarajan");
        Assert.Empty(named.GetProperty("conversations").EnumerateArray());

        await PostOkAsync(Sync("remove", $$"""{"phone_number":"{{user}}"}""", 1795420900));
        await ApiJson.EventuallyAsync(client, $"/api/v1/contacts/{user}", contact =>
            !contact.TryGetProperty("savedNames", out var names) || names.ValueKind != System.Text.Json.JsonValueKind.Object || !names.TryGetProperty(number, out _));
        Assert.Single((await _store.BusinessAccountEventsAsync("104857362918475")).OfType<Grains.Abstractions.Business.BusinessNoticeReceived>(),
            notice => notice.Notice.Field == "smb_app_state_sync" && notice.Notice.RawJson.Contains(user, StringComparison.Ordinal) && notice.Notice.Event == "remove");
    }

    private static byte[] Fixture(string name, string number) =>
        Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(WebhookFixtures.Read(name)).Replace(FixtureNumber, number, StringComparison.Ordinal));

    private async Task PostOkAsync(byte[] body)
    {
        using var response = await _cluster.PostWebhookAsync(body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}{Environment.NewLine}{_cluster.Diagnostics()}");
    }
}
