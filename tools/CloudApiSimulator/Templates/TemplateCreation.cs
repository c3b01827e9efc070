using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WaApp.CloudApiSimulator.Sending;

namespace WaApp.CloudApiSimulator.Templates;

/// <summary>A <c>POST /{waba-id}/message_templates</c> body, checked like Meta checks it (error 100 naming the field).</summary>
public sealed partial record TemplateCreation(string Name, string Language, string Category, string ParameterFormat, JsonArray Components)
{
    private const int MaxBodyLength = 1024;

    public static (TemplateCreation? Creation, MetaError? Error) Read(JsonNode? body)
    {
        if (body is not JsonObject root)
        {
            return (null, MetaError.InvalidParameter("The request body must be a JSON object."));
        }

        var name = String(root, "name");
        if (name is null || !NamePattern().IsMatch(name))
        {
            return (null, MetaError.InvalidParameter("Param name must be 1 to 512 lowercase letters, digits and underscores."));
        }

        var language = String(root, "language");
        if (string.IsNullOrWhiteSpace(language))
        {
            return (null, MetaError.MissingParameter("Parameter language is required."));
        }

        var category = String(root, "category")?.ToUpperInvariant();
        if (category is not ("MARKETING" or "UTILITY" or "AUTHENTICATION"))
        {
            return (null, MetaError.InvalidParameter("Param category must be one of {MARKETING, UTILITY, AUTHENTICATION}."));
        }

        var format = (String(root, "parameter_format") ?? "POSITIONAL").ToUpperInvariant();
        if (format is not ("POSITIONAL" or "NAMED"))
        {
            return (null, MetaError.InvalidParameter("Param parameter_format must be one of {POSITIONAL, NAMED}."));
        }

        if (root["components"] is not JsonArray components)
        {
            return (null, MetaError.MissingParameter("Parameter components is required."));
        }

        var bodyComponent = components.OfType<JsonObject>().FirstOrDefault(component => String(component, "type")?.ToUpperInvariant() == "BODY");
        if (category != "AUTHENTICATION" && String(bodyComponent, "text") is not { Length: > 0 })
        {
            return (null, MetaError.MissingParameter("A BODY component with text is required."));
        }

        if (String(bodyComponent, "text") is { Length: > MaxBodyLength })
        {
            return (null, MetaError.InvalidValue($"The BODY text must be at most {MaxBodyLength} characters long."));
        }

        foreach (var text in components.OfType<JsonObject>().Select(component => String(component, "text")))
        {
            var variables = TemplateShape.Variables(text);
            var wrong = format == "POSITIONAL"
                ? variables.Where((variable, i) => variable != (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault()
                : variables.FirstOrDefault(variable => !NamedVariablePattern().IsMatch(variable));
            if (wrong is not null)
            {
                return (null, MetaError.InvalidParameter(format == "POSITIONAL"
                    ? $"Variable {{{{{wrong}}}}} is not valid: positional variables are {{{{1}}}}, {{{{2}}}}, … in order."
                    : $"Variable {{{{{wrong}}}}} is not valid: named variables are lowercase letters, digits and underscores."));
            }
        }

        if (CheckKinds(category, components) is { } kindError)
        {
            return (null, kindError);
        }

        return (new TemplateCreation(name, language, category, format, (JsonArray)components.DeepClone()), null);
    }

    /// <summary>
    /// Meta's rules for the marketing kinds: a media card carousel has 2 to 10 cards, each with an IMAGE or VIDEO
    /// header, all alike (same header format and buttons); a limited-time offer has offer text of at most 16
    /// characters and no footer. Both are MARKETING only.
    /// </summary>
    private static MetaError? CheckKinds(string category, JsonArray components)
    {
        var types = components.OfType<JsonObject>().Select(component => String(component, "type")?.ToUpperInvariant()).ToList();
        if ((types.Contains("CAROUSEL") || types.Contains("LIMITED_TIME_OFFER")) && category != "MARKETING")
        {
            return MetaError.InvalidParameter("Carousel and limited-time offer templates must be in the MARKETING category.");
        }

        if (components.OfType<JsonObject>().FirstOrDefault(component => String(component, "type")?.ToUpperInvariant() == "CAROUSEL") is { } carousel)
        {
            var cards = (carousel["cards"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
            if (cards.Count is < 2 or > 10)
            {
                return MetaError.InvalidParameter($"A carousel has 2 to 10 cards; {cards.Count} given.");
            }

            var layouts = cards.Select(card => CardLayout(card["components"] as JsonArray)).Distinct(StringComparer.Ordinal).ToList();
            if (layouts.Count != 1 || !(layouts[0].StartsWith("IMAGE|", StringComparison.Ordinal) || layouts[0].StartsWith("VIDEO|", StringComparison.Ordinal)))
            {
                return MetaError.InvalidParameter("Every carousel card needs an IMAGE or VIDEO header, and all cards must have the same components and buttons.");
            }
        }

        if (components.OfType<JsonObject>().FirstOrDefault(component => String(component, "type")?.ToUpperInvariant() == "LIMITED_TIME_OFFER") is { } offer)
        {
            if (String(offer["limited_time_offer"] as JsonObject, "text") is not { Length: > 0 and <= 16 })
            {
                return MetaError.InvalidParameter("limited_time_offer text is required: at most 16 characters.");
            }

            if (types.Contains("FOOTER"))
            {
                return MetaError.InvalidParameter("A limited-time offer template cannot have a footer.");
            }
        }

        return null;
    }

    /// <summary>A card's header format and button types, e.g. <c>IMAGE|QUICK_REPLY,URL</c>.</summary>
    private static string CardLayout(JsonArray? components)
    {
        var parts = components?.OfType<JsonObject>().ToList() ?? [];
        var header = parts.FirstOrDefault(component => String(component, "type")?.ToUpperInvariant() == "HEADER");
        var buttons = parts.FirstOrDefault(component => String(component, "type")?.ToUpperInvariant() == "BUTTONS")?["buttons"] as JsonArray;
        var hasBody = parts.Any(component => String(component, "type")?.ToUpperInvariant() == "BODY");
        return $"{String(header, "format")?.ToUpperInvariant()}|{hasBody}|{string.Join(',', buttons?.OfType<JsonObject>().Select(button => String(button, "type")?.ToUpperInvariant()) ?? [])}";
    }

    /// <summary>
    /// The simulator's review rule: a body that starts or ends with a variable is REJECTED with <c>INVALID_FORMAT</c>
    /// (one of Meta's published rejection reasons); everything else is APPROVED.
    /// </summary>
    public static (string Status, string Reason) Review(SimulatedTemplate template)
    {
        var body = template.Components.OfType<JsonObject>().FirstOrDefault(component => String(component, "type")?.ToUpperInvariant() == "BODY");
        var text = String(body, "text")?.Trim();
        return text is not null && (EdgeVariablePattern().IsMatch(text) || text.EndsWith("}}", StringComparison.Ordinal))
            ? ("REJECTED", "INVALID_FORMAT")
            : ("APPROVED", "NONE");
    }

    private static string? String(JsonObject? node, string name) => node?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    [GeneratedRegex("^[a-z0-9_]{1,512}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex NamedVariablePattern();

    [GeneratedRegex(@"^\{\{")]
    private static partial Regex EdgeVariablePattern();
}
