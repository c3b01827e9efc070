using System.Text.Json.Serialization;

namespace WaApp.WhatsApp.Graph;

/// <summary>Source-generated JSON for the Graph API wire format: snake_case names, nulls left out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(SendMessageRequest))]
[JsonSerializable(typeof(MarkAsReadRequest))]
[JsonSerializable(typeof(SendMessageResponse))]
[JsonSerializable(typeof(SuccessResponse))]
[JsonSerializable(typeof(GraphErrorResponse))]
internal sealed partial class GraphJsonContext : JsonSerializerContext;
