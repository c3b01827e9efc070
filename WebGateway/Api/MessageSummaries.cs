using System.Text.Json;
using WaApp.Grains.Abstractions.Outbound;

namespace WaApp.WebGateway.Api;

/// <summary>The line a person reads in the conversation for a message sent as Meta's object.</summary>
internal static class MessageSummaries
{
    public static string Of(string type, JsonElement payload)
    {
        var summary = type switch
        {
            "image" or "video" or "document" => String(payload, "caption") ?? String(payload, "filename") ?? $"[{type}]",
            "audio" or "sticker" => $"[{type}]",
            "location" => String(payload, "name") ?? String(payload, "address") ?? "[location]",
            "contacts" => payload.ValueKind == JsonValueKind.Array && payload.GetArrayLength() > 0 && payload[0].TryGetProperty("name", out var name)
                ? $"[contact] {String(name, "formatted_name")}"
                : "[contact]",
            "reaction" => String(payload, "emoji") is { Length: > 0 } emoji ? emoji : "[reaction removed]",
            "interactive" => payload.TryGetProperty("body", out var body) ? String(body, "text") ?? "[interactive]" : "[interactive]",
            "template" => Template(payload),
            _ => $"[{type}]",
        };
        return summary.Length > TextContent.MaxLength ? summary[..TextContent.MaxLength] : summary;
    }

    /// <summary>Like the short form's preview: the template's name and its body values.</summary>
    private static string Template(JsonElement template)
    {
        var values = new List<string>();
        if (template.TryGetProperty("components", out var components) && components.ValueKind == JsonValueKind.Array)
        {
            foreach (var component in components.EnumerateArray())
            {
                if (String(component, "type") == "body" && component.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Array)
                {
                    values.AddRange(parameters.EnumerateArray().Select(Value).OfType<string>());
                }
            }
        }

        var name = String(template, "name");
        return values.Count == 0 ? $"[template {name}]" : $"[template {name}: {string.Join(", ", values)}]";
    }

    private static string? Value(JsonElement parameter) => String(parameter, "type") switch
    {
        "text" => String(parameter, "text"),
        "currency" when parameter.TryGetProperty("currency", out var currency) => String(currency, "fallback_value"),
        "date_time" when parameter.TryGetProperty("date_time", out var dateTime) => String(dateTime, "fallback_value"),
        _ => null,
    };

    private static string? String(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
