using System.Security.Cryptography;
using System.Text.Json;
using WaApp.EventSourcing.Storage;
using WaApp.EventSourcing.Streams;
using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.Events;
using WaApp.Grains.Abstractions.Subscriptions;
using WaApp.Grains.Subscriptions;

namespace WaApp.Grains.Tests.Subscriptions;

public sealed class SubscriptionEventMapTests
{
    [Fact]
    public void Every_event_name_a_subscription_may_ask_for_is_delivered_from_some_stored_event()
    {
        var mapped = EventTypeMap<ConversationEvent>.Instance.Names
            .Select(name => SubscriptionEventMap.TypeOf(new RecordedEvent(0, new StoredEvent(name, "{}"), Guid.Empty, DateTimeOffset.UnixEpoch)))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        if (new AccountSource("102290129340398").Read(StoredNotice("message_template_status_update", RejectedTemplate)) is { } template)
        {
            mapped.Add(template.Type);
        }

        Assert.Equal(SubscriptionEventTypes.All.Order(StringComparer.Ordinal), mapped.Order(StringComparer.Ordinal));
    }

    // Meta's message_template_status_update value for a rejection (webhook reference), as the account log stores it.
    private const string RejectedTemplate = """{"event":"REJECTED","message_template_id":1689556908129832,"message_template_name":"order_update","message_template_language":"en_US","reason":"INVALID_FORMAT","message_template_category":"UTILITY"}""";

    [Fact]
    public void A_stored_template_webhook_is_a_template_status_event_of_its_account_and_other_notices_are_none()
    {
        var source = SubscriptionSource.Of("business-account/102290129340398");
        var item = source!.Read(StoredNotice("message_template_status_update", RejectedTemplate));

        Assert.NotNull(item);
        Assert.Equal((SubscriptionEventTypes.TemplateStatus, null, null, "102290129340398"), (item.Type, item.PhoneNumberId, item.ContactId, item.BusinessAccountId));
        var data = JsonDocument.Parse(item.DataJson).RootElement;
        Assert.Equal("1689556908129832", data.GetProperty("templateId").GetString());
        Assert.Equal("order_update", data.GetProperty("name").GetString());
        Assert.Equal("en_US", data.GetProperty("language").GetString());
        Assert.Equal("REJECTED", data.GetProperty("status").GetString());
        Assert.Equal("INVALID_FORMAT", data.GetProperty("reason").GetString());
        Assert.Equal("UTILITY", data.GetProperty("category").GetString());
        Assert.Null(source.Read(StoredNotice("phone_number_quality_update", """{"display_phone_number":"15550783881","event":"FLAGGED","current_limit":"TIER_1K"}""")));
        Assert.Null(SubscriptionSource.Of("contact/16505551234"));
    }

    private static RecordedEvent StoredNotice(string field, string value) => new(
        3,
        EventTypeMap<BusinessAccountEvent>.Instance.Serialize(
            new BusinessNoticeReceived(new BusinessNotice(field, null, DateTimeOffset.UnixEpoch.AddDays(20000), null, null, null, value)),
            new EventSourcedStreamOptions().SerializerOptions),
        Guid.Empty,
        DateTimeOffset.UnixEpoch.AddDays(20000));

    [Fact]
    public void A_delivery_id_is_the_same_for_the_same_event_and_the_signature_covers_time_and_raw_body()
    {
        Assert.Equal(SubscriptionPayload.DeliveryId("sub_1", "conversation/1:2", 3), SubscriptionPayload.DeliveryId("sub_1", "conversation/1:2", 3));
        Assert.NotEqual(SubscriptionPayload.DeliveryId("sub_1", "conversation/1:2", 3), SubscriptionPayload.DeliveryId("sub_1", "conversation/1:2", 4));
        Assert.NotEqual(SubscriptionPayload.DeliveryId("sub_1", "conversation/1:2", 3), SubscriptionPayload.DeliveryId("sub_2", "conversation/1:2", 3));

        var expected = Convert.ToHexStringLower(HMACSHA256.HashData("whsec_test"u8, "1700000000.{\"a\":1}"u8));
        Assert.Equal($"t=1700000000,v1={expected}", SubscriptionPayload.Signature("whsec_test", 1700000000, "{\"a\":1}"u8));
    }
}
