using System.Text.Json;
using System.Text.RegularExpressions;

namespace WaApp.WhatsApp.Templates;

/// <summary>
/// What a template's creation components ask of a send: header kind and variables, body variables, buttons, the
/// cards of a media card carousel and the limited-time offer.
/// </summary>
/// <param name="Cards">A carousel's cards in order; empty for other templates. Meta sends exactly this many.</param>
/// <param name="Offer">The <c>LIMITED_TIME_OFFER</c> component; null when the template has none.</param>
internal sealed partial record TemplateDefinitionShape(
    string? HeaderFormat,
    IReadOnlyList<string> HeaderVariables,
    IReadOnlyList<string> BodyVariables,
    IReadOnlyList<TemplateButtonDefinition> Buttons,
    bool Named,
    IReadOnlyList<TemplateCardDefinition> Cards,
    TemplateOfferDefinition? Offer)
{
    public static TemplateDefinitionShape Read(string componentsJson, string? parameterFormat)
    {
        using var document = JsonDocument.Parse(componentsJson);
        var root = document.RootElement;
        var top = ReadCard(root);
        var cards = new List<TemplateCardDefinition>();
        TemplateOfferDefinition? offer = null;
        foreach (var component in Objects(root))
        {
            switch (Upper(component, "type"))
            {
                case "CAROUSEL" when component.TryGetProperty("cards", out var list) && list.ValueKind == JsonValueKind.Array:
                    cards.AddRange(Objects(list).Select(card => card.TryGetProperty("components", out var parts) ? ReadCard(parts) : ReadCard(default)));
                    break;
                case "LIMITED_TIME_OFFER":
                    // Meta shows the expiry (and a countdown) only when has_expiration is true; then a send must give it.
                    var hasExpiration = component.TryGetProperty("limited_time_offer", out var details) && details.ValueKind == JsonValueKind.Object
                        && details.TryGetProperty("has_expiration", out var flag) && flag.ValueKind == JsonValueKind.True;
                    offer = new TemplateOfferDefinition(hasExpiration);
                    break;
            }
        }

        var named = parameterFormat is { } format
            ? string.Equals(format, "NAMED", StringComparison.OrdinalIgnoreCase)
            : top.BodyVariables.Concat(top.HeaderVariables).Any(variable => !variable.All(char.IsAsciiDigit));
        return new TemplateDefinitionShape(top.HeaderFormat, top.HeaderVariables, top.BodyVariables, top.Buttons, named, cards, offer);
    }

    /// <summary>Distinct variables in order of first use: <c>1</c>, <c>2</c>, or <c>first_name</c>.</summary>
    public static IReadOnlyList<string> Variables(string? text) =>
        text is null ? [] : [.. VariablePattern().Matches(text).Select(match => match.Groups[1].Value).Distinct(StringComparer.Ordinal)];

    /// <summary>The HEADER, BODY and BUTTONS of a component list: the template's own, or one carousel card's.</summary>
    private static TemplateCardDefinition ReadCard(JsonElement components)
    {
        string? headerFormat = null;
        IReadOnlyList<string> headerVariables = [];
        IReadOnlyList<string> bodyVariables = [];
        var buttons = new List<TemplateButtonDefinition>();
        foreach (var component in Objects(components))
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

        return new TemplateCardDefinition(headerFormat, headerVariables, bodyVariables, buttons);
    }

    private static IEnumerable<JsonElement> Objects(JsonElement array) =>
        array.ValueKind == JsonValueKind.Array ? array.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.Object) : [];

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Upper(JsonElement element, string name) => String(element, name)?.ToUpperInvariant();

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_]+)\s*\}\}")]
    private static partial Regex VariablePattern();
}

/// <param name="Parameter">The parameter type a send must give this button (<c>text</c> for a URL suffix or OTP, <c>coupon_code</c>); null: none.</param>
internal sealed record TemplateButtonDefinition(int Index, string Type, string? Parameter);

/// <summary>One carousel card's definition (or, read from the top level, the template's own header, body and buttons).</summary>
/// <param name="HeaderFormat">A card's is <c>IMAGE</c> or <c>VIDEO</c>.</param>
internal sealed record TemplateCardDefinition(
    string? HeaderFormat,
    IReadOnlyList<string> HeaderVariables,
    IReadOnlyList<string> BodyVariables,
    IReadOnlyList<TemplateButtonDefinition> Buttons);

/// <param name="HasExpiration">The offer shows its expiry, so a send gives <c>expiration_time_ms</c>.</param>
internal sealed record TemplateOfferDefinition(bool HasExpiration);
