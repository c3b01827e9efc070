using System.Text.Json;

namespace WaApp.Grains.Templates;

/// <summary>Reads what the catalog keeps from Meta's creation body until the next sync lists the template.</summary>
internal static class TemplateCreationBody
{
    public static (string Name, string Language, string? Category, string? ParameterFormat, string? ComponentsJson) Read(string creationJson)
    {
        using var document = JsonDocument.Parse(creationJson);
        var root = document.RootElement;
        var components = root.TryGetProperty("components", out var value) && value.ValueKind == JsonValueKind.Array ? value.GetRawText() : null;
        return (String(root, "name") ?? string.Empty, String(root, "language") ?? string.Empty, String(root, "category")?.ToUpperInvariant(), String(root, "parameter_format")?.ToUpperInvariant(), components);
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
