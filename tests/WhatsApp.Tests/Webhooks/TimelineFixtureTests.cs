using WaApp.TestInfrastructure;
using WaApp.WhatsApp.Webhooks;

namespace WaApp.WhatsApp.Tests.Webhooks;

/// <summary>Groups, edits and deletions, calls and coexistence fixtures parse to updates routed to the right conversation.</summary>
public sealed class TimelineFixtureTests
{
    private const string BusinessA = "117283940561728";
    private const string Group = "Y2FwaV9ncm91cDoxMjAzNjMwNDk4NzY1NDMyMTA";

    [Fact]
    public void A_group_message_goes_to_the_group_conversation_not_the_senders()
    {
        var updates = Parse("group-text.json");

        var message = Assert.Single(updates.OfType<MessageUpdate>());
        Assert.Equal(new ConversationRoute(BusinessA, "group." + Group), message.Conversation);
        Assert.Equal("14155550123", message.Message.From);
        Assert.Equal(Group, message.Message.GroupId);
        Assert.Equal("14155550123", Assert.Single(updates.OfType<ContactUpdate>()).ContactId);
    }

    [Fact]
    public void A_group_participants_update_goes_to_the_group_conversation()
    {
        var update = Assert.Single(Parse("group-participants-update.json"));

        var group = Assert.IsType<GroupEventUpdate>(update);
        Assert.Equal(new ConversationRoute(BusinessA, "group." + Group), group.Conversation);
        Assert.Equal("group_participants_add", group.Event.Type);
        Assert.Equal("14155550123", Assert.Single(group.Event.AddedParticipants!).WaId);
    }

    [Fact]
    public void An_edit_names_the_original_and_carries_the_new_text()
    {
        var message = Assert.Single(Parse("edit.json").OfType<MessageUpdate>()).Message;

        Assert.Equal(MessageKind.Edit, message.Kind);
        Assert.Equal("wamid.HBgMNDQ3OTExMTIzNDU2FQIAEhgUM0FPUklHSU5BTDAwMTEyMjMzNDQA", message.Edit?.OriginalMessageId);
        Assert.Equal("Please deliver to the back door, not the front.", message.Edit?.Message?.Text?.Body);
    }

    [Fact]
    public void A_revoke_names_the_deleted_message()
    {
        var message = Assert.Single(Parse("revoke.json").OfType<MessageUpdate>()).Message;

        Assert.Equal(MessageKind.Revoke, message.Kind);
        Assert.Equal("wamid.HBgMNDQ3OTExMTIzNDU2FQIAEhgUM0FPUklHSU5BTDAwMjIzMzQ0NTUA", message.Revoke?.OriginalMessageId);
    }

    [Fact]
    public void Call_connect_and_terminate_reach_the_callers_conversation()
    {
        var connect = Assert.Single(Parse("call-connect.json").OfType<CallUpdate>());
        var terminate = Assert.Single(Parse("call-terminate.json").OfType<CallUpdate>());

        Assert.Equal(new ConversationRoute(BusinessA, "5511987654321"), connect.Conversation);
        Assert.Equal(connect.Conversation, terminate.Conversation);
        Assert.Equal(connect.Call.Id, terminate.Call.Id);
        Assert.True(connect.Call.IsIncoming);
        Assert.Equal(("connect", "terminate", "COMPLETED", 95), (connect.Call.Event, terminate.Call.Event, terminate.Call.Status, terminate.Call.Duration));
    }

    [Fact]
    public void A_call_status_of_a_business_call_reaches_the_callee()
    {
        const string Body = """
            {"object":"whatsapp_business_account","entry":[{"id":"104857362918475","changes":[{"field":"calls","value":{
              "messaging_product":"whatsapp","metadata":{"display_phone_number":"15557340912","phone_number_id":"117283940561728"},
              "statuses":[{"id":"wacid.OUT1","timestamp":"1795420700","type":"call","status":"REJECTED","recipient_id":"919812345678"}]}}]}]}
            """;

        var call = Assert.Single(WebhookParser.Parse(System.Text.Encoding.UTF8.GetBytes(Body)).Updates.OfType<CallUpdate>());

        Assert.Equal(new ConversationRoute(BusinessA, "919812345678"), call.Conversation);
        Assert.False(call.Call.IsIncoming);
        Assert.Equal(("status", "REJECTED"), (call.Call.Event, call.Call.Status));
    }

    [Fact]
    public void A_business_app_echo_goes_to_the_recipients_conversation_as_the_businesss_message()
    {
        var echo = Assert.IsType<CoexistenceMessageUpdate>(Assert.Single(Parse("smb-message-echo.json")));

        Assert.Equal(new ConversationRoute(BusinessA, "919812345678"), echo.Conversation);
        Assert.True(echo.FromBusiness);
        Assert.Null(echo.Chunk);
        Assert.Equal("Your table for four is booked for 8 pm.", echo.Message.Text?.Body);
    }

    [Fact]
    public void A_history_chunk_yields_each_message_of_each_thread_with_its_side()
    {
        var messages = Parse("history-chunk.json").OfType<CoexistenceMessageUpdate>().ToList();

        Assert.Equal(2, messages.Count);
        Assert.All(messages, message => Assert.Equal(new ConversationRoute(BusinessA, "34612345678"), message.Conversation));
        Assert.Equal([false, true], messages.Select(message => message.FromBusiness));
        Assert.Equal(new HistoryChunk(1, 2, 55), messages[0].Chunk);
        Assert.Equal("READ", messages[1].Message.HistoryContext?.Status);
    }

    [Fact]
    public void A_state_sync_contact_names_the_contact_by_number()
    {
        const string Body = """
            {"object":"whatsapp_business_account","entry":[{"id":"104857362918475","changes":[{"field":"smb_app_state_sync","value":{
              "messaging_product":"whatsapp","metadata":{"display_phone_number":"15557340912","phone_number_id":"117283940561728"},
              "state_sync":[{"type":"contact","contact":{"full_name":"Priya Natarajan","first_name":"Priya","phone_number":"919812345678"},"action":"add","metadata":{"timestamp":"1795420800"}},
                            {"type":"contact","contact":{"phone_number":"447911123456"},"action":"remove","metadata":{"timestamp":"1795420801"}}]}}]}]}
            """;

        var names = WebhookParser.Parse(System.Text.Encoding.UTF8.GetBytes(Body)).Updates.OfType<ContactNameUpdate>().ToList();

        Assert.Equal(2, names.Count);
        Assert.Equal(("919812345678", "Priya Natarajan", false), (names[0].ContactId, names[0].FullName, names[0].Removed));
        Assert.Equal(("447911123456", true), (names[1].ContactId, names[1].Removed));
    }

    [Fact]
    public void Odd_items_of_the_new_fields_are_kept_unroutable_instead_of_failing_the_body()
    {
        const string Body = """
            {"object":"whatsapp_business_account","entry":[{"id":"104857362918475","changes":[
              {"field":"calls","value":{"metadata":{"phone_number_id":"117283940561728"},"calls":[{"event":"connect"}, 7]}},
              {"field":"history","value":{"metadata":{"phone_number_id":"117283940561728"},"history":[{"threads":[{"messages":[{"id":"wamid.X"}]}]}, "x"]}},
              {"field":"group_settings_update","value":{"metadata":{"phone_number_id":"117283940561728"},"groups":[{"type":"group_settings_update"}]}}]}]}
            """;

        var updates = WebhookParser.Parse(System.Text.Encoding.UTF8.GetBytes(Body)).Updates;

        Assert.Equal(5, updates.Count);
        Assert.All(updates, update => Assert.IsType<UnroutableUpdate>(update));
    }

    private static IReadOnlyList<WebhookUpdate> Parse(string name) => WebhookParser.Parse(WebhookFixtures.Read(name)).Updates;
}
