using System.Text.Json;

namespace WaApp.Grains.Templates;

/// <summary>Reads what the catalog keeps from Meta's edit body until the next sync lists the edited template.</summary>
internal static class TemplateEditBody
{
    /// <returns>The new category and components; null for what the edit leaves as it was.</returns>
    public static (string? Category, string? ComponentsJson) Read(string editJson)
    {
        using var document = JsonDocument.Parse(editJson);
        var root = document.RootElement;
        var components = root.TryGetProperty("components", out var value) && value.ValueKind == JsonValueKind.Array ? value.GetRawText() : null;
        var category = root.TryGetProperty("category", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString()?.ToUpperInvariant() : null;
        return (category, components);
    }
}
