using System.Text.Json;
using System.Text.RegularExpressions;

namespace WaApp.WhatsApp.Templates;

/// <summary>What a template's creation components ask of a send: header kind and variables, body variables, buttons.</summary>
internal sealed partial record TemplateDefinitionShape(
    string? HeaderFormat,
    IReadOnlyList<string> HeaderVariables,
    IReadOnlyList<string> BodyVariables,
    IReadOnlyList<TemplateButtonDefinition> Buttons,
    bool Named)
{
    public static TemplateDefinitionShape Read(string componentsJson, string? parameterFormat)
    {
        string? headerFormat = null;
        IReadOnlyList<string> headerVariables = [];
        IReadOnlyList<string> bodyVariables = [];
        var buttons = new List<TemplateButtonDefinition>();
        using var document = JsonDocument.Parse(componentsJson);
        if (document.RootElement.ValueKind == JsonValueKind.Array)
        {
            foreach (var component in document.RootElement.EnumerateArray().Where(component => component.ValueKind == JsonValueKind.Object))
            {
                switch (Upper(component, "type"))
                {
                    case "HEADER":
                        headerFormat = Upper(component, "format") ?? "TEXT";
                        headerVariables = Variables(String(component, "text"));
                        break;
                    case "BODY":
                        bodyVariables = Variables(String(component, "text"));
                        break;
                    case "BUTTONS" when component.TryGetProperty("buttons", out var list) && list.ValueKind == JsonValueKind.Array:
                        var index = 0;
                        foreach (var button in list.EnumerateArray())
                        {
                            var type = Upper(button, "type") ?? string.Empty;
                            var parameter = type switch
                            {
                                "URL" when Variables(String(button, "url")).Count > 0 => "text",
                                "COPY_CODE" => "coupon_code",
                                "OTP" => "text",
                                _ => null,
                            };
                            buttons.Add(new TemplateButtonDefinition(index++, type, parameter));
                        }

                        break;
                }
            }
        }

        var named = parameterFormat is { } format
            ? string.Equals(format, "NAMED", StringComparison.OrdinalIgnoreCase)
            : bodyVariables.Concat(headerVariables).Any(variable => !variable.All(char.IsAsciiDigit));
        return new TemplateDefinitionShape(headerFormat, headerVariables, bodyVariables, buttons, named);
    }

    /// <summary>Distinct variables in order of first use: <c>1</c>, <c>2</c>, or <c>first_name</c>.</summary>
    public static IReadOnlyList<string> Variables(string? text) =>
        text is null ? [] : [.. VariablePattern().Matches(text).Select(match => match.Groups[1].Value).Distinct(StringComparer.Ordinal)];

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Upper(JsonElement element, string name) => String(element, name)?.ToUpperInvariant();

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_]+)\s*\}\}")]
    private static partial Regex VariablePattern();
}

/// <param name="Parameter">The parameter type a send must give this button (<c>text</c> for a URL suffix or OTP, <c>coupon_code</c>); null: none.</param>
internal sealed record TemplateButtonDefinition(int Index, string Type, string? Parameter);
