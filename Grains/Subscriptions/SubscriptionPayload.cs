using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WaApp.EventSourcing.Storage;
using WaApp.Grains.Abstractions.Conversations;

namespace WaApp.Grains.Subscriptions;

/// <summary>The body, delivery id and signature of one delivered event.</summary>
public static class SubscriptionPayload
{
    public const string SignatureHeader = "WaApp-Signature";
    public const string DeliveryIdHeader = "WaApp-Delivery-Id";
    private const string StreamPrefix = "conversation/";

    /// <summary>
    /// The same for every attempt and every re-delivery of one event to one subscription, so receivers can dedupe:
    /// derived from (subscription, conversation stream, version), never random.
    /// </summary>
    public static string DeliveryId(string subscriptionId, string streamId, int version) =>
        "dlv_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{subscriptionId}\n{streamId}\n{version}")))[..32];

    /// <summary>The conversation a stream holds, or null for a stream that is not a conversation's.</summary>
    public static ConversationKey? ConversationOf(string streamId) =>
        streamId.StartsWith(StreamPrefix, StringComparison.Ordinal) && ConversationKey.TryParse(streamId[StreamPrefix.Length..], out var key) ? key : null;

    public static string StreamOf(ConversationKey key) => StreamPrefix + key;

    /// <summary>The JSON body; <c>data</c> is the event as it is stored in the log.</summary>
    public static byte[] Build(string deliveryId, string type, string tenantId, ConversationKey conversation, RecordedEvent recorded)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", deliveryId);
            writer.WriteString("type", type);
            writer.WriteString("createdAt", recorded.CommittedAt);
            writer.WriteString("tenantId", tenantId);
            writer.WriteString("phoneNumberId", conversation.PhoneNumberId);
            writer.WriteString("contactId", conversation.ContactId);
            writer.WriteNumber("conversationVersion", recorded.Version);
            writer.WritePropertyName("data");
            writer.WriteRawValue(recorded.Event.Json);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary><c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "&lt;t&gt;.&lt;raw body&gt;")&gt;</c>, as Stripe signs its webhooks.</summary>
    public static string Signature(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{unixSeconds}.");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return $"t={unixSeconds},v1={Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed))}";
    }
}
