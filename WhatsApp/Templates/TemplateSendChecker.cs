using System.Globalization;
using System.Text.Json;

namespace WaApp.WhatsApp.Templates;

/// <summary>
/// Checks Meta's template-send object (<c>{"name", "language": {"code"}, "components": [...]}</c>) against what WaApp
/// knows of the template, so a send that Meta would refuse (132000 count, 132001 missing, 132012 format, 132015
/// paused, 132016 disabled, 132018 parameter text) is answered with a 400 naming the parameter before anything is
/// stored. Pure: the caller supplies the facts. A template known only from a webhook (no components) is checked by
/// status alone.
/// </summary>
public static class TemplateSendChecker
{
    /// <param name="template">The send's <c>template</c> object.</param>
    /// <param name="sameName">Every known language of the template's name; empty when the name is unknown.</param>
    public static TemplateCheckResult Check(JsonElement template, IReadOnlyList<TemplateFacts> sameName)
    {
        ArgumentNullException.ThrowIfNull(sameName);
        if (template.ValueKind != JsonValueKind.Object || String(template, "name") is not { Length: > 0 } name)
        {
            return new TemplateCheckResult.Mismatch("template.name", "The template's name is required.");
        }

        var language = template.TryGetProperty("language", out var languageElement) ? String(languageElement, "code") : null;
        if (language is not { Length: > 0 })
        {
            return new TemplateCheckResult.Mismatch("template.language.code", "The template's language code (e.g. en_US) is required.");
        }

        if (sameName.Count == 0)
        {
            return new TemplateCheckResult.Mismatch("template.name", $"The account has no template named '{name}'; sync the templates if it was created recently.");
        }

        if (sameName.FirstOrDefault(facts => facts.Language == language) is not { } found)
        {
            var languages = string.Join(", ", sameName.Select(facts => facts.Language).Order(StringComparer.Ordinal));
            return new TemplateCheckResult.Mismatch("template.language.code", $"Template '{name}' has no '{language}' translation; it exists in {languages}.");
        }

        if (!string.Equals(found.Status, "APPROVED", StringComparison.OrdinalIgnoreCase))
        {
            return new TemplateCheckResult.NotSendable(found.Status, StatusProblem(found));
        }

        if (found.ComponentsJson is not { } componentsJson)
        {
            return TemplateCheckResult.Valid;
        }

        TemplateDefinitionShape shape;
        try
        {
            shape = TemplateDefinitionShape.Read(componentsJson, found.ParameterFormat);
        }
        catch (JsonException)
        {
            // A definition we cannot read is not the sender's fault; Meta will judge the send.
            return TemplateCheckResult.Valid;
        }

        var sent = template.TryGetProperty("components", out var components) && components.ValueKind == JsonValueKind.Array
            ? components.EnumerateArray().Where(component => component.ValueKind == JsonValueKind.Object).ToList()
            : [];
        return CheckComponents(sent, shape) ?? TemplateCheckResult.Valid;
    }

    private static string StatusProblem(TemplateFacts facts)
    {
        var reason = facts.Reason is { Length: > 0 } r && r != "NONE" ? $" (reason: {r})" : string.Empty;
        return facts.Status.ToUpperInvariant() switch
        {
            "PAUSED" => $"Template '{facts.Name}' ({facts.Language}) is paused by Meta for low quality{reason}; it cannot be sent until Meta reinstates it.",
            "DISABLED" => $"Template '{facts.Name}' ({facts.Language}) is disabled by Meta{reason}; it can no longer be sent.",
            "REJECTED" => $"Template '{facts.Name}' ({facts.Language}) was rejected in review{reason}; edit and resubmit it.",
            "PENDING" or "IN_APPEAL" => $"Template '{facts.Name}' ({facts.Language}) is still in review ({facts.Status}); it can be sent once approved.",
            _ => $"Template '{facts.Name}' ({facts.Language}) is {facts.Status}{reason}, not APPROVED.",
        };
    }

    private const string Top = "template.components";

    private static TemplateCheckResult.Mismatch? CheckComponents(List<JsonElement> sent, TemplateDefinitionShape shape)
    {
        foreach (var component in sent)
        {
            var type = String(component, "type")?.ToLowerInvariant();
            if (type is not ("header" or "body" or "button" or "carousel" or "limited_time_offer"))
            {
                return new TemplateCheckResult.Mismatch("template.components[].type", $"'{type}' is not a template component type (header, body, button, carousel, limited_time_offer).");
            }
        }

        return CheckHeader(Component(sent, "header"), shape.HeaderFormat, shape.HeaderVariables, shape.Named, Top, "header")
            ?? CheckText("body", $"{Top}[body].parameters", Parameters(Component(sent, "body")), shape.BodyVariables, shape.Named)
            ?? CheckOffer(Component(sent, "limited_time_offer"), shape.Offer)
            ?? CheckButtons(Buttons(sent), shape.Buttons, Top, "The template")
            ?? CheckCarousel(Component(sent, "carousel"), shape);
    }

    private static TemplateCheckResult.Mismatch? CheckHeader(JsonElement? header, string? format, IReadOnlyList<string> variables, bool named, string prefix, string label)
    {
        var parameters = Parameters(header);
        if (format is "IMAGE" or "VIDEO" or "DOCUMENT" or "LOCATION")
        {
            var expected = format.ToLowerInvariant();
            var field = $"{prefix}[header].parameters";
            if (parameters.Count != 1)
            {
                return new TemplateCheckResult.Mismatch(field, $"The template's {label} is a {expected}: send exactly one {expected} parameter.");
            }

            var parameter = parameters[0];
            if (String(parameter, "type") != expected)
            {
                return new TemplateCheckResult.Mismatch(field + "[0].type", $"The template's {label} is a {expected}, not {String(parameter, "type") ?? "nothing"}.");
            }

            if (!parameter.TryGetProperty(expected, out var value) || value.ValueKind != JsonValueKind.Object)
            {
                return new TemplateCheckResult.Mismatch($"{field}[0].{expected}", $"The header {expected} is missing.");
            }

            if (expected != "location" && String(value, "id") is null && String(value, "link") is null)
            {
                return new TemplateCheckResult.Mismatch($"{field}[0].{expected}", $"The header {expected} needs an id (uploaded media) or a link.");
            }

            return null;
        }

        return CheckText(label, $"{prefix}[header].parameters", parameters, variables, named);
    }

    private static TemplateCheckResult.Mismatch? CheckText(string component, string field, IReadOnlyList<JsonElement> parameters, IReadOnlyList<string> variables, bool named)
    {
        if (named)
        {
            var given = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < parameters.Count; i++)
            {
                var parameterName = String(parameters[i], "parameter_name");
                if (parameterName is null)
                {
                    return new TemplateCheckResult.Mismatch($"{field}[{i}].parameter_name", $"The template's {component} uses named parameters: each needs its parameter_name.");
                }

                if (!variables.Contains(parameterName))
                {
                    return new TemplateCheckResult.Mismatch($"{field}[{parameterName}]", $"The template's {component} has no parameter '{parameterName}'; it takes {Describe(variables)}.");
                }

                if (!given.Add(parameterName))
                {
                    return new TemplateCheckResult.Mismatch($"{field}[{parameterName}]", $"The {component} parameter '{parameterName}' is given twice.");
                }

                if (CheckValue($"{field}[{parameterName}]", parameters[i]) is { } invalid)
                {
                    return invalid;
                }
            }

            if (variables.FirstOrDefault(variable => !given.Contains(variable)) is { } missing)
            {
                return new TemplateCheckResult.Mismatch($"{field}[{missing}]", $"The template's {component} needs the parameter '{missing}'.");
            }

            return null;
        }

        if (parameters.Count != variables.Count)
        {
            return new TemplateCheckResult.Mismatch(field, $"The template's {component} takes {variables.Count} parameter(s) ({Describe(variables)}); {parameters.Count} given.");
        }

        for (var i = 0; i < parameters.Count; i++)
        {
            if (CheckValue($"{field}[{i}]", parameters[i]) is { } invalid)
            {
                return invalid;
            }
        }

        return null;
    }

    /// <summary>
    /// A limited-time offer whose template shows the expiry needs <c>expiration_time_ms</c> (Meta's shape is checked
    /// before); a template without an offer takes no offer component.
    /// </summary>
    private static TemplateCheckResult.Mismatch? CheckOffer(JsonElement? sent, TemplateOfferDefinition? offer)
    {
        const string Field = Top + "[limited_time_offer]";
        if (offer is null)
        {
            return sent is null ? null : new TemplateCheckResult.Mismatch(Field, "The template is not a limited-time offer; leave out the limited_time_offer component.");
        }

        if (!offer.HasExpiration)
        {
            return null;
        }

        var parameters = Parameters(sent);
        return parameters.Count == 1
            && parameters[0].TryGetProperty("limited_time_offer", out var value) && value.ValueKind == JsonValueKind.Object
            && value.TryGetProperty("expiration_time_ms", out var expiry) && expiry.ValueKind == JsonValueKind.Number
            ? null
            : new TemplateCheckResult.Mismatch(Field + ".parameters", "The template's offer shows when it expires: send one limited_time_offer parameter with expiration_time_ms (Unix time in milliseconds).");
    }

    /// <summary>
    /// Meta's media card carousel: a card for every card of the template (no more, no fewer, card_index 0 to n-1),
    /// each with its image or video header, the card body's parameters and its buttons' parameters.
    /// </summary>
    private static TemplateCheckResult.Mismatch? CheckCarousel(JsonElement? sent, TemplateDefinitionShape shape)
    {
        const string Field = Top + "[carousel]";
        if (shape.Cards.Count == 0)
        {
            return sent is null ? null : new TemplateCheckResult.Mismatch(Field, "The template is not a carousel; leave out the carousel component.");
        }

        var cards = sent is { } carousel && carousel.TryGetProperty("cards", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(card => card.ValueKind == JsonValueKind.Object).ToList()
            : null;
        if (cards is null)
        {
            return new TemplateCheckResult.Mismatch(Field, $"The template is a carousel of {shape.Cards.Count} cards: send a carousel component with a card for each.");
        }

        if (cards.Count != shape.Cards.Count)
        {
            return new TemplateCheckResult.Mismatch(Field + ".cards", $"The template's carousel has {shape.Cards.Count} cards; send exactly {shape.Cards.Count} ({cards.Count} given).");
        }

        var seen = new HashSet<int>();
        for (var i = 0; i < cards.Count; i++)
        {
            var prefix = $"{Field}.cards[{i}]";
            var cardIndex = cards[i].TryGetProperty("card_index", out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : -1;
            if (cardIndex < 0 || cardIndex >= shape.Cards.Count || !seen.Add(cardIndex))
            {
                return new TemplateCheckResult.Mismatch(prefix + ".card_index", $"card_index must be 0 to {shape.Cards.Count - 1}, each card once.");
            }

            var definition = shape.Cards[cardIndex];
            var components = cards[i].TryGetProperty("components", out var parts) && parts.ValueKind == JsonValueKind.Array
                ? parts.EnumerateArray().Where(component => component.ValueKind == JsonValueKind.Object).ToList()
                : [];
            var owner = $"card {cardIndex}";
            var inner = $"{prefix}.components";
            var problem = CheckHeader(Component(components, "header"), definition.HeaderFormat ?? "IMAGE", definition.HeaderVariables, shape.Named, inner, $"{owner} header")
                ?? CheckText($"{owner} body", $"{inner}[body].parameters", Parameters(Component(components, "body")), definition.BodyVariables, shape.Named)
                ?? CheckButtons(Buttons(components), definition.Buttons, inner, $"Card {cardIndex}");
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private static TemplateCheckResult.Mismatch? CheckButtons(List<JsonElement> buttons, IReadOnlyList<TemplateButtonDefinition> definitions, string prefix, string owner)
    {
        foreach (var button in buttons)
        {
            var index = Index(button);
            if (index is null || index < 0 || index >= definitions.Count)
            {
                return new TemplateCheckResult.Mismatch($"{prefix}[button].index", $"{owner} has {definitions.Count} button(s); index {Raw(button, "index")} does not exist.");
            }
        }

        foreach (var definition in definitions.Where(definition => definition.Parameter is not null))
        {
            var field = $"{prefix}[button {definition.Index}].parameters";
            var button = buttons.FirstOrDefault(candidate => Index(candidate) == definition.Index);
            var parameters = Parameters(button);
            if (parameters.Count != 1)
            {
                return new TemplateCheckResult.Mismatch(field, definition.Parameter == "coupon_code"
                    ? $"Button {definition.Index} copies a code: send one coupon_code parameter."
                    : $"Button {definition.Index} ({definition.Type}) needs one text parameter (the URL suffix or the code).");
            }

            if (String(parameters[0], "type") != definition.Parameter || String(parameters[0], definition.Parameter!) is not { Length: > 0 })
            {
                return new TemplateCheckResult.Mismatch(field + "[0]", $"Button {definition.Index} takes a {definition.Parameter} parameter with a non-empty {definition.Parameter}.");
            }
        }

        return null;
    }

    private static List<JsonElement> Buttons(List<JsonElement> components) =>
        [.. components.Where(component => String(component, "type")?.ToLowerInvariant() == "button")];

    /// <summary>A text variable takes text, currency or date_time, in Meta's shape for each.</summary>
    private static TemplateCheckResult.Mismatch? CheckValue(string field, JsonElement parameter)
    {
        switch (String(parameter, "type"))
        {
            case "text":
                var text = String(parameter, "text");
                if (string.IsNullOrWhiteSpace(text))
                {
                    return new TemplateCheckResult.Mismatch(field + ".text", "A text parameter needs a non-empty text.");
                }

                // Meta refuses body parameters with new lines, tabs or more than four consecutive spaces (132018).
                if (text.Contains('\n', StringComparison.Ordinal) || text.Contains('\t', StringComparison.Ordinal) || text.Contains("     ", StringComparison.Ordinal))
                {
                    return new TemplateCheckResult.Mismatch(field + ".text", "A template parameter cannot contain new lines, tabs or more than four consecutive spaces.");
                }

                return null;
            case "currency":
                return parameter.TryGetProperty("currency", out var currency) && String(currency, "fallback_value") is not null
                    && String(currency, "code") is { Length: 3 } && currency.TryGetProperty("amount_1000", out var amount) && amount.ValueKind == JsonValueKind.Number
                    ? null
                    : new TemplateCheckResult.Mismatch(field + ".currency", "A currency parameter needs fallback_value, a 3-letter ISO 4217 code and amount_1000 (the amount times 1000).");
            case "date_time":
                return parameter.TryGetProperty("date_time", out var dateTime) && String(dateTime, "fallback_value") is not null
                    ? null
                    : new TemplateCheckResult.Mismatch(field + ".date_time", "A date_time parameter needs its fallback_value.");
            case var other:
                return new TemplateCheckResult.Mismatch(field + ".type", $"This variable takes text, currency or date_time, not {other ?? "nothing"}.");
        }
    }

    private static JsonElement? Component(List<JsonElement> sent, string type) =>
        sent.Where(component => String(component, "type")?.ToLowerInvariant() == type).Select(component => (JsonElement?)component).FirstOrDefault();

    private static List<JsonElement> Parameters(JsonElement? component) =>
        component is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Array
            ? [.. parameters.EnumerateArray()]
            : [];

    private static int? Index(JsonElement component) =>
        component.TryGetProperty("index", out var index) ? index.ValueKind switch
        {
            JsonValueKind.String when int.TryParse(index.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) => value,
            JsonValueKind.Number when index.TryGetInt32(out var value) => value,
            _ => null,
        } : null;

    private static string Raw(JsonElement element, string name) => element.TryGetProperty(name, out var value) ? value.ToString() : "(none)";

    private static string Describe(IReadOnlyList<string> variables) =>
        variables.Count == 0 ? "none" : string.Join(", ", variables.Select(variable => "{{" + variable + "}}"));

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
