using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace WaApp.CloudApiSimulator.Templates;

/// <summary>
/// What a send must supply for a template: read from its creation components (HEADER, BODY, BUTTONS, a carousel's
/// CARDS, LIMITED_TIME_OFFER).
/// </summary>
/// <param name="Cards">A media card carousel's cards (each read as a shape of its own); empty otherwise.</param>
/// <param name="OfferHasExpiration">Null: no limited-time offer; true: it shows its expiry, so a send gives one.</param>
public sealed partial record TemplateShape(
    string? HeaderFormat,
    IReadOnlyList<string> HeaderVariables,
    IReadOnlyList<string> BodyVariables,
    IReadOnlyList<TemplateButtonShape> Buttons,
    IReadOnlyList<TemplateShape> Cards,
    bool? OfferHasExpiration)
{
    public static TemplateShape Read(JsonArray components)
    {
        var cards = new List<TemplateShape>();
        bool? offer = null;
        string? headerFormat = null;
        IReadOnlyList<string> headerVariables = [];
        IReadOnlyList<string> bodyVariables = [];
        var buttons = new List<TemplateButtonShape>();
        foreach (var component in components.OfType<JsonObject>())
        {
            switch (Upper(component, "type"))
            {
                case "HEADER":
                    headerFormat = Upper(component, "format") ?? "TEXT";
                    headerVariables = Variables(Text(component, "text"));
                    break;
                case "BODY":
                    bodyVariables = Variables(Text(component, "text"));
                    break;
                case "BUTTONS" when component["buttons"] is JsonArray list:
                    var index = 0;
                    foreach (var button in list.OfType<JsonObject>())
                    {
                        var type = Upper(button, "type") ?? string.Empty;
                        var takesParameter = type switch
                        {
                            "URL" => Variables(Text(button, "url")).Count > 0,
                            "COPY_CODE" => true,
                            "OTP" => true,
                            _ => false,
                        };
                        buttons.Add(new TemplateButtonShape(index++, type, takesParameter));
                    }

                    break;
                case "CAROUSEL" when component["cards"] is JsonArray list:
                    cards.AddRange(list.OfType<JsonObject>().Select(card => Read(card["components"] as JsonArray ?? [])));
                    break;
                case "LIMITED_TIME_OFFER":
                    offer = component["limited_time_offer"]?["has_expiration"] is JsonValue flag && flag.TryGetValue<bool>(out var expires) && expires;
                    break;
            }
        }

        return new TemplateShape(headerFormat, headerVariables, bodyVariables, buttons, cards, offer);
    }

    /// <summary>The distinct variables of a text in order of first use: <c>1</c>, <c>2</c> or <c>first_name</c>.</summary>
    public static IReadOnlyList<string> Variables(string? text) =>
        text is null ? [] : [.. VariablePattern().Matches(text).Select(match => match.Groups[1].Value).Distinct(StringComparer.Ordinal)];

    private static string? Text(JsonObject node, string name) => node[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string? Upper(JsonObject node, string name) => Text(node, name)?.ToUpperInvariant();

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_]+)\s*\}\}")]
    private static partial Regex VariablePattern();
}

/// <param name="TakesParameter">A URL button with a variable suffix, a copy-code or an OTP button needs one parameter.</param>
public sealed record TemplateButtonShape(int Index, string Type, bool TakesParameter);
