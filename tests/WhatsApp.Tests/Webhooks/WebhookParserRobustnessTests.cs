using System.Text;
using WaApp.TestInfrastructure;
using WaApp.WhatsApp.Webhooks;

namespace WaApp.WhatsApp.Tests.Webhooks;

/// <summary>Bad or unusual bodies: a clear error for non-envelopes, and nothing lost or thrown for odd items.</summary>
public sealed class WebhookParserRobustnessTests
{
    private const string PhoneNumberId = "117283940561728";

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("{\"object\":", "not valid JSON")]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[]", "must be a JSON object, not an array")]
    [InlineData("\"whatsapp\"", "must be a JSON object, not a string")]
    [InlineData("null", "must be a JSON object, not null")]
    [InlineData("{}", "no \"object\" string")]
    [InlineData("{\"object\":\"whatsapp_business_account\"}", "no \"entry\" array")]
    [InlineData("{\"object\":\"whatsapp_business_account\",\"entry\":{}}", "no \"entry\" array")]
    [InlineData("{\"object\":\"whatsapp_business_account\",\"entry\":[42]}", "must be a JSON object, not a number")]
    public void A_body_that_is_not_a_whatsapp_envelope_gets_a_clear_format_error(string body, string expected)
    {
        var exception = Assert.Throws<WebhookFormatException>(() => WebhookParser.Parse(Encoding.UTF8.GetBytes(body)));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"object\":\"page\"}")]
    [InlineData("{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"messaging\":[]}]}")]
    [InlineData("{\"object\":\"instagram\",\"entry\":[]}")]
    public void An_authentic_body_about_another_meta_product_is_recognized_and_yields_nothing(string body)
    {
        var parsed = WebhookParser.Parse(Encoding.UTF8.GetBytes(body));

        Assert.False(parsed.IsWhatsApp);
        Assert.Empty(parsed.Updates);
    }

    [Fact]
    public void Pathologically_deep_nesting_is_a_format_error_not_a_crash()
    {
        var body = "{\"object\":\"whatsapp_business_account\",\"entry\":[" + new string('[', 10_000) + new string(']', 10_000) + "]}";

        Assert.Throws<WebhookFormatException>(() => WebhookParser.Parse(Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void An_absurdly_long_media_id_is_read_as_invalid_for_its_message_and_the_rest_of_the_batch_is_kept()
    {
        // A 3 KB id would become a storage key over DynamoDB's 2 KB limit; Meta's media ids are a few dozen digits.
        var longId = new string('7', 3000);
        var body = Encoding.UTF8.GetString(WebhookFixtures.Read("batch-multi-user.json")).Replace("\"9485175416407577\"", $"\"{longId}\"", StringComparison.Ordinal);

        var messages = WebhookParser.Parse(Encoding.UTF8.GetBytes(body)).Updates.OfType<MessageUpdate>().ToList();

        Assert.Equal(5, messages.Count);
        var image = messages[1].Message.Image;
        Assert.NotNull(image);
        Assert.Null(image.Id);
        Assert.True(image.InvalidId);
        Assert.Equal("image/jpeg", image.MimeType);
        Assert.Contains(longId, messages[1].RawJson, StringComparison.Ordinal);
        Assert.All(messages.Where((_, index) => index != 1), update => Assert.False(update.Message.Image?.InvalidId ?? false));
    }

    [Theory]
    [InlineData(MediaContent.MaxIdLength, false)]
    [InlineData(MediaContent.MaxIdLength + 1, true)]
    public void Media_ids_are_bounded_like_other_ids(int length, bool invalid)
    {
        var id = new string('1', length);
        var body = Envelope($$$"""
            "contacts":[{"profile":{"name":"Ana"},"wa_id":"14155550123"}],
            "messages":[{"from":"14155550123","id":"wamid.DOC1","timestamp":"1795419600","type":"document",
              "document":{"id":"{{{id}}}","mime_type":"application/pdf","sha256":"abc=","filename":"invoice.pdf"}}]
            """);

        var document = Assert.Single(WebhookParser.Parse(Encoding.UTF8.GetBytes(body)).Updates.OfType<MessageUpdate>()).Message.Document;

        Assert.NotNull(document);
        Assert.Equal(invalid, document.InvalidId);
        Assert.Equal(invalid ? null : id, document.Id);
        Assert.Equal("invoice.pdf", document.Filename);
    }

    [Fact]
    public void A_thousand_messages_from_a_thousand_users_all_arrive()
    {
        var messages = Enumerable.Range(0, 1000).Select(i =>
            $$$"""{"from":"{{{15550000000 + i}}}","id":"wamid.M{{{i}}}","timestamp":"{{{1795419000 + i}}}","type":"text","text":{"body":"n{{{i}}}"}}""");
        var contacts = Enumerable.Range(0, 1000).Reverse().Select(i => $$"""{"profile":{"name":"User {{i}}"},"wa_id":"{{15550000000 + i}}"}""");

        var updates = WebhookParser.Parse(Encoding.UTF8.GetBytes(Envelope($$"""
            "contacts":[{{string.Join(',', contacts)}}],"messages":[{{string.Join(',', messages)}}]
            """))).Updates;

        var received = updates.OfType<MessageUpdate>().ToList();
        Assert.Equal(1000, received.Count);
        Assert.Equal(1000, received.Select(update => update.Conversation).Distinct().Count());
        Assert.All(received, update => Assert.Equal($"User {long.Parse(update.Conversation.ContactId, System.Globalization.CultureInfo.InvariantCulture) - 15550000000}", update.Contact?.Profile?.Name));
        Assert.Equal(1000, updates.OfType<ContactUpdate>().Count());
    }

    [Fact]
    public void Raw_json_is_the_exact_escaped_text_of_the_item()
    {
        const string Message = """{"from":"34612345678","id":"wamid.A","timestamp":"1795419000","type":"text","text":{"body":"Caf\u00e9 \ud83d\ude00 https:\/\/x.example"}}""";

        var update = Assert.Single(WebhookParser.Parse(Encoding.UTF8.GetBytes(Envelope($"\"messages\":[{Message}]"))).Updates.OfType<MessageUpdate>());

        Assert.Equal(Message, update.RawJson);
        Assert.Equal("Café 😀 https://x.example", update.Message.Text?.Body);
    }

    [Fact]
    public void Unknown_message_types_and_fields_are_kept_not_thrown_on()
    {
        const string Message = """{"from":"34612345678","id":"wamid.B","timestamp":1795419000,"type":"request_welcome","request_welcome":{"x":1},"brand_new_field":true}""";

        var update = Assert.Single(WebhookParser.Parse(Encoding.UTF8.GetBytes(Envelope($"\"messages\":[{Message}]"))).Updates.OfType<MessageUpdate>());

        Assert.Equal(MessageKind.Unknown, update.Message.Kind);
        Assert.Equal("request_welcome", update.Message.Type);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795419000), update.Message.Timestamp);
        Assert.True(update.Message.Unknown?.ContainsKey("request_welcome"));
        Assert.True(update.Message.Unknown?.ContainsKey("brand_new_field"));
        Assert.Equal(Message, update.RawJson);
    }

    [Fact]
    public void A_message_with_a_malformed_part_is_still_routed_with_its_raw_json()
    {
        const string Message = """{"from":"34612345678","id":"wamid.C","timestamp":"1795419000","type":"text","text":"just a string"}""";

        var update = Assert.Single(WebhookParser.Parse(Encoding.UTF8.GetBytes(Envelope($"\"messages\":[{Message}]"))).Updates.OfType<MessageUpdate>());

        Assert.Equal(new ConversationRoute(PhoneNumberId, "34612345678"), update.Conversation);
        Assert.Equal("wamid.C", update.Message.Id);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795419000), update.Message.Timestamp);
        Assert.NotNull(update.Message.ParseError);
        Assert.Equal(Message, update.RawJson);
    }

    [Fact]
    public void A_username_user_without_wa_id_is_keyed_by_bsuid_and_matched_to_its_contact()
    {
        const string Value = """
            "contacts":[{"profile":{"name":"Someone","username":"@someone"},"user_id":"US.99"},{"profile":{"name":"Other"},"wa_id":"1555"}],
            "messages":[{"from_user_id":"US.99","id":"wamid.D","timestamp":"1795419000","type":"text","text":{"body":"hi"}}]
            """;

        var update = Assert.Single(WebhookParser.Parse(Encoding.UTF8.GetBytes(Envelope(Value))).Updates.OfType<MessageUpdate>());

        Assert.Equal(new ConversationRoute(PhoneNumberId, "US.99"), update.Conversation);
        Assert.Equal("@someone", update.Contact?.Profile?.Username);
    }

    [Fact]
    public void A_status_sent_to_a_bsuid_is_keyed_by_the_recipient_user_id()
    {
        const string Value = """ "statuses":[{"id":"wamid.E","status":"delivered","timestamp":"1795419000","recipient_user_id":"US.77"}] """;

        var update = Assert.Single(WebhookParser.Parse(Encoding.UTF8.GetBytes(Envelope(Value))).Updates.OfType<StatusUpdate>());

        Assert.Equal(new ConversationRoute(PhoneNumberId, "US.77"), update.Conversation);
    }

    [Fact]
    public void A_reaction_with_an_empty_emoji_is_a_removal()
    {
        const string Value = """ "messages":[{"from":"1555","id":"wamid.F","timestamp":"1795419000","type":"reaction","reaction":{"message_id":"wamid.X","emoji":""}}] """;

        var update = Assert.Single(WebhookParser.Parse(Encoding.UTF8.GetBytes(Envelope(Value))).Updates.OfType<MessageUpdate>());

        Assert.True(update.Message.Reaction?.IsRemoval);
    }

    [Fact]
    public void A_flow_reply_whose_response_is_not_json_keeps_the_string()
    {
        const string Value = """ "messages":[{"from":"1555","id":"wamid.G","timestamp":"1795419000","type":"interactive","interactive":{"type":"nfm_reply","nfm_reply":{"name":"flow","body":"Sent","response_json":"{not json"}}}] """;

        var flow = Assert.Single(WebhookParser.Parse(Encoding.UTF8.GetBytes(Envelope(Value))).Updates.OfType<MessageUpdate>()).Message.Interactive?.NfmReply;

        Assert.Equal("{not json", flow?.ResponseJson);
        Assert.Null(flow?.Response);
    }

    [Fact]
    public void Items_that_name_no_number_or_no_user_are_reported_as_unroutable()
    {
        const string Body = """
            {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[
              {"field":"messages","value":{"messages":[{"id":"wamid.H","type":"text","text":{"body":"x"}}]}},
              {"field":"messages","value":{"metadata":{"phone_number_id":"5"},"statuses":[{"id":"wamid.I","status":"read"}],"messages":[{"id":"wamid.J","type":"text"},{"from":"1555","type":"text"}]}}]}]}
            """;

        var updates = WebhookParser.Parse(Encoding.UTF8.GetBytes(Body)).Updates;

        Assert.Equal(4, updates.Count);
        Assert.All(updates, update => Assert.IsType<UnroutableUpdate>(update));
        Assert.Contains("phone_number_id", ((UnroutableUpdate)updates[0]).Reason, StringComparison.Ordinal);
        Assert.Contains("has no id", ((UnroutableUpdate)updates[2]).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_field_is_kept_raw_as_a_business_update()
    {
        const string Body = """{"object":"whatsapp_business_account","entry":[{"id":"104857362918475","time":1795420000,"changes":[{"field":"security","value":{"display_phone_number":"1555","event":"PIN_CHANGED"}}]}]}""";

        var update = Assert.IsType<BusinessFieldUpdate>(Assert.Single(WebhookParser.Parse(Encoding.UTF8.GetBytes(Body)).Updates));

        Assert.Equal("security", update.Source.Field);
        Assert.Null(update.Value);
        Assert.Equal("""{"display_phone_number":"1555","event":"PIN_CHANGED"}""", update.RawJson);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795420000), update.Time);
    }

    [Fact]
    public void Several_changes_and_entries_are_all_read()
    {
        var body = $$"""
            {"object":"whatsapp_business_account","entry":[
              {"id":"1","changes":[{"field":"messages","value":{{Value("\"messages\":[{\"from\":\"1\",\"id\":\"wamid.1\",\"type\":\"text\"}]")}}},
                                   {"field":"messages","value":{{Value("\"statuses\":[{\"id\":\"wamid.2\",\"status\":\"sent\",\"recipient_id\":\"2\"}]")}}}]},
              {"id":"2","changes":[{"field":"messages","value":{{Value("\"errors\":[{\"code\":1}]")}}}]}]}
            """;

        var updates = WebhookParser.Parse(Encoding.UTF8.GetBytes(body)).Updates;

        Assert.Collection(
            updates,
            update => Assert.IsType<MessageUpdate>(update),
            update => Assert.IsType<StatusUpdate>(update),
            update => Assert.Equal(1, Assert.IsType<ErrorUpdate>(update).Error.Code));
    }

    [Fact]
    public void The_dashboard_test_sample_is_parsed_but_yields_no_updates()
    {
        const string Body = """
            {"object":"whatsapp_business_account","entry":[{"id":"0","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",
            "metadata":{"display_phone_number":"16505551111","phone_number_id":"123456123"},
            "contacts":[{"profile":{"name":"test user name"},"wa_id":"16315551181"}],
            "messages":[{"from":"16315551181","id":"ABGGFlA5Fpa","timestamp":"1504902988","type":"text","text":{"body":"this is a text message"}}]}}]}]}
            """;

        var envelope = WebhookParser.ReadEnvelope(Encoding.UTF8.GetBytes(Body));
        var parsed = WebhookParser.Parse(Encoding.UTF8.GetBytes(Body));

        Assert.True(Assert.Single(envelope.Entries).IsDashboardSample);
        Assert.Single(envelope.Entries[0].Changes[0].Messages!.Messages);
        Assert.True(parsed.IsWhatsApp);
        Assert.Equal(1, parsed.DashboardSampleCount);
        Assert.Empty(parsed.Updates);
    }

    [Theory]
    [InlineData("\"1795419000\"")]
    [InlineData("1795419000")]
    public void Timestamps_may_be_strings_or_numbers(string timestamp)
    {
        var value = $$"""
            "messages":[{"from":"1555","id":"wamid.K","timestamp":{{timestamp}},"type":"text"}]
            """;

        var update = Assert.Single(WebhookParser.Parse(Encoding.UTF8.GetBytes(Envelope(value))).Updates.OfType<MessageUpdate>());

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795419000), update.Message.Timestamp);
        Assert.Null(update.Message.ParseError);
    }

    [Theory]
    [InlineData("-7")]
    [InlineData("99999999999999")]
    public void An_out_of_range_timestamp_is_kept_as_unknown_not_a_crash(string timestamp)
    {
        // Found by scripts/fuzz_parser.sh: the lenient fallback threw JsonException, so the gateway answered 500.
        var message = $$$"""{"from":"1555","id":"wamid.T","timestamp":{{{timestamp}}},"type":"text","text":{"body":"hi"}}""";
        var body = Envelope($"\"messages\":[{message}]").Replace("\"changes\"", $"\"time\":{timestamp},\"changes\"", StringComparison.Ordinal);

        var envelope = WebhookParser.ReadEnvelope(Encoding.UTF8.GetBytes(body));
        var update = Assert.Single(WebhookParser.Parse(Encoding.UTF8.GetBytes(body)).Updates.OfType<MessageUpdate>());

        Assert.Null(envelope.Entries[0].Time);
        Assert.Equal("wamid.T", update.Message.Id);
        Assert.Null(update.Message.Timestamp);
        Assert.NotNull(update.Message.ParseError);
    }

    [Fact]
    public void The_older_customer_changed_number_shape_is_an_identity_change_too()
    {
        const string Value = """ "messages":[{"from":"1555","id":"wamid.L","timestamp":"1795419000","type":"system","system":{"body":"changed","new_wa_id":"1666","type":"customer_changed_number"}}] """;

        var change = Assert.Single(WebhookParser.Parse(Encoding.UTF8.GetBytes(Envelope(Value))).Updates.OfType<ContactIdentityChangeUpdate>());

        Assert.Equal(("1555", "1666", SystemTypes.CustomerChangedNumber), (change.ContactId, change.NewWaId, change.ChangeType));
    }

    [Fact]
    public void A_new_business_scoped_user_id_is_an_identity_change()
    {
        const string Value = """ "messages":[{"from":"1555","from_user_id":"US.1","id":"wamid.M","timestamp":"1795419000","type":"system","system":{"body":"changed","user_id":"US.2","type":"user_changed_user_id"}}] """;

        var change = Assert.Single(WebhookParser.Parse(Encoding.UTF8.GetBytes(Envelope(Value))).Updates.OfType<ContactIdentityChangeUpdate>());

        Assert.Equal(("1555", (string?)null, "US.2"), (change.ContactId, change.NewWaId, change.NewUserId));
    }

    [Fact]
    public void An_ordinary_system_notice_is_not_an_identity_change()
    {
        const string Value = """ "messages":[{"from":"1555","id":"wamid.N","timestamp":"1795419000","type":"system","system":{"body":"security code changed","type":"customer_identity_changed"}}] """;

        var updates = WebhookParser.Parse(Encoding.UTF8.GetBytes(Envelope(Value))).Updates;

        Assert.Single(updates.OfType<MessageUpdate>());
        Assert.Empty(updates.OfType<ContactIdentityChangeUpdate>());
    }

    private static string Value(string arrays) =>
        $$"""{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15557340912","phone_number_id":"{{PhoneNumberId}}"},{{arrays}}}""";

    private static string Envelope(string arrays) =>
        $$"""{"object":"whatsapp_business_account","entry":[{"id":"104857362918475","changes":[{"field":"messages","value":{{Value(arrays)}}}]}]}""";
}
