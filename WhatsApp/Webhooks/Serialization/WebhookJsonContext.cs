using System.Text.Json.Serialization;

namespace WaApp.WhatsApp.Webhooks.Serialization;

/// <summary>Source-generated System.Text.Json metadata for the webhook model (snake_case like Meta's wire format).</summary>
/// <remarks>
/// The <c>[JsonExtensionData] Unknown</c> dictionaries are settable rather than init-only: the source generator binds
/// init-only properties like constructor parameters, which extension data cannot be.
/// </remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WebhookMetadata))]
[JsonSerializable(typeof(WebhookContact))]
[JsonSerializable(typeof(WebhookMessage))]
[JsonSerializable(typeof(WebhookStatus))]
[JsonSerializable(typeof(WebhookError))]
[JsonSerializable(typeof(WebhookUserPreference))]
[JsonSerializable(typeof(TemplateStatusEvent))]
[JsonSerializable(typeof(PhoneNumberQualityEvent))]
[JsonSerializable(typeof(AccountEvent))]
[JsonSerializable(typeof(WebhookCall))]
[JsonSerializable(typeof(WebhookGroupEvent))]
[JsonSerializable(typeof(WebhookStateSync))]
public sealed partial class WebhookJsonContext : JsonSerializerContext;
