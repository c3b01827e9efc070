using System.Text.Json;
using System.Text.RegularExpressions;
using static WaApp.WhatsApp.Graph.JsonRules;

namespace WaApp.WhatsApp.Graph;

/// <summary>
/// The shape of a template send as Meta documents it: header (text, image, video, document or location), body with
/// positional or named parameters (text, currency, date_time), buttons (quick_reply payload, url suffix, copy_code,
/// flow), limited-time offer and carousel cards. Whether the parameters match the approved template is Meta's (or
/// a synced definition's) business; this checks what every template send must satisfy.
/// </summary>
internal static partial class TemplateMessageRules
{
    public const int MaxNameLength = 512;
    public const int MaxLanguageLength = 16;
    public const int MaxHeaderText = 60;
    public const int MaxBodyParameter = 1024;
    public const int MaxCards = 10;

    private static readonly string[] ButtonSubTypes = ["quick_reply", "url", "copy_code", "flow"];

    public static void Check(JsonElement template)
    {
        RequireObject(template, "template");
        RequiredString(template, "name", "template", MaxNameLength);
        if (!TryGet(template, "language", out var language))
        {
            throw Violation("template.language", "template.language is required, e.g. { \"code\": \"en_US\" }.");
        }

        RequireObject(language, "template.language");
        RequiredString(language, "code", "template.language", MaxLanguageLength);
        if (OptionalString(language, "policy", "template.language", 32) is { } policy && policy != "deterministic")
        {
            throw Violation("template.language.policy", "template.language.policy must be \"deterministic\".");
        }

        if (TryGet(template, "components", out var components))
        {
            CheckComponents(components, "template.components", inCard: false);
        }
    }

    private static void CheckComponents(JsonElement components, string field, bool inCard)
    {
        if (components.ValueKind != JsonValueKind.Array)
        {
            throw Violation(field, $"{field} must be an array.");
        }

        HashSet<string> seen = new(StringComparer.Ordinal);
        var index = 0;
        foreach (var component in components.EnumerateArray())
        {
            var path = $"{field}[{index++}]";
            RequireObject(component, path);
            var type = RequiredString(component, "type", path, 32);
            switch (type)
            {
                case "header" or "body" or "limited_time_offer" or "carousel" when !seen.Add(type):
                    throw Violation($"{path}.type", $"A template has one {type} component.");
                case "header":
                    CheckHeader(component, path, inCard);
                    break;
                case "body":
                    CheckBody(component, path);
                    break;
                case "button":
                    CheckButton(component, path, seen);
                    break;
                case "limited_time_offer" when !inCard:
                    CheckLimitedTimeOffer(component, path);
                    break;
                case "carousel" when !inCard:
                    CheckCarousel(component, path);
                    break;
                default:
                    throw Violation($"{path}.type", inCard
                        ? $"{path}.type must be header, body or button in a carousel card."
                        : $"{path}.type must be header, body, button, limited_time_offer or carousel.");
            }
        }
    }

    private static void CheckHeader(JsonElement component, string path, bool inCard)
    {
        var parameters = RequiredArray(component, "parameters", path, 1, 1);
        var parameter = parameters[0];
        var field = $"{path}.parameters[0]";
        var type = ParameterType(parameter, field);
        switch (type)
        {
            case "text" when !inCard:
                RequiredString(parameter, "text", field, MaxHeaderText);
                CheckParameterName(parameter, field);
                break;
            case "image" or "video":
            case "document" when !inCard:
                MediaMessageRules.Check(type, Value(parameter, type, field), $"{field}.{type}", allowCaption: false);
                break;
            case "location" when !inCard:
                MessageObjectRules.CheckLocation(Value(parameter, type, field), $"{field}.location");
                break;
            default:
                throw Violation($"{field}.type", inCard
                    ? "A carousel card's header is an image or a video."
                    : "A header parameter is text, image, video, document or location.");
        }
    }

    private static void CheckBody(JsonElement component, string path)
    {
        if (!TryGet(component, "parameters", out _))
        {
            return;
        }

        var parameters = RequiredArray(component, "parameters", path, 1, 100);
        var named = 0;
        var index = 0;
        foreach (var parameter in parameters.EnumerateArray())
        {
            var field = $"{path}.parameters[{index++}]";
            var type = ParameterType(parameter, field);
            switch (type)
            {
                case "text":
                    RequiredString(parameter, "text", field, MaxBodyParameter);
                    break;
                case "currency":
                    CheckCurrency(Value(parameter, type, field), $"{field}.currency");
                    break;
                case "date_time":
                    var dateTime = Value(parameter, type, field);
                    RequireObject(dateTime, $"{field}.date_time");
                    RequiredString(dateTime, "fallback_value", $"{field}.date_time", 200);
                    break;
                default:
                    throw Violation($"{field}.type", "A body parameter is text, currency or date_time.");
            }

            named += CheckParameterName(parameter, field) ? 1 : 0;
        }

        if (named != 0 && named != index)
        {
            throw Violation($"{path}.parameters", "Name every body parameter (parameter_name) or none: a template has either named or positional parameters.");
        }
    }

    private static void CheckCurrency(JsonElement currency, string field)
    {
        RequireObject(currency, field);
        RequiredString(currency, "fallback_value", field, 200);
        var code = RequiredString(currency, "code", field, 3);
        if (!CurrencyCode().IsMatch(code))
        {
            throw Violation($"{field}.code", $"{field}.code must be an ISO 4217 code such as USD.");
        }

        // The amount times 1000 (USD 10.99 is 10990), as a whole number.
        RequiredInteger(currency, "amount_1000", field, long.MinValue, long.MaxValue);
    }

    private static void CheckButton(JsonElement component, string path, HashSet<string> seen)
    {
        // Meta's own examples write it either way (copy_code, COPY_CODE).
        var subType = RequiredString(component, "sub_type", path, 32).ToLowerInvariant();
        if (Array.IndexOf(ButtonSubTypes, subType) < 0)
        {
            throw Violation($"{path}.sub_type", $"{path}.sub_type must be one of {string.Join(", ", ButtonSubTypes)}.");
        }

        var index = ButtonIndex(component, $"{path}.index");
        if (!seen.Add($"button#{index}"))
        {
            throw Violation($"{path}.index", $"Two button components have index {index}.");
        }

        var parameters = RequiredArray(component, "parameters", path, 1, 1);
        var parameter = parameters[0];
        var field = $"{path}.parameters[0]";
        var type = ParameterType(parameter, field);
        var expected = subType switch
        {
            "quick_reply" => "payload",
            "url" => "text",
            "copy_code" => "coupon_code",
            _ => "action",
        };
        if (type != expected)
        {
            throw Violation($"{field}.type", $"A {subType} button takes a {expected} parameter.");
        }

        switch (type)
        {
            case "payload":
                RequiredString(parameter, "payload", field, 1000);
                break;
            case "text":
                // The URL suffix (or a one-time password for an authentication template's button).
                RequiredString(parameter, "text", field, 2000);
                break;
            case "coupon_code":
                RequiredString(parameter, "coupon_code", field, 20);
                break;
            default:
                var action = Value(parameter, "action", field);
                RequireObject(action, $"{field}.action");
                OptionalString(action, "flow_token", $"{field}.action", 1000);
                if (TryGet(action, "flow_action_data", out var data) && data.ValueKind != JsonValueKind.Object)
                {
                    throw Violation($"{field}.action.flow_action_data", $"{field}.action.flow_action_data must be a JSON object.");
                }

                break;
        }
    }

    private static void CheckLimitedTimeOffer(JsonElement component, string path)
    {
        var parameters = RequiredArray(component, "parameters", path, 1, 1);
        var field = $"{path}.parameters[0]";
        if (ParameterType(parameters[0], field) != "limited_time_offer")
        {
            throw Violation($"{field}.type", "A limited_time_offer component takes a limited_time_offer parameter.");
        }

        var offer = Value(parameters[0], "limited_time_offer", field);
        RequireObject(offer, $"{field}.limited_time_offer");
        // When the offer ends, in Unix epoch milliseconds.
        RequiredInteger(offer, "expiration_time_ms", $"{field}.limited_time_offer", 1, long.MaxValue);
    }

    private static void CheckCarousel(JsonElement component, string path)
    {
        var cards = RequiredArray(component, "cards", path, 1, MaxCards);
        HashSet<long> indexes = [];
        var index = 0;
        foreach (var card in cards.EnumerateArray())
        {
            var field = $"{path}.cards[{index++}]";
            RequireObject(card, field);
            if (!indexes.Add(RequiredInteger(card, "card_index", field, 0, MaxCards - 1)))
            {
                throw Violation($"{field}.card_index", "Every card has its own card_index.");
            }

            if (!TryGet(card, "components", out var components))
            {
                throw Violation($"{field}.components", $"{field}.components is required (at least the card's header).");
            }

            CheckComponents(components, $"{field}.components", inCard: true);
        }
    }

    private static string ParameterType(JsonElement parameter, string field)
    {
        RequireObject(parameter, field);
        return RequiredString(parameter, "type", field, 32);
    }

    private static JsonElement Value(JsonElement parameter, string type, string field) =>
        TryGet(parameter, type, out var value) ? value : throw Violation($"{field}.{type}", $"A {type} parameter needs its {type} value.");

    /// <summary>True when the parameter is named; names are lowercase letters, digits and underscores.</summary>
    private static bool CheckParameterName(JsonElement parameter, string field)
    {
        var name = OptionalString(parameter, "parameter_name", field, 100);
        if (name is not null && !ParameterName().IsMatch(name))
        {
            throw Violation($"{field}.parameter_name", "A parameter_name has lowercase letters, digits and underscores only.");
        }

        return name is not null;
    }

    /// <summary>Meta writes the button index as a string ("0") and also takes a number.</summary>
    private static int ButtonIndex(JsonElement component, string field)
    {
        if (!TryGet(component, "index", out var value))
        {
            throw Violation(field, $"{field} is required (the button's position, from 0).");
        }

        var parsed = value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt32(out var number) => number,
            JsonValueKind.String when int.TryParse(value.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) => number,
            _ => -1,
        };
        return parsed is >= 0 and <= 9 ? parsed : throw Violation(field, $"{field} must be the button's position, 0 to 9.");
    }

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyCode();

    [GeneratedRegex("^[a-z0-9_]+$")]
    private static partial Regex ParameterName();
}
