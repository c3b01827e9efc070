using System.Text;
using System.Text.Json.Nodes;

namespace WaApp.EndToEnd.LiveFeed;

/// <summary>One webhook body carrying many text messages (from several customers) to the shared test number.</summary>
internal static class BatchWebhooks
{
    public static byte[] Texts(IEnumerable<(string Contact, string MessageId, string Text)> messages)
    {
        var list = messages.ToList();
        var value = new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["metadata"] = new JsonObject { ["display_phone_number"] = "15557340912", ["phone_number_id"] = UniqueWebhooks.PhoneNumberId },
            ["contacts"] = new JsonArray([.. list.Select(m => m.Contact).Distinct().Select(contact =>
                (JsonNode)new JsonObject { ["profile"] = new JsonObject { ["name"] = "Load Test" }, ["wa_id"] = contact })]),
            ["messages"] = new JsonArray([.. list.Select(m => (JsonNode)new JsonObject
            {
                ["from"] = m.Contact,
                ["id"] = m.MessageId,
                ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["type"] = "text",
                ["text"] = new JsonObject { ["body"] = m.Text },
            })]),
        };
        var body = new JsonObject
        {
            ["object"] = "whatsapp_business_account",
            ["entry"] = new JsonArray(new JsonObject
            {
                ["id"] = "104857362918475",
                ["changes"] = new JsonArray(new JsonObject { ["value"] = value, ["field"] = "messages" }),
            }),
        };
        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }
}
