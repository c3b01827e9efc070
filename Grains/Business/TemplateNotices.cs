using System.Text.Json;
using WaApp.Grains.Abstractions.Business;

namespace WaApp.Grains.Business;

/// <summary>Reads template facts from <c>message_template_status_update</c> notices (oldest first, as stored).</summary>
public static class TemplateNotices
{
    private const string TemplateField = "message_template_status_update";

    /// <summary>The category of the newest notice about template <paramref name="name"/> in <paramref name="languageCode"/> that names one.</summary>
    public static string? LatestCategory(IReadOnlyList<BusinessNotice> notices, string name, string languageCode)
    {
        ArgumentNullException.ThrowIfNull(notices);
        for (var i = notices.Count - 1; i >= 0; i--)
        {
            var notice = notices[i];
            if (notice.Field == TemplateField && notice.Subject == name
                && Read(notice.RawJson) is { } template && template.Language == languageCode && template.Category is { } category)
            {
                return category;
            }
        }

        return null;
    }

    private static (string? Language, string? Category)? Read(string rawJson)
    {
        try
        {
            using var document = JsonDocument.Parse(rawJson);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object ? (String(root, "message_template_language"), String(root, "message_template_category")) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
