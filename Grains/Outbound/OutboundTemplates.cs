using System.Text.Json;
using WaApp.Grains.Abstractions.Outbound;

namespace WaApp.Grains.Outbound;

/// <summary>The template a send uses, whether given in the short form or as Meta's template object.</summary>
public static class OutboundTemplates
{
    public static (string Name, string LanguageCode)? NameAndLanguage(OutboundContent content) => content switch
    {
        TemplateContent template => (template.Name, template.LanguageCode),
        MessageObjectContent { MessageType: "template" } message => FromJson(message.Json),
        _ => null,
    };

    private static (string Name, string LanguageCode)? FromJson(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return root.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
                && root.TryGetProperty("language", out var language) && language.ValueKind == JsonValueKind.Object
                && language.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
                    ? (name.GetString()!, code.GetString()!)
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
