using System.Text.Json;
using System.Text.Json.Serialization;

namespace WaApp.WhatsApp.Webhooks;

/// <summary>An error as Meta reports it at value, message or status level (the shape is the same everywhere).</summary>
public sealed record WebhookError
{
    public int? Code { get; init; }

    public string? Title { get; init; }

    public string? Message { get; init; }

    public WebhookErrorData? ErrorData { get; init; }

    public string? Href { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

public sealed record WebhookErrorData
{
    public string? Details { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
