using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using WaApp.WhatsApp.Webhooks;

namespace WaApp.CloudApiSimulator.Tests;

/// <summary>
/// <c>POST /simulator/events</c> and group sends: each injected webhook is signed like Meta's and reads, through
/// WaApp's own parser, as the update a gateway must route (group conversation, edit, deletion, call, echo, history).
/// </summary>
public sealed class TimelineInjectionTests
{
    private const string Group = "Y2FwaV9ncm91cDoxMjAzNjMwNDk4NzY1NDMyMTA";

    [Fact]
    public async Task A_group_message_is_routed_to_the_group_conversation_with_the_sender_as_contact()
    {
        await using var harness = await SimulatorHarness.StartAsync();

        var answer = await InjectAsync(harness, new { kind = "group_text", phoneNumberId = SimulatorHarness.PhoneNumberId, user = SimulatorHarness.Ana, name = "Ana Ruiz", groupId = Group, text = "Hello group" });

        var updates = Parse(Assert.Single(harness.Receiver.Received));
        var message = Assert.Single(updates.OfType<MessageUpdate>());
        Assert.Equal(new ConversationRoute(SimulatorHarness.PhoneNumberId, GroupIds.ContactId(Group)), message.Conversation);
        Assert.Equal(((string?)answer["id"], "Hello group", SimulatorHarness.Ana), (message.Message.Id, message.Message.Text?.Body, message.Message.From));
        Assert.Equal(SimulatorHarness.Ana, Assert.Single(updates.OfType<ContactUpdate>()).ContactId);
    }

    [Fact]
    public async Task A_participants_update_names_the_group_and_who_joined()
    {
        await using var harness = await SimulatorHarness.StartAsync();

        await InjectAsync(harness, new { kind = "group_participants", phoneNumberId = SimulatorHarness.PhoneNumberId, groupId = Group, joined = true, participants = new[] { SimulatorHarness.Ana } });

        var received = Assert.Single(harness.Receiver.Received);
        Assert.Equal("group_participants_update", (string?)received.Json["entry"]![0]!["changes"]![0]!["field"]);
        var group = Assert.IsType<GroupEventUpdate>(Assert.Single(Parse(received)));
        Assert.Equal(GroupIds.ContactId(Group), group.Conversation.ContactId);
        Assert.Equal(("group_participants_add", SimulatorHarness.Ana), (group.Event.Type, Assert.Single(group.Event.AddedParticipants!).WaId));
    }

    [Fact]
    public async Task Edits_and_deletions_name_the_original_message()
    {
        await using var harness = await SimulatorHarness.StartAsync();

        await InjectAsync(harness, new { kind = "edit", phoneNumberId = SimulatorHarness.PhoneNumberId, user = SimulatorHarness.Ana, originalMessageId = "wamid.original", text = "fixed typo" });
        await InjectAsync(harness, new { kind = "revoke", phoneNumberId = SimulatorHarness.PhoneNumberId, user = SimulatorHarness.Ana, originalMessageId = "wamid.original" });

        var received = harness.Receiver.Received.ToList();
        var edit = Assert.Single(Parse(received[0]).OfType<MessageUpdate>()).Message;
        var revoke = Assert.Single(Parse(received[1]).OfType<MessageUpdate>()).Message;
        Assert.Equal((MessageKind.Edit, "wamid.original", "fixed typo"), (edit.Kind, edit.Edit?.OriginalMessageId, edit.Edit?.Message?.Text?.Body));
        Assert.Equal((MessageKind.Revoke, "wamid.original"), (revoke.Kind, revoke.Revoke?.OriginalMessageId));
    }

    [Fact]
    public async Task A_call_connect_and_terminate_share_the_call_id_and_reach_the_callers_conversation()
    {
        await using var harness = await SimulatorHarness.StartAsync();

        var connect = await InjectAsync(harness, new { kind = "call", phoneNumberId = SimulatorHarness.PhoneNumberId, user = SimulatorHarness.Ana, callEvent = "connect", incoming = true });
        await InjectAsync(harness, new
        {
            kind = "call", phoneNumberId = SimulatorHarness.PhoneNumberId, user = SimulatorHarness.Ana, callId = (string?)connect["id"],
            callEvent = "terminate", callStatus = "COMPLETED", incoming = true, durationSeconds = 42, startedAt = 1795420502L, timestamp = 1795420544L,
        });

        var calls = harness.Receiver.Received.Select(webhook => Assert.Single(Parse(webhook).OfType<CallUpdate>())).ToList();
        Assert.All(calls, call => Assert.Equal(new ConversationRoute(SimulatorHarness.PhoneNumberId, SimulatorHarness.Ana), call.Conversation));
        Assert.All(calls, call => Assert.Equal((string?)connect["id"], call.Call.Id));
        Assert.Equal(("connect", "terminate", "COMPLETED", 42), (calls[0].Call.Event, calls[1].Call.Event, calls[1].Call.Status, calls[1].Call.Duration));
    }

    [Fact]
    public async Task Echoes_and_history_chunks_are_the_businesss_messages_in_the_users_conversation()
    {
        await using var harness = await SimulatorHarness.StartAsync();

        await InjectAsync(harness, new { kind = "echo", phoneNumberId = SimulatorHarness.PhoneNumberId, user = SimulatorHarness.Ana, text = "Sent from the phone" });
        await InjectAsync(harness, new
        {
            kind = "history", phoneNumberId = SimulatorHarness.PhoneNumberId, user = SimulatorHarness.Ana, phase = 1, chunkOrder = 3, progress = 70,
            messages = new object[] { new { text = "Old question", fromBusiness = false, timestamp = 1787000000L }, new { text = "Old answer", fromBusiness = true, timestamp = 1787000060L } },
        });

        var received = harness.Receiver.Received.ToList();
        var echo = Assert.IsType<CoexistenceMessageUpdate>(Assert.Single(Parse(received[0])));
        Assert.Equal(("smb_message_echoes", true, "Sent from the phone"), (echo.Source.Field, echo.FromBusiness, echo.Message.Text?.Body));
        var history = Parse(received[1]).OfType<CoexistenceMessageUpdate>().ToList();
        Assert.Equal([false, true], history.Select(message => message.FromBusiness));
        Assert.Equal(new HistoryChunk(1, 3, 70), history[0].Chunk);
        Assert.All(history, message => Assert.Equal(SimulatorHarness.Ana, message.Conversation.ContactId));
    }

    [Fact]
    public async Task A_username_user_is_named_by_their_BSUID_in_calls_echoes_and_history()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        const string Bsuid = "US.8472019364518203947";

        await InjectAsync(harness, new { kind = "call", phoneNumberId = SimulatorHarness.PhoneNumberId, user = Bsuid, callEvent = "connect", incoming = true });
        await InjectAsync(harness, new { kind = "echo", phoneNumberId = SimulatorHarness.PhoneNumberId, user = Bsuid, text = "Sent from the phone" });
        await InjectAsync(harness, new
        {
            kind = "history", phoneNumberId = SimulatorHarness.PhoneNumberId, user = Bsuid,
            messages = new object[] { new { text = "Old question", fromBusiness = false }, new { text = "Old answer", fromBusiness = true } },
        });

        var received = harness.Receiver.Received.ToList();
        var call = Assert.Single(Parse(received[0]).OfType<CallUpdate>());
        Assert.Equal((null, Bsuid), (call.Call.From, call.Call.FromUserId));
        var echo = Assert.IsType<CoexistenceMessageUpdate>(Assert.Single(Parse(received[1])));
        Assert.Equal((null, Bsuid), (echo.Message.To, echo.Message.ToUserId));
        var history = Parse(received[2]).OfType<CoexistenceMessageUpdate>().ToList();
        Assert.Equal([false, true], history.Select(message => message.FromBusiness));
        Assert.Equal((null, Bsuid), (history[0].Message.From, history[0].Message.FromUserId));
        Assert.Equal((null, Bsuid), (history[1].Message.To, history[1].Message.ToUserId));
        Assert.All(new ConversationWebhookUpdate[] { call, echo, history[0], history[1] }, update => Assert.Equal(new ConversationRoute(SimulatorHarness.PhoneNumberId, Bsuid), update.Conversation));
        Assert.DoesNotContain(received, webhook => webhook.Json.ToJsonString().Contains("\"wa_id\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "kind": "poll", "phoneNumberId": "117283940561728", "user": "14155550123" }""", "kind")]
    [InlineData("""{ "kind": "group_text", "phoneNumberId": "117283940561728", "user": "14155550123", "text": "hi" }""", "groupId")]
    [InlineData("""{ "kind": "edit", "phoneNumberId": "117283940561728", "user": "14155550123", "text": "x" }""", "originalMessageId")]
    [InlineData("""{ "kind": "call", "phoneNumberId": "117283940561728", "user": "14155550123", "callEvent": "terminate" }""", "callStatus")]
    [InlineData("""{ "kind": "history", "phoneNumberId": "117283940561728", "user": "14155550123", "messages": [] }""", "messages")]
    [InlineData("""{ "kind": "echo", "user": "14155550123", "text": "x" }""", "phoneNumberId")]
    public async Task Incomplete_injection_is_refused_naming_the_field_and_sends_nothing(string body, string field)
    {
        await using var harness = await SimulatorHarness.StartAsync();

        using var response = await harness.Http.PostAsync("/simulator/events", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!.AsObject();
        Assert.Contains(field, errors.Select(error => error.Key));
        Assert.Empty(harness.Receiver.Received);
    }

    [Fact]
    public async Task A_group_send_is_accepted_without_a_window_and_its_statuses_name_the_group()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        var body = $$$"""{"messaging_product":"whatsapp","recipient_type":"group","to":"{{{Group}}}","type":"text","text":{"body":"Pickup is at 10"}}""";

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v24.0/{SimulatorHarness.PhoneNumberId}/messages")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer dev-token");
        using var response = await harness.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var accepted = (await response.Content.ReadFromJsonAsync<JsonNode>())!["messages"]![0]!;
        Assert.Equal(Group, (string?)accepted["group_id"]);
        var wamid = (string)accepted["id"]!;
        await SimulatorHarness.EventuallyAsync(() => harness.Receiver.StatusesFor(wamid).Count > 0, "a status of the group send");
        var status = Assert.IsType<StatusUpdate>(Parse(harness.Receiver.StatusesFor(wamid)[0]).First());
        Assert.Equal(GroupIds.ContactId(Group), status.Conversation.ContactId);
    }

    [Fact]
    public async Task A_group_send_to_something_that_is_no_group_id_is_refused()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        const string Body = """{"messaging_product":"whatsapp","recipient_type":"group","to":"not a group!","type":"text","text":{"body":"x"}}""";

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v24.0/{SimulatorHarness.PhoneNumberId}/messages")
        {
            Content = new StringContent(Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer dev-token");
        using var response = await harness.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(100, (int?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["code"]);
    }

    private static async Task<JsonNode> InjectAsync(SimulatorHarness harness, object request)
    {
        using var response = await harness.Http.PostAsJsonAsync("/simulator/events", request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var answer = JsonNode.Parse(body)!;
        Assert.Equal(200, (int?)answer["webhookStatus"]);
        return answer;
    }

    private static IReadOnlyList<WebhookUpdate> Parse(ReceivedWebhook webhook)
    {
        Assert.True(webhook.SignatureValid);
        return WebhookParser.Parse(webhook.Body).Updates;
    }
}
