using System.Text.Json;
using WaApp.CloudApiSimulator.Sending;

namespace WaApp.CloudApiSimulator.Templates;

/// <summary>
/// Checks a template send against the account's template like Meta: 132001 when the name or language is unknown (or
/// not approved), 132015 paused, 132016 disabled, 132000 when a component's parameter count differs, 132012 when a
/// parameter has the wrong type or name. Names nobody created pass unless <c>Simulator:RejectUnknownTemplates</c>.
/// </summary>
public static class TemplateSendCheck
{
    public static MetaError? Check(TemplateStore store, string wabaId, JsonElement template, bool rejectUnknown)
    {
        var name = template.GetProperty("name").GetString()!;
        var language = template.GetProperty("language").GetProperty("code").GetString()!;
        var found = store.Find(wabaId, name, language);
        if (found is null)
        {
            return rejectUnknown || store.HasName(wabaId, name) ? TemplateErrors.NotFound(name, language) : null;
        }

        switch (found.Status)
        {
            case "PAUSED":
                return TemplateErrors.Paused(name);
            case "DISABLED":
                return TemplateErrors.Disabled(name);
            case not "APPROVED":
                return TemplateErrors.NotApproved(name, language, found.Status);
        }

        var shape = TemplateShape.Read(found.Components);
        var named = found.ParameterFormat == "NAMED";
        var sent = template.TryGetProperty("components", out var components) && components.ValueKind == JsonValueKind.Array
            ? components.EnumerateArray().ToList()
            : [];

        return CheckParts(shape, sent, named, string.Empty)
            ?? CheckOffer(shape, sent.FirstOrDefault(component => Type(component) == "limited_time_offer"))
            ?? CheckCarousel(shape, sent.FirstOrDefault(component => Type(component) == "carousel"), named);
    }

    /// <summary>The header, body and buttons of the template, or of one carousel card (<paramref name="where"/> says which).</summary>
    private static MetaError? CheckParts(TemplateShape shape, List<JsonElement> sent, bool named, string where)
    {
        var header = sent.FirstOrDefault(component => Type(component) == "header");
        var headerParameters = Parameters(header);
        switch (shape.HeaderFormat)
        {
            case "IMAGE" or "VIDEO" or "DOCUMENT" or "LOCATION":
                var expected = shape.HeaderFormat.ToLowerInvariant();
                if (headerParameters.Count != 1)
                {
                    return TemplateErrors.ParameterCount($"{where}header: number of localizable_params ({headerParameters.Count}) does not match the expected number of params (1)");
                }

                if (Type(headerParameters[0]) != expected)
                {
                    return TemplateErrors.ParameterFormat($"{where}header: expected a {expected} parameter, got {Type(headerParameters[0])}");
                }

                break;
            default:
                if (CheckText($"{where}header", headerParameters, shape.HeaderVariables, named) is { } headerError)
                {
                    return headerError;
                }

                break;
        }

        var body = sent.FirstOrDefault(component => Type(component) == "body");
        if (CheckText($"{where}body", Parameters(body), shape.BodyVariables, named) is { } bodyError)
        {
            return bodyError;
        }

        foreach (var button in shape.Buttons.Where(button => button.TakesParameter))
        {
            var component = sent.FirstOrDefault(component => Type(component) == "button" && Index(component) == button.Index);
            var parameters = Parameters(component);
            if (parameters.Count != 1)
            {
                return TemplateErrors.ParameterCount($"{where}button {button.Index}: number of localizable_params ({parameters.Count}) does not match the expected number of params (1)");
            }
        }

        return null;
    }

    /// <summary>An offer that shows its expiry needs <c>expiration_time_ms</c>; a template without an offer takes none.</summary>
    private static MetaError? CheckOffer(TemplateShape shape, JsonElement offer)
    {
        var parameters = Parameters(offer);
        return shape.OfferHasExpiration switch
        {
            null when offer.ValueKind == JsonValueKind.Object => TemplateErrors.ParameterCount("limited_time_offer: the template has no limited-time offer"),
            true when parameters.Count != 1 => TemplateErrors.ParameterCount($"limited_time_offer: number of localizable_params ({parameters.Count}) does not match the expected number of params (1)"),
            true when Type(parameters[0]) != "limited_time_offer" => TemplateErrors.ParameterFormat($"limited_time_offer: expected a limited_time_offer parameter, got {Type(parameters[0])}"),
            _ => null,
        };
    }

    /// <summary>Meta sends exactly the template's cards (card_index 0 to n-1), each checked like a template of its own.</summary>
    private static MetaError? CheckCarousel(TemplateShape shape, JsonElement carousel, bool named)
    {
        var cards = carousel.ValueKind == JsonValueKind.Object && carousel.TryGetProperty("cards", out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray()]
            : new List<JsonElement>();
        if (cards.Count != shape.Cards.Count)
        {
            return TemplateErrors.ParameterCount($"carousel: number of cards ({cards.Count}) does not match the number of cards in the template ({shape.Cards.Count})");
        }

        var seen = new HashSet<int>();
        foreach (var card in cards)
        {
            var index = card.ValueKind == JsonValueKind.Object && card.TryGetProperty("card_index", out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : -1;
            if (index < 0 || index >= shape.Cards.Count || !seen.Add(index))
            {
                return TemplateErrors.ParameterFormat($"carousel: card_index {index} is not a card of the template, or is repeated");
            }

            var components = card.TryGetProperty("components", out var parts) && parts.ValueKind == JsonValueKind.Array ? [.. parts.EnumerateArray()] : new List<JsonElement>();
            if (CheckParts(shape.Cards[index], components, named, $"card {index} ") is { } error)
            {
                return error;
            }
        }

        return null;
    }

    private static MetaError? CheckText(string component, IReadOnlyList<JsonElement> parameters, IReadOnlyList<string> variables, bool named)
    {
        if (parameters.Count != variables.Count)
        {
            return TemplateErrors.ParameterCount($"{component}: number of localizable_params ({parameters.Count}) does not match the expected number of params ({variables.Count})");
        }

        foreach (var parameter in parameters)
        {
            if (named)
            {
                var parameterName = parameter.TryGetProperty("parameter_name", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                if (parameterName is null || !variables.Contains(parameterName))
                {
                    return TemplateErrors.ParameterFormat($"{component}: parameter_name '{parameterName}' is not a parameter of the template");
                }
            }

            if (Type(parameter) is not ("text" or "currency" or "date_time"))
            {
                return TemplateErrors.ParameterFormat($"{component}: a {Type(parameter)} parameter cannot fill a text variable");
            }
        }

        return null;
    }

    private static List<JsonElement> Parameters(JsonElement component) =>
        component.ValueKind == JsonValueKind.Object && component.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Array
            ? [.. parameters.EnumerateArray()]
            : [];

    private static string? Type(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;

    private static int? Index(JsonElement component) =>
        component.TryGetProperty("index", out var index) ? index.ValueKind switch
        {
            JsonValueKind.String when int.TryParse(index.GetString(), out var value) => value,
            JsonValueKind.Number when index.TryGetInt32(out var value) => value,
            _ => null,
        } : null;
}
