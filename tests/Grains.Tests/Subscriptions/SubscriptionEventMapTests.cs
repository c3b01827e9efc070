using System.Security.Cryptography;
using WaApp.EventSourcing.Storage;
using WaApp.EventSourcing.Streams;
using WaApp.Grains.Abstractions.Events;
using WaApp.Grains.Abstractions.Subscriptions;
using WaApp.Grains.Subscriptions;

namespace WaApp.Grains.Tests.Subscriptions;

public sealed class SubscriptionEventMapTests
{
    [Fact]
    public void Every_event_name_a_subscription_may_ask_for_is_delivered_from_some_stored_conversation_event()
    {
        var mapped = EventTypeMap<ConversationEvent>.Instance.Names
            .Select(name => SubscriptionEventMap.TypeOf(new RecordedEvent(0, new StoredEvent(name, "{}"), Guid.Empty, DateTimeOffset.UnixEpoch)))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        Assert.Equal(SubscriptionEventTypes.All.Order(StringComparer.Ordinal), mapped.Order(StringComparer.Ordinal));
    }

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
