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

        var header = sent.FirstOrDefault(component => Type(component) == "header");
        var headerParameters = Parameters(header);
        switch (shape.HeaderFormat)
        {
            case "IMAGE" or "VIDEO" or "DOCUMENT" or "LOCATION":
                var expected = shape.HeaderFormat.ToLowerInvariant();
                if (headerParameters.Count != 1)
                {
                    return TemplateErrors.ParameterCount($"header: number of localizable_params ({headerParameters.Count}) does not match the expected number of params (1)");
                }

                if (Type(headerParameters[0]) != expected)
                {
                    return TemplateErrors.ParameterFormat($"header: expected a {expected} parameter, got {Type(headerParameters[0])}");
                }

                break;
            default:
                if (CheckText("header", headerParameters, shape.HeaderVariables, named) is { } headerError)
                {
                    return headerError;
                }

                break;
        }

        var body = sent.FirstOrDefault(component => Type(component) == "body");
        if (CheckText("body", Parameters(body), shape.BodyVariables, named) is { } bodyError)
        {
            return bodyError;
        }

        foreach (var button in shape.Buttons.Where(button => button.TakesParameter))
        {
            var component = sent.FirstOrDefault(component => Type(component) == "button" && Index(component) == button.Index);
            var parameters = Parameters(component);
            if (parameters.Count != 1)
            {
                return TemplateErrors.ParameterCount($"button {button.Index}: number of localizable_params ({parameters.Count}) does not match the expected number of params (1)");
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
