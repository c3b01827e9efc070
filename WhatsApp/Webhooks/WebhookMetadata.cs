using System.Text.Json;
using System.Text.Json.Serialization;

namespace WaApp.WhatsApp.Webhooks;

/// <summary>Which business number received or sent: <c>phone_number_id</c> is the routing key.</summary>
public sealed record WebhookMetadata
{
    public string? DisplayPhoneNumber { get; init; }

    public string? PhoneNumberId { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
