using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WaApp.WebGateway.Tests.Api;

/// <summary>Builds Meta-shaped webhook bodies with customer text messages, for tests that need many conversations.</summary>
internal static class TextWebhooks
{
    public sealed record Text(string WaId, string MessageId, string Body, DateTimeOffset SentAt);

    public static byte[] Build(string phoneNumberId, IEnumerable<Text> messages)
    {
        var list = messages.ToList();
        var value = new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["metadata"] = new JsonObject { ["display_phone_number"] = "15550000000", ["phone_number_id"] = phoneNumberId },
            ["contacts"] = new JsonArray([.. list.Select(message => message.WaId).Distinct().Select(waId =>
                (JsonNode)new JsonObject { ["profile"] = new JsonObject { ["name"] = "Customer " + waId }, ["wa_id"] = waId })]),
            ["messages"] = new JsonArray([.. list.Select(message => (JsonNode)new JsonObject
            {
                ["from"] = message.WaId,
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
                ["id"] = "104857362918475",
                ["changes"] = new JsonArray(new JsonObject { ["value"] = value, ["field"] = "messages" }),
            }),
        };
        return Encoding.UTF8.GetBytes(body.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
    }

    public static string NewPhoneNumberId() => "4" + Random.Shared.NextInt64(10_000_000_000_000, 99_999_999_999_999);

    public static string NewWaId() => "1" + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999).ToString(CultureInfo.InvariantCulture);
}
