using System.Text.Json;

namespace WaApp.CloudApiSimulator.Sending;

/// <summary>
/// The interactive kinds beyond buttons and lists (call-to-action URL, location request, flow) and the template
/// parameter formats (currency, date_time, media, location, coupon codes, limited-time offers, carousel cards), with
/// the limits Meta documents for each.
/// </summary>
public static partial class SendRequestValidator
{
    private static void ValidateCtaUrl(JsonElement action)
    {
        if (OptionalString(action, "name") != "cta_url")
        {
            throw Invalid("Param interactive['action']['name'] must be \"cta_url\".");
        }

        if (!action.TryGetProperty("parameters", out var parameters))
        {
            throw Missing("Parameter interactive['action']['parameters'] is required.");
        }

        if (RequiredString(parameters, "display_text", "interactive['action']['parameters']['display_text']").Length > 20)
        {
            throw InvalidValue("interactive['action']['parameters']['display_text'] must be at most 20 characters long.");
        }

        var url = RequiredString(parameters, "url", "interactive['action']['parameters']['url']");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw Invalid("Param interactive['action']['parameters']['url'] must be an absolute http(s) URL.");
        }
    }

    private static void ValidateLocationRequest(JsonElement interactive, JsonElement action)
    {
        if (OptionalString(action, "name") != "send_location")
        {
            throw Invalid("Param interactive['action']['name'] must be \"send_location\".");
        }

        if (interactive.TryGetProperty("header", out _) || interactive.TryGetProperty("footer", out _))
        {
            throw Invalid("A location request message has no header or footer.");
        }
    }

    private static void ValidateFlow(JsonElement action)
    {
        if (OptionalString(action, "name") != "flow")
        {
            throw Invalid("Param interactive['action']['name'] must be \"flow\".");
        }

        if (!action.TryGetProperty("parameters", out var parameters))
        {
            throw Missing("Parameter interactive['action']['parameters'] is required.");
        }

        if (RequiredString(parameters, "flow_message_version", "flow_message_version") != "3")
        {
            throw InvalidValue("flow_message_version must be \"3\".");
        }

        if ((OptionalString(parameters, "flow_id") is null) == (OptionalString(parameters, "flow_name") is null))
        {
            throw Invalid("Exactly one of flow_id and flow_name is required.");
        }

        if (RequiredString(parameters, "flow_cta", "flow_cta").Length > 30)
        {
            throw InvalidValue("flow_cta must be at most 30 characters long.");
        }

        if (OptionalString(parameters, "flow_action") is { } flowAction && flowAction is not ("navigate" or "data_exchange"))
        {
            throw InvalidValue("flow_action must be navigate or data_exchange.");
        }
    }

    private static void ValidateTemplateParameter(string componentType, string parameterType, JsonElement value)
    {
        switch (parameterType)
        {
            case "text":
                var limit = componentType == "header" ? 60 : 32768;
                if (value.ValueKind != JsonValueKind.String || value.GetString()!.Length is 0 || value.GetString()!.Length > limit)
                {
                    throw InvalidValue($"A {componentType} text parameter must be 1 to {limit} characters long.");
                }

                break;
            case "currency":
                RequiredString(value, "fallback_value", "currency['fallback_value']");
                if (RequiredString(value, "code", "currency['code']").Length != 3)
                {
                    throw InvalidValue("currency['code'] must be an ISO 4217 code.");
                }

                if (!value.TryGetProperty("amount_1000", out var amount) || amount.ValueKind != JsonValueKind.Number || !amount.TryGetInt64(out _))
                {
                    throw Invalid("Param currency['amount_1000'] must be an integer (the amount times 1000).");
                }

                break;
            case "date_time":
                RequiredString(value, "fallback_value", "date_time['fallback_value']");
                break;
            case "image" or "video" or "document":
                ValidateMedia(value, parameterType);
                break;
            case "location":
                ValidateLocation(value);
                break;
            case "coupon_code":
                if (value.ValueKind != JsonValueKind.String || value.GetString()!.Length is 0 or > 20)
                {
                    throw InvalidValue("coupon_code must be 1 to 20 characters long.");
                }

                break;
            case "limited_time_offer":
                if (!value.TryGetProperty("expiration_time_ms", out var expiry) || expiry.ValueKind != JsonValueKind.Number || !expiry.TryGetInt64(out _))
                {
                    throw Invalid("Param limited_time_offer['expiration_time_ms'] must be an integer (Unix time in milliseconds).");
                }

                break;
        }
    }

    private static void ValidateCarousel(JsonElement component)
    {
        if (!component.TryGetProperty("cards", out var cards) || cards.ValueKind != JsonValueKind.Array)
        {
            throw Missing("Parameter carousel['cards'] is required.");
        }

        var count = cards.GetArrayLength();
        if (count is < 1 or > 10)
        {
            throw InvalidValue($"Cards count is {count}; a carousel has at most 10 cards.");
        }

        foreach (var card in cards.EnumerateArray())
        {
            if (!card.TryGetProperty("card_index", out var index) || index.ValueKind != JsonValueKind.Number)
            {
                throw Missing("Parameter card_index is required on every card.");
            }

            if (!card.TryGetProperty("components", out var components) || components.ValueKind != JsonValueKind.Array)
            {
                throw Missing("Parameter components is required on every card.");
            }

            ValidateTemplate(CardAsTemplate(components));
        }
    }

    // A card's components follow the template rules; checked as a nameless template of their own.
    private static JsonElement CardAsTemplate(JsonElement components)
    {
        var json = $$"""{"name":"card","language":{"code":"en"},"components":{{components.GetRawText()}}}""";
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
