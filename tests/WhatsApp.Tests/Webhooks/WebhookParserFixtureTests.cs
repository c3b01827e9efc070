using System.Text.Json;
using WaApp.TestInfrastructure;
using WaApp.WhatsApp.Webhooks;

namespace WaApp.WhatsApp.Tests.Webhooks;

/// <summary>Each shared fixture parses to the content a user of the inbox would expect to see.</summary>
public sealed class WebhookParserFixtureTests
{
    private const string BusinessA = "117283940561728";
    private const string BusinessB = "128374659102837";
    private const string Waba = "104857362918475";

    public static TheoryData<string> FixtureNames => [.. WebhookFixtures.Names];

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void Every_fixture_yields_updates_whose_raw_json_is_text_of_the_body(string name)
    {
        var body = WebhookFixtures.Read(name);
        var text = System.Text.Encoding.UTF8.GetString(body);

        var updates = WebhookParser.Parse(body).Updates;

        Assert.NotEmpty(updates);
        Assert.DoesNotContain(updates, update => update is UnroutableUpdate);
        Assert.All(updates, update => Assert.Contains(update.RawJson, text, StringComparison.Ordinal));
        Assert.All(updates.OfType<MessageUpdate>(), update => Assert.Null(update.Message.ParseError));
        Assert.All(updates.OfType<StatusUpdate>(), update => Assert.Null(update.Status.ParseError));
    }

    [Fact]
    public void Text_message_carries_body_sender_name_and_time()
    {
        var (update, message) = SingleMessage("text.json");

        Assert.Equal(new ConversationRoute(BusinessA, "14155550123"), update.Conversation);
        Assert.Equal($"{BusinessA}:14155550123", update.Conversation.ToString());
        Assert.Equal(Waba, update.Source.BusinessAccountId);
        Assert.Equal("15557340912", update.Source.DisplayPhoneNumber);
        Assert.Equal(MessageKind.Text, message.Kind);
        Assert.Equal("wamid.HBgLMTQxNTU1NTAxMjMVAgASGBQzQTAwNTJBMzhCOEREMjc3QkRFRgA=", message.Id);
        Assert.Equal("Hi! Is my order #4417 shipped yet?", message.Text?.Body);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795419000), message.Timestamp);
        Assert.Equal("Ana Ruiz", update.Contact?.Profile?.Name);
        var contact = Assert.Single(Parse("text.json").OfType<ContactUpdate>());
        Assert.Equal("14155550123", contact.ContactId);
        Assert.Equal("Ana Ruiz", contact.Contact.Profile?.Name);
    }

    [Fact]
    public void Image_keeps_media_id_hash_url_and_emoji_caption()
    {
        var image = SingleMessage("image.json").Message.Image;

        Assert.NotNull(image);
        Assert.Equal("1096564409884188", image.Id);
        Assert.Equal("image/jpeg", image.MimeType);
        Assert.Equal("/eEBk4ghu83vgjQpWhseEneGLe6XXM+FakcADVQF9Lo=", image.Sha256);
        Assert.Equal("A caixa chegou amassada 😞", image.Caption);
        Assert.StartsWith("https://lookaside.fbsbx.com/", image.Url, StringComparison.Ordinal);
    }

    [Fact]
    public void Voice_note_and_audio_file_are_told_apart()
    {
        var voice = SingleMessage("audio-voice.json").Message;
        var file = SingleMessage("audio.json").Message;

        Assert.Equal(MessageKind.Audio, voice.Kind);
        Assert.True(voice.Audio?.Voice);
        Assert.Equal("audio/ogg; codecs=opus", voice.Audio?.MimeType);
        Assert.Null(voice.Audio?.Url);
        Assert.False(file.Audio?.Voice);
        Assert.Equal("audio/mpeg", file.Audio?.MimeType);
        Assert.NotNull(file.Audio?.Url);
    }

    [Fact]
    public void Video_and_document_keep_caption_and_filename()
    {
        var video = SingleMessage("video.json").Message.Video;
        var document = SingleMessage("document.json").Message.Document;

        Assert.Equal("So sieht das Gerät nach dem Einschalten aus", video?.Caption);
        Assert.Equal("video/mp4", video?.MimeType);
        Assert.Equal("return-form-4417.pdf", document?.Filename);
        Assert.Equal("Signed return form", document?.Caption);
        Assert.Equal("application/pdf", document?.MimeType);
        Assert.Equal("2421421409451203", document?.Id);
    }

    [Fact]
    public void Stickers_say_whether_they_are_animated()
    {
        var still = SingleMessage("sticker.json").Message.Sticker;
        var animated = SingleMessage("sticker-animated.json").Message.Sticker;

        Assert.False(still?.Animated);
        Assert.Equal("image/webp", still?.MimeType);
        Assert.Null(still?.Url);
        Assert.True(animated?.Animated);
        Assert.NotNull(animated?.Url);
    }

    [Fact]
    public void Location_has_coordinates_name_and_address()
    {
        var location = SingleMessage("location.json").Message.Location;

        Assert.Equal(12.9715987, location?.Latitude);
        Assert.Equal(77.5945627, location?.Longitude);
        Assert.Equal("Cubbon Park", location?.Name);
        Assert.Equal("Kasturba Road, Bengaluru, Karnataka 560001", location?.Address);
        Assert.Equal("https://maps.google.com/?cid=1234567890123456789", location?.Url);
    }

    [Fact]
    public void Shared_contact_card_is_complete()
    {
        var message = SingleMessage("contacts.json").Message;

        Assert.Equal(MessageKind.Contacts, message.Kind);
        var card = Assert.Single(message.Contacts!);
        Assert.Equal("Amelia Clarke", card.Name?.FormattedName);
        Assert.Equal("Clarke", card.Name?.LastName);
        Assert.Equal("1990-04-12", card.Birthday);
        Assert.Equal("Clarke & Co", card.Org?.Company);
        Assert.Equal("amelia.clarke@example.co.uk", Assert.Single(card.Emails!).Email);
        Assert.Equal("GB", Assert.Single(card.Addresses!).CountryCode);
        Assert.Equal("https://clarke.example.co.uk", Assert.Single(card.Urls!).Url);
        Assert.Collection(
            card.Phones!,
            phone => Assert.Equal(("+44 7700 900456", "447700900456", "CELL"), (phone.Phone, phone.WaId, phone.Type)),
            phone => Assert.Equal(("+44 20 7946 0018", (string?)null, "WORK"), (phone.Phone, phone.WaId, phone.Type)));
    }

    [Fact]
    public void Button_reply_names_the_chosen_button_and_the_message_it_answers()
    {
        var message = SingleMessage("interactive-button-reply.json").Message;

        Assert.Equal(MessageKind.Interactive, message.Kind);
        Assert.Equal("button_reply", message.Interactive?.Type);
        Assert.Equal("reschedule_yes", message.Interactive?.ButtonReply?.Id);
        Assert.Equal("Reschedule", message.Interactive?.ButtonReply?.Title);
        Assert.Equal("wamid.HBgLMTQxNTU1NTAxMjMVAgARGBIwQUU3MUM1RjM5RTE5MTA5NTIA", message.Context?.Id);
        Assert.Equal("15557340912", message.Context?.From);
    }

    [Fact]
    public void List_reply_keeps_its_description()
    {
        var reply = SingleMessage("interactive-list-reply.json").Message.Interactive;

        Assert.Equal("list_reply", reply?.Type);
        Assert.Equal("ship_express", reply?.ListReply?.Id);
        Assert.Equal("Entrega expressa", reply?.ListReply?.Title);
        Assert.Equal("1 a 2 dias úteis", reply?.ListReply?.Description);
    }

    [Fact]
    public void Flow_answers_are_decoded_from_their_json_string()
    {
        var flow = SingleMessage("interactive-nfm-reply.json").Message.Interactive?.NfmReply;

        Assert.Equal("flow", flow?.Name);
        Assert.Equal("Sent", flow?.Body);
        Assert.NotNull(flow?.Response);
        Assert.Equal("flt_9c1e7d2a-4417", flow.Response.Value.GetProperty("flow_token").GetString());
        Assert.Equal("Fast delivery, thanks", flow.Response.Value.GetProperty("comment").GetString());
    }

    [Fact]
    public void Template_quick_reply_keeps_payload_and_label()
    {
        var message = SingleMessage("button.json").Message;

        Assert.Equal(MessageKind.Button, message.Kind);
        Assert.Equal("STOP_PROMOTIONS", message.Button?.Payload);
        Assert.Equal("Stop promotions", message.Button?.Text);
        Assert.Equal("wamid.HBgLMTQxNTU1NTAxMjMVAgARGBI3OERBN0JCOEEwQUVDRTNFNDcA", message.Context?.Id);
    }

    [Fact]
    public void Reaction_and_its_removal_target_the_business_message()
    {
        var added = SingleMessage("reaction.json").Message;
        var removed = SingleMessage("reaction-removed.json").Message;
        const string Target = "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABEYEkRFNkUxNjlGMjMzQzVBRTZFOQA=";

        Assert.Equal(MessageKind.Reaction, added.Kind);
        Assert.Equal("👍", added.Reaction?.Emoji);
        Assert.False(added.Reaction?.IsRemoval);
        Assert.Equal(Target, added.Reaction?.MessageId);
        Assert.True(removed.Reaction?.IsRemoval);
        Assert.Equal(Target, removed.Reaction?.MessageId);
    }

    [Fact]
    public void Order_lists_items_with_quantities_and_prices()
    {
        var order = SingleMessage("order.json").Message.Order;

        Assert.Equal("194836987003835", order?.CatalogId);
        Assert.Equal("Lo necesito antes del viernes, por favor", order?.Text);
        Assert.Collection(
            order!.ProductItems!,
            item => Assert.Equal(("SKU-BOOT-42-BLK", 1m, 89.9m, "EUR"), (item.ProductRetailerId, item.Quantity, item.ItemPrice, item.Currency)),
            item => Assert.Equal(("SKU-SOCK-3PK", 2m, 9.5m, "EUR"), (item.ProductRetailerId, item.Quantity, item.ItemPrice, item.Currency)));
    }

    [Fact]
    public void Number_change_is_a_system_message_and_an_identity_change_without_contacts()
    {
        var updates = Parse("system-user-changed-number.json");

        var message = Assert.Single(updates.OfType<MessageUpdate>());
        Assert.Equal(new ConversationRoute(BusinessA, "14155550123"), message.Conversation);
        Assert.Null(message.Contact);
        Assert.Equal(MessageKind.System, message.Message.Kind);
        Assert.Equal(SystemTypes.UserChangedNumber, message.Message.System?.Type);
        var change = Assert.Single(updates.OfType<ContactIdentityChangeUpdate>());
        Assert.Equal("14155550123", change.ContactId);
        Assert.Equal("14155550199", change.NewWaId);
        Assert.Equal(SystemTypes.UserChangedNumber, change.ChangeType);
        Assert.Empty(updates.OfType<ContactUpdate>());
    }

    [Fact]
    public void Unsupported_message_keeps_what_it_was_and_its_error()
    {
        var message = SingleMessage("unsupported.json").Message;

        Assert.Equal(MessageKind.Unsupported, message.Kind);
        Assert.Equal("poll_creation", message.Unsupported?.Type);
        var error = Assert.Single(message.Errors!);
        Assert.Equal(131051, error.Code);
        Assert.Equal("Message type is currently not supported.", error.ErrorData?.Details);
    }

    [Fact]
    public void Reply_forward_and_referral_context_are_kept()
    {
        Assert.Equal("wamid.HBgLMTQxNTU1NTAxMjMVAgARGBIwQUU3MUM1RjM5RTE5MTA5NTIA", SingleMessage("text-reply-context.json").Message.Context?.Id);
        Assert.True(SingleMessage("text-forwarded.json").Message.Context?.Forwarded);
        var frequently = SingleMessage("text-frequently-forwarded.json").Message;
        Assert.True(frequently.Context?.FrequentlyForwarded);
        Assert.Equal("¡Reenvía esto a 10 amigos para ganar un premio!", frequently.Text?.Body);

        var referral = SingleMessage("text-referral-ctwa.json").Message.Referral;
        Assert.Equal("ad", referral?.SourceType);
        Assert.Equal("120229384756102938", referral?.SourceId);
        Assert.Equal("image", referral?.MediaType);
        Assert.Equal("Chat with us", referral?.Headline);
        Assert.StartsWith("ARAkLkA8", referral?.CtwaClid, StringComparison.Ordinal);
        Assert.Equal("Hi! How can we help you today?", referral?.WelcomeMessage?.Text);
    }

    [Fact]
    public void Bsuid_is_kept_while_the_wa_id_stays_the_conversation_key()
    {
        var (update, message) = SingleMessage("text-bsuid.json");

        Assert.Equal("14155550123", update.Conversation.ContactId);
        Assert.Equal("US.8472019364518203947", message.FromUserId);
        Assert.Equal("US.8472019364518203947", update.Contact?.UserId);
    }

    [Fact]
    public void Message_without_contacts_is_still_routed()
    {
        var (update, message) = SingleMessage("no-contacts.json");

        Assert.Equal(new ConversationRoute(BusinessA, "919812345678"), update.Conversation);
        Assert.Null(update.Contact);
        Assert.Equal("Hello? Anyone there?", message.Text?.Body);
    }

    [Fact]
    public void Batch_routes_every_message_to_its_own_user_and_number_in_body_order()
    {
        var messages = Parse("batch-multi-user.json").OfType<MessageUpdate>().ToList();

        Assert.Equal(
            [
                $"{BusinessA}:14155550123", $"{BusinessA}:5511987654321", $"{BusinessA}:14155550123",
                $"{BusinessB}:447911123456", $"{BusinessB}:919812345678",
            ],
            messages.Select(update => update.Conversation.ToString()));

        // Contacts are listed Priya then Oliver while messages come Oliver then Priya: matched by wa_id.
        Assert.Equal(["Ana Ruiz", "João Pereira", "Ana Ruiz", "Oliver Bennett", "Priya Sharma"], messages.Select(update => update.Contact?.Profile?.Name));
        Assert.Equal("109384756201938", messages[3].Source.BusinessAccountId);
        Assert.Equal(51.5072178, messages[4].Message.Location?.Latitude);
        Assert.Equal(-0.1275862, messages[4].Message.Location?.Longitude);
        Assert.Null(messages[1].Message.Image?.Url);
        Assert.Null(messages[1].Message.Image?.Caption);
        Assert.Equal(4, Parse("batch-multi-user.json").OfType<ContactUpdate>().Count());
    }

    [Fact]
    public void Sent_status_keeps_conversation_pricing_and_callback_data()
    {
        var update = Assert.Single(Parse("status-sent.json").OfType<StatusUpdate>());
        var status = update.Status;

        Assert.Equal(new ConversationRoute(BusinessA, "14155550123"), update.Conversation);
        Assert.Equal(StatusKind.Sent, status.Kind);
        Assert.Equal("wamid.HBgLMTQxNTU1NTAxMjMVAgARGBJGMzY0RUUzOEFDMTRCMDMxNTAA", status.Id);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795419700), status.Timestamp);
        Assert.Equal("order:4417;step:shipping_notice", status.BizOpaqueCallbackData);
        Assert.Equal("72e58f748ed06827bc8ba730d52a629e", status.Conversation?.Id);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795506100), status.Conversation?.ExpirationTimestamp);
        Assert.Equal("utility", status.Conversation?.Origin?.Type);
        Assert.Equal(("PMP", "regular", "utility", (bool?)true), (status.Pricing?.PricingModel, status.Pricing?.Type, status.Pricing?.Category, status.Pricing?.Billable));
    }

    [Theory]
    [InlineData("status-delivered.json", StatusKind.Delivered, 1795419703)]
    [InlineData("status-read.json", StatusKind.Read, 1795419780)]
    [InlineData("status-played.json", StatusKind.Played, 1795419820)]
    public void Later_statuses_keep_their_own_time(string name, StatusKind kind, long seconds)
    {
        var status = Assert.Single(Parse(name).OfType<StatusUpdate>()).Status;

        Assert.Equal(kind, status.Kind);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(seconds), status.Timestamp);
        Assert.Null(status.Conversation);
    }

    [Fact]
    public void Failed_status_keeps_its_errors()
    {
        var update = Assert.Single(Parse("status-failed.json").OfType<StatusUpdate>());

        Assert.Equal(StatusKind.Failed, update.Status.Kind);
        Assert.Equal("4915112345678", update.Conversation.ContactId);
        var error = Assert.Single(update.Status.Errors!);
        Assert.Equal(131047, error.Code);
        Assert.Equal("Re-engagement message", error.Title);
        Assert.Null(update.Status.Pricing);
    }

    [Fact]
    public void Status_batch_yields_every_status_in_order()
    {
        var statuses = Parse("status-batch.json").OfType<StatusUpdate>().ToList();

        Assert.Equal(
            [StatusKind.Sent, StatusKind.Delivered, StatusKind.Delivered, StatusKind.Read, StatusKind.Failed, StatusKind.Read],
            statuses.Select(update => update.Status.Kind));
        Assert.Equal(4, statuses.Select(update => update.Status.Id).Distinct().Count());
        Assert.Equal("free_customer_service", statuses[1].Status.Pricing?.Type);
        Assert.Equal(131026, Assert.Single(statuses[4].Status.Errors!).Code);
        Assert.Equal("5511912345678", statuses[4].Conversation.ContactId);
    }

    [Fact]
    public void Value_level_error_is_its_own_update()
    {
        var update = Assert.Single(Parse("errors-system.json"));

        var error = Assert.IsType<ErrorUpdate>(update);
        Assert.Equal(BusinessA, error.Source.PhoneNumberId);
        Assert.Equal(130429, error.Error.Code);
        Assert.Equal("Rate limit hit", error.Error.Message);
        Assert.Equal("/documentation/business-messaging/whatsapp/support/error-codes", error.Error.Href);
    }

    [Fact]
    public void Template_status_updates_are_business_updates_with_typed_values()
    {
        var approved = Assert.IsType<BusinessFieldUpdate>(Assert.Single(Parse("template-status-update.json")));
        var rejected = Assert.IsType<BusinessFieldUpdate>(Assert.Single(Parse("template-status-rejected.json")));

        Assert.Equal(WebhookFields.MessageTemplateStatusUpdate, approved.Source.Field);
        Assert.Equal(Waba, approved.Source.BusinessAccountId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795420200), approved.Time);
        var template = Assert.IsType<TemplateStatusEvent>(approved.Value);
        Assert.Equal("APPROVED", template.Event);
        Assert.Equal("1948372615098234", template.MessageTemplateId);
        Assert.Equal("order_shipped_v2", template.MessageTemplateName);
        Assert.Equal("en_US", template.MessageTemplateLanguage);
        Assert.Equal("UTILITY", template.MessageTemplateCategory);

        var rejection = Assert.IsType<TemplateStatusEvent>(rejected.Value);
        Assert.Equal(("REJECTED", "INVALID_FORMAT"), (rejection.Event, rejection.Reason));
        Assert.StartsWith("Two variables", rejection.RejectionInfo?.Reason, StringComparison.Ordinal);
        Assert.StartsWith("Add descriptive", rejection.RejectionInfo?.Recommendation, StringComparison.Ordinal);
    }

    [Fact]
    public void Quality_and_account_updates_are_business_updates_with_typed_values()
    {
        var quality = Assert.IsType<BusinessFieldUpdate>(Assert.Single(Parse("phone-number-quality-update.json")));
        var account = Assert.IsType<BusinessFieldUpdate>(Assert.Single(Parse("account-update.json")));

        var qualityEvent = Assert.IsType<PhoneNumberQualityEvent>(quality.Value);
        Assert.Equal("THROUGHPUT_UPGRADE", qualityEvent.Event);
        Assert.Equal("TIER_UNLIMITED", qualityEvent.MaxDailyConversationsPerBusiness);
        Assert.Equal("15557340912", quality.Source.DisplayPhoneNumber);

        var accountEvent = Assert.IsType<AccountEvent>(account.Value);
        Assert.Equal("ACCOUNT_RESTRICTION", accountEvent.Event);
        var restriction = Assert.Single(accountEvent.RestrictionInfo!);
        Assert.Equal("RESTRICTED_BIZ_INITIATED_MESSAGING", restriction.RestrictionType);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1796025150), restriction.Expiration);
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(account.RawJson).RootElement.ValueKind);
    }

    [Fact]
    public void Marketing_opt_out_reaches_the_conversation()
    {
        var updates = Parse("user-preferences-stop.json");

        var preference = Assert.Single(updates.OfType<UserPreferenceUpdate>());
        Assert.Equal(new ConversationRoute(BusinessA, "34612345678"), preference.Conversation);
        Assert.Equal(("marketing_messages", "stop"), (preference.Preference.Category, preference.Preference.Value));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795420400), preference.Preference.Timestamp);
        var contact = Assert.Single(updates.OfType<ContactUpdate>());
        Assert.Null(contact.Contact.Profile);
    }

    private static IReadOnlyList<WebhookUpdate> Parse(string name) => WebhookParser.Parse(WebhookFixtures.Read(name)).Updates;

    private static (MessageUpdate Update, WebhookMessage Message) SingleMessage(string name)
    {
        var update = Assert.Single(Parse(name).OfType<MessageUpdate>());
        return (update, update.Message);
    }
}
