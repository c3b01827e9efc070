using System.Net;
using System.Text;
using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.Contacts;
using WaApp.Grains.Abstractions.Events;
using WaApp.TestInfrastructure;
using WaApp.WhatsApp.Webhooks;

namespace WaApp.WebGateway.Tests.Webhooks;

/// <summary>Every shared fixture, signed like Meta signs it, through the real gateway and silo into DynamoDB.</summary>
[Collection(WebhookClusterCollection.Name)]
public sealed class WebhookFixtureIngestionTests(WebhookClusterFixture fixture)
{
    private const string BusinessA = "117283940561728";
    private const string Waba = "104857362918475";
    private readonly LocalCluster _cluster = fixture.Cluster;
    private readonly EventStoreProbe _store = fixture.Store;

    public static TheoryData<string> FixtureNames => [.. WebhookFixtures.Names];

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public async Task Every_fixture_is_acknowledged_and_each_update_is_stored_once_with_its_raw_json(string name)
    {
        var body = WebhookFixtures.Read(name);
        var text = Encoding.UTF8.GetString(body);

        await PostOkAsync(body);
        await PostOkAsync(body);

        foreach (var update in WebhookParser.Parse(body).Updates)
        {
            switch (update)
            {
                case MessageUpdate message when message.Message.Kind is MessageKind.Edit or MessageKind.Revoke:
                    var changes = (await _store.ConversationEventsAsync(message.Conversation.PhoneNumberId, message.Conversation.ContactId))
                        .Where(e => e is MessageEdited edited && edited.Edit.MessageId == message.Message.Id || e is MessageRevoked revoked && revoked.Revoke.MessageId == message.Message.Id);
                    Assert.Single(changes);
                    break;
                case CallUpdate call:
                    Assert.Single((await _store.ConversationEventsAsync(call.Conversation.PhoneNumberId, call.Conversation.ContactId)).OfType<CallLogged>(),
                        e => e.Call.CallId == call.Call.Id && e.Call.Event == call.Call.Event && e.Call.RawJson == call.RawJson);
                    break;
                case CoexistenceMessageUpdate imported:
                    Assert.Single((await _store.ConversationEventsAsync(imported.Conversation.PhoneNumberId, imported.Conversation.ContactId)).OfType<MessageImported>(),
                        e => e.Message.MessageId == imported.Message.Id && e.Message.RawJson == imported.RawJson);
                    break;
                case GroupEventUpdate group:
                    Assert.Single((await _store.ConversationEventsAsync(group.Conversation.PhoneNumberId, group.Conversation.ContactId)).OfType<GroupEventRecorded>(),
                        e => e.Event.RawJson == group.RawJson);
                    break;
                case MessageUpdate message when message.Message.Kind == MessageKind.Reaction:
                    var reactions = (await _store.ConversationEventsAsync(message.Conversation.PhoneNumberId, message.Conversation.ContactId))
                        .Where(e => e is ReactionReceived r && r.MessageId == message.Message.Id || e is ReactionRemoved d && d.MessageId == message.Message.Id);
                    Assert.Single(reactions);
                    break;
                case MessageUpdate message:
                    var received = Assert.Single((await _store.ConversationEventsAsync(message.Conversation.PhoneNumberId, message.Conversation.ContactId))
                        .OfType<MessageReceived>(), e => e.Message.MessageId == message.Message.Id);
                    Assert.Equal(message.Message.Type, received.Message.Type);
                    Assert.Equal(message.Message.Timestamp, received.Message.Timestamp);
                    Assert.Contains(received.Message.RawJson, text, StringComparison.Ordinal);
                    Assert.NotNull(received.Message.Content);
                    break;
                case StatusUpdate status:
                    var updated = Assert.Single((await _store.ConversationEventsAsync(status.Conversation.PhoneNumberId, status.Conversation.ContactId))
                        .OfType<StatusUpdated>(), e => e.Report.MessageId == status.Status.Id && e.Report.Status == status.Status.Status);
                    Assert.Equal(status.Status.Timestamp, updated.Report.Timestamp);
                    Assert.Contains(updated.Report.RawJson, text, StringComparison.Ordinal);
                    break;
                case UserPreferenceUpdate preference:
                    Assert.Single((await _store.ConversationEventsAsync(preference.Conversation.PhoneNumberId, preference.Conversation.ContactId))
                        .OfType<UserPreferenceChanged>());
                    break;
                case ErrorUpdate or BusinessFieldUpdate or ContactNameUpdate:
                    Assert.Single((await _store.BusinessAccountEventsAsync(update.Source.BusinessAccountId!)).OfType<BusinessNoticeReceived>(),
                        e => e.Notice.RawJson == update.RawJson);
                    break;
                case ContactUpdate or ContactIdentityChangeUpdate:
                    // One-way to the contact grain: checked in the contact tests below.
                    break;
                default:
                    Assert.Fail($"{name} produced an update the gateway cannot route: {update}");
                    break;
            }
        }
    }

    [Fact]
    public async Task Media_and_interactive_messages_keep_their_typed_content()
    {
        foreach (var name in new[] { "image.json", "audio-voice.json", "location.json", "contacts.json", "interactive-nfm-reply.json", "button.json", "order.json", "unsupported.json", "text-referral-ctwa.json" })
        {
            await PostOkAsync(WebhookFixtures.Read(name));
        }

        var image = await MessageAsync("5511987654321", "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFDNBOUZCQTEyQkE2OEY0NkQyQzQzAA==");
        Assert.Equal(("image", "1096564409884188", "A caixa chegou amassada 😞"), (image.Media?.Kind, image.Media?.MediaId, image.Media?.Caption));
        var voice = await MessageAsync("919812345678", "wamid.HBgMOTE5ODEyMzQ1Njc4FQIAEhgUM0FGNkMyNDc3QTYzMjZBRjgzOUQA");
        Assert.True(voice.Media?.Voice);
        var location = await MessageAsync("919812345678", "wamid.HBgMOTE5ODEyMzQ1Njc4FQIAEhgUM0FBNTYyRDhDQ0VCRkE3RDkzMUIA");
        Assert.Equal((12.9715987, 77.5945627, "Cubbon Park"), (location.Location?.Latitude, location.Location?.Longitude, location.Location?.Name));
        var card = await MessageAsync("447911123456", "wamid.HBgMNDQ3OTExMTIzNDU2FQIAEhgUM0E4MTk3NjlFMUI1Mzk2N0RFQjEA");
        Assert.Equal("Amelia Clarke", Assert.Single(card.Contacts!).FormattedName);
        Assert.Equal(2, card.Contacts![0].Phones.Count);
        var flow = await MessageAsync("14155550123", "wamid.HBgLMTQxNTU1NTAxMjMVAgASGBQzQUFEOUVGOTQzNURCNTBEMkZEMAA=");
        Assert.Equal("flt_9c1e7d2a-4417", flow.Flow?.FlowToken);
        var button = await MessageAsync("14155550123", "wamid.HBgLMTQxNTU1NTAxMjMVAgASGBQzQUQzOEQxOEVCOEI2NjA4NDBDMQA=");
        Assert.Equal(("button", "STOP_PROMOTIONS", "Stop promotions"), (button.Selection?.Kind, button.Selection?.Id, button.Selection?.Title));
        Assert.Equal("wamid.HBgLMTQxNTU1NTAxMjMVAgARGBI3OERBN0JCOEEwQUVDRTNFNDcA", button.Context?.QuotedMessageId);
        var order = await MessageAsync("34612345678", "wamid.HBgLMzQ2MTIzNDU2NzgVAgASGBQzQTU1N0YzMkFGQTQzMTJDODMxMAA=");
        Assert.Equal([89.9m, 9.5m], order.Order!.Items.Select(item => item.ItemPrice));
        var unsupported = await MessageAsync("447911123456", "wamid.HBgMNDQ3OTExMTIzNDU2FQIAEhgUM0E2REE4OTM3NUQ5MjRGQzM5QjQA");
        Assert.Equal(("poll_creation", 131051), (unsupported.UnsupportedType, Assert.Single(unsupported.Errors!).Code));
        var referral = await MessageAsync("447911123456", "wamid.HBgMNDQ3OTExMTIzNDU2FQIAEhgUM0FDRTVENUM4QjU3NEY4QTFDN0YA");
        Assert.Equal("120229384756102938", referral.Referral?.SourceId);
    }

    [Fact]
    public async Task The_messages_endpoint_shows_the_typed_content()
    {
        await PostOkAsync(WebhookFixtures.Read("interactive-list-reply.json"));
        using var client = _cluster.CreateClient();

        using var response = await client.GetAsync($"/api/v1/conversations/{BusinessA}/5511987654321/messages");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var item = json.RootElement.GetProperty("items").EnumerateArray()
            .Single(message => message.GetProperty("id").GetString() == "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFDNBMjBCQTJCN0M0MDQ0RDEwMTY1AA==");
        var selection = item.GetProperty("content").GetProperty("selection");
        Assert.Equal("list_reply", selection.GetProperty("kind").GetString());
        Assert.Equal("ship_express", selection.GetProperty("id").GetString());
        Assert.Equal("1 a 2 dias úteis", selection.GetProperty("description").GetString());
        Assert.Equal("Entrega expressa", item.GetProperty("text").GetString());
        Assert.False(item.GetProperty("content").TryGetProperty("media", out _));
    }

    [Fact]
    public async Task An_absurdly_long_media_id_marks_that_file_failed_and_the_rest_of_the_batch_is_stored()
    {
        // Fresh wamids, so the batch is new however the other tests ran; the image names a 3 KB media id.
        var run = Guid.NewGuid().ToString("N")[..12];
        var body = Encoding.UTF8.GetString(WebhookFixtures.Read("batch-multi-user.json"))
            .Replace("\"9485175416407577\"", $"\"{new string('9', 3000)}\"", StringComparison.Ordinal)
            .Replace("wamid.HBgLMTQxNTU1NTAxMjMVAgASGBQzQUJCODMzOEEzREY0MDg1M0FFNwA=", $"wamid.long-a-{run}", StringComparison.Ordinal)
            .Replace("wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFDNBQUIzOUM0QjAxRkEyODhFMTdBAA==", $"wamid.long-b-{run}", StringComparison.Ordinal)
            .Replace("wamid.HBgLMTQxNTU1NTAxMjMVAgASGBQzQTZGMUQzMDQ0Qjk0QUY5OEMyMgA=", $"wamid.long-c-{run}", StringComparison.Ordinal);

        await PostOkAsync(Encoding.UTF8.GetBytes(body));

        var state = await EventuallyAsync(
            () => _store.ConversationAsync(BusinessA, "14155550123"),
            conversation => conversation.Messages.Count(message => message.Id.EndsWith(run, StringComparison.Ordinal)) == 2);
        Assert.Equal(2, state.Messages.Count(message => message.Id.EndsWith(run, StringComparison.Ordinal)));
        using var client = _cluster.CreateClient();
        var media = await EventuallyAsync(
            async () =>
            {
                using var response = await client.GetAsync($"/api/v1/conversations/{BusinessA}/5511987654321/messages");
                using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                return json.RootElement.GetProperty("items").EnumerateArray()
                    .Where(message => message.GetProperty("id").GetString() == $"wamid.long-b-{run}")
                    .Select(message => message.TryGetProperty("media", out var file) ? file.Clone() : (System.Text.Json.JsonElement?)null)
                    .FirstOrDefault();
            },
            file => file is not null);
        Assert.NotNull(media);
        Assert.Equal("failed", media.Value.GetProperty("status").GetString());
        Assert.Contains("invalid media id", media.Value.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("image/jpeg", media.Value.GetProperty("mimeType").GetString());

        // A retry cannot make it pending: there is nothing Meta could be asked for.
        using var retried = await client.PostAsync($"/api/v1/conversations/{BusinessA}/5511987654321/messages/wamid.long-b-{run}/media/retry", null);
        Assert.Contains("\"failed\"", await retried.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reaction_and_its_removal_reach_the_reacted_message()
    {
        const string Target = "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABEYEkRFNkUxNjlGMjMzQzVBRTZFOQA=";

        // Removal first: Meta does not order webhooks, and the newer removal must win either way.
        await PostOkAsync(WebhookFixtures.Read("reaction-removed.json"));
        await PostOkAsync(WebhookFixtures.Read("reaction.json"));

        var events = await _store.ConversationEventsAsync(BusinessA, "5511987654321");
        Assert.Equal("👍", Assert.Single(events.OfType<ReactionReceived>(), e => e.TargetMessageId == Target).Emoji);
        Assert.Single(events.OfType<ReactionRemoved>(), e => e.TargetMessageId == Target);
        var state = await _store.ConversationAsync(BusinessA, "5511987654321");
        Assert.Null(state.Reactions[Target].Emoji);
        Assert.DoesNotContain(state.Messages, message => message.Type == "reaction");
    }

    [Fact]
    public async Task Statuses_in_any_order_and_repeated_end_at_read_with_each_time_kept()
    {
        foreach (var name in new[] { "status-read.json", "status-sent.json", "status-read.json", "status-delivered.json", "status-sent.json" })
        {
            await PostOkAsync(WebhookFixtures.Read(name));
        }

        var state = await _store.ConversationAsync(BusinessA, "14155550123");
        var delivery = state.Deliveries["wamid.HBgLMTQxNTU1NTAxMjMVAgARGBJGMzY0RUUzOEFDMTRCMDMxNTAA"];
        Assert.Equal("read", delivery.Status);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795419700), delivery.StatusTimes["sent"]);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795419703), delivery.StatusTimes["delivered"]);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795419780), delivery.StatusTimes["read"]);
        Assert.Equal("utility", delivery.Pricing?.Category);
        Assert.Equal("72e58f748ed06827bc8ba730d52a629e", delivery.Conversation?.Id);
    }

    [Fact]
    public async Task Failed_status_is_terminal_with_its_errors()
    {
        await PostOkAsync(WebhookFixtures.Read("status-failed.json"));

        var state = await _store.ConversationAsync(BusinessA, "4915112345678");
        var delivery = state.Deliveries["wamid.HBgNNDkxNTExMjM0NTY3OBUCABEYEkJGRTIzNURDRkI2OTJEMjlBRgA="];
        Assert.Equal("failed", delivery.Status);
        Assert.Equal(131047, Assert.Single(delivery.Errors).Code);
    }

    [Fact]
    public async Task Marketing_opt_out_is_kept_on_the_conversation()
    {
        await PostOkAsync(WebhookFixtures.Read("user-preferences-stop.json"));

        var state = await _store.ConversationAsync(BusinessA, "34612345678");
        Assert.Equal("stop", state.Preferences["marketing_messages"].Value);
    }

    [Fact]
    public async Task Account_level_notices_reach_the_business_account()
    {
        foreach (var name in new[] { "template-status-update.json", "template-status-rejected.json", "phone-number-quality-update.json", "account-update.json", "errors-system.json" })
        {
            await PostOkAsync(WebhookFixtures.Read(name));
        }

        var notices = (await _store.BusinessAccountEventsAsync(Waba)).OfType<BusinessNoticeReceived>().Select(e => e.Notice).ToList();
        Assert.Contains(notices, n => n is { Field: "message_template_status_update", Event: "APPROVED", Subject: "order_shipped_v2" });
        Assert.Contains(notices, n => n is { Field: "message_template_status_update", Event: "REJECTED", Subject: "winter_sale_promo" });
        Assert.Contains(notices, n => n is { Field: "phone_number_quality_update", Event: "THROUGHPUT_UPGRADE", Subject: "15557340912" });
        Assert.Contains(notices, n => n is { Field: "account_update", Event: "ACCOUNT_RESTRICTION", Subject: "RESTRICTED_BIZ_INITIATED_MESSAGING" });
        Assert.Contains(notices, n => n is { Field: "messages", PhoneNumberId: BusinessA, Error.Code: 130429 });
    }

    [Fact]
    public async Task Contact_names_and_number_changes_reach_the_contact_without_a_write_per_message()
    {
        await PostOkAsync(WebhookFixtures.Read("video.json"));
        await PostOkAsync(WebhookFixtures.Read("text-forwarded.json"));
        await PostOkAsync(WebhookFixtures.Read("system-user-changed-number.json"));

        var lena = await EventuallyAsync(() => _store.ContactEventsAsync("4915112345678"), events => events.Count > 0);
        var profile = Assert.Single(lena.OfType<ContactProfileUpdated>());
        Assert.Equal("Lena Müller", profile.ProfileName);

        var ana = await EventuallyAsync(() => _store.ContactEventsAsync("14155550123"), events => events.OfType<ContactIdentityChanged>().Any());
        Assert.Equal("14155550199", Assert.Single(ana.OfType<ContactIdentityChanged>()).Change.NewWaId);
    }

    [Fact]
    public async Task A_redelivery_batched_differently_stores_nothing_new()
    {
        await PostOkAsync(WebhookFixtures.Read("batch-multi-user.json"));
        var before = await _store.ConversationEventsAsync(BusinessA, "14155550123");

        // The same two messages of Ana, redelivered alone in a new body.
        var messages = WebhookParser.Parse(WebhookFixtures.Read("batch-multi-user.json")).Updates.OfType<MessageUpdate>()
            .Where(update => update.Conversation.ContactId == "14155550123").Select(update => update.RawJson);
        var rebatched = Encoding.UTF8.GetBytes($$$"""
            {"object":"whatsapp_business_account","entry":[{"id":"{{{Waba}}}","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15557340912","phone_number_id":"{{{BusinessA}}}"},"messages":[{{{string.Join(',', messages.Reverse())}}}]}}]}]}
            """);
        await PostOkAsync(rebatched);

        Assert.Equal(before.Count, (await _store.ConversationEventsAsync(BusinessA, "14155550123")).Count);
    }


    private async Task<Grains.Abstractions.Conversations.MessageContent> MessageAsync(string contactId, string messageId)
    {
        var state = await _store.ConversationAsync(BusinessA, contactId);
        return Assert.Single(state.Messages, message => message.Id == messageId).Content!;
    }

    private async Task PostOkAsync(byte[] body)
    {
        using var response = await _cluster.PostWebhookAsync(body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}{Environment.NewLine}{_cluster.Diagnostics()}");
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(200);
        }
    }
}
