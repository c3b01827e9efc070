using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace WaApp.TestInfrastructure;

/// <summary>
/// The one builder of Meta-shaped webhook bodies for tests (the shape of <c>tests/Fixtures/webhooks/text.json</c>):
/// customer text messages to one business number, in one entry and one <c>messages</c> change.
/// </summary>
public static class WebhookBodies
{
    /// <summary>The WABA id every built body names in its entry.</summary>
    public const string BusinessAccountId = "104857362918475";

    /// <summary>One customer text; <paramref name="ProfileName"/> defaults to "Customer {from}".</summary>
    public sealed record Text(string From, string MessageId, string Body, DateTimeOffset SentAt, string? ProfileName = null);

    /// <summary>A body carrying <paramref name="messages"/> (one contact entry per sender) to <paramref name="phoneNumberId"/>.</summary>
    public static byte[] Texts(string phoneNumberId, IEnumerable<Text> messages, string displayPhoneNumber = "15550000000", string businessAccountId = BusinessAccountId)
    {
        var list = messages.ToList();
        var value = new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["metadata"] = new JsonObject { ["display_phone_number"] = displayPhoneNumber, ["phone_number_id"] = phoneNumberId },
            ["contacts"] = new JsonArray([.. list.DistinctBy(message => message.From).Select(message => (JsonNode)new JsonObject
            {
                ["profile"] = new JsonObject { ["name"] = message.ProfileName ?? "Customer " + message.From },
                ["wa_id"] = message.From,
            })]),
            ["messages"] = new JsonArray([.. list.Select(message => (JsonNode)new JsonObject
            {
                ["from"] = message.From,
                ["id"] = message.MessageId,
                ["timestamp"] = message.SentAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                ["type"] = "text",
                ["text"] = new JsonObject { ["body"] = message.Body },
            })]),
        };
        var body = new JsonObject
        {
            ["object"] = "whatsapp_business_account",
            ["entry"] = new JsonArray(new JsonObject
            {
                ["id"] = businessAccountId,
                ["changes"] = new JsonArray(new JsonObject { ["value"] = value, ["field"] = "messages" }),
            }),
        };
        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }
}
