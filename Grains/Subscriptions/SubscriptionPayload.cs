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

    // The business account grain's stream kind: its log holds the account's template webhooks.
    private const string AccountStreamPrefix = "business-account/";

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

    /// <summary>The business account (WABA id) whose log a stream is, or null for a stream that is not an account's.</summary>
    public static string? AccountOf(string streamId) =>
        streamId.StartsWith(AccountStreamPrefix, StringComparison.Ordinal) && streamId.Length > AccountStreamPrefix.Length ? streamId[AccountStreamPrefix.Length..] : null;

    public static string StreamOfAccount(string businessAccountId) => AccountStreamPrefix + businessAccountId;

    /// <summary>
    /// The JSON body. <c>data</c> is a conversation event as it is stored in the log, or a template event's facts;
    /// <c>conversationVersion</c> is the event's version in its log (a conversation's or the business account's).
    /// </summary>
    public static byte[] Build(string deliveryId, string tenantId, SubscriptionEvent item, RecordedEvent recorded)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", deliveryId);
            writer.WriteString("type", item.Type);
            writer.WriteString("createdAt", recorded.CommittedAt);
            writer.WriteString("tenantId", tenantId);
            WriteOptional(writer, "phoneNumberId", item.PhoneNumberId);
            WriteOptional(writer, "contactId", item.ContactId);
            writer.WriteNumber("conversationVersion", recorded.Version);
            writer.WritePropertyName("data");
            writer.WriteRawValue(item.DataJson);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Writes <paramref name="value"/>, or null when there is none (the field is always present).</summary>
    internal static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
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
