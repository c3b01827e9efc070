using System.Text.Json;
using WaApp.CloudApiSimulator.Identities;

namespace WaApp.CloudApiSimulator.Sending;

/// <summary>
/// Checks a <c>POST /messages</c> body the way the Cloud API does (required fields, documented length and count
/// limits) and answers Meta's codes: 100 for an invalid parameter, 131008 for a missing one, 131009 for a value
/// outside its limits. It reads the raw JSON, independently of WaApp's own request records.
/// </summary>
public static partial class SendRequestValidator
{
    public const int MaxTextLength = 4096;

    private static readonly HashSet<string> MessageTypes =
        ["text", "template", "image", "audio", "video", "document", "sticker", "interactive", "location", "contacts", "reaction"];

    private static readonly HashSet<string> MediaTypes = ["image", "audio", "video", "document", "sticker"];

    public static (SendRequest? Request, MetaError? Error) Validate(ReadOnlySpan<byte> body)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(body);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException)
        {
            return (null, MetaError.InvalidParameter("The request body is not valid JSON."));
        }

        using (document)
        {
            try
            {
                return (Read(document.RootElement), null);
            }
            catch (InvalidRequestException invalid)
            {
                return (null, invalid.Error);
            }
        }
    }

    private static SendRequest Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("The request body must be a JSON object.");
        }

        if (OptionalString(root, "messaging_product") != "whatsapp")
        {
            throw new InvalidRequestException(MetaError.InvalidParameter("The parameter messaging_product is required and must be \"whatsapp\"."));
        }

        if (root.TryGetProperty("status", out _))
        {
            return ReadReceipt(root);
        }

        if (OptionalString(root, "recipient_type") is { } recipientType && recipientType != "individual")
        {
            throw Invalid("Param recipient_type must be \"individual\" (groups are not simulated).");
        }

        var (input, waId, userId) = ReadRecipient(root);

        var type = OptionalString(root, "type") ?? "text";
        if (!MessageTypes.Contains(type))
        {
            throw Invalid($"Param type must be one of {{{string.Join(", ", MessageTypes)}}}.");
        }

        if (!root.TryGetProperty(type, out var payload) || payload.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            throw Missing($"Parameter '{type}' is required for type {type}.");
        }

        var callbackData = OptionalString(root, "biz_opaque_callback_data");
        if (callbackData is { Length: > 512 })
        {
            throw Invalid("Param biz_opaque_callback_data must be at most 512 characters long.");
        }

        if (root.TryGetProperty("context", out var context))
        {
            if (type == "reaction")
            {
                throw Invalid("Param context is not allowed on reaction messages.");
            }

            RequiredString(context, "message_id", "context['message_id']");
        }

        switch (type)
        {
            case "text":
                ValidateText(payload);
                break;
            case "template":
                ValidateTemplate(payload);
                break;
            case "interactive":
                ValidateInteractive(payload);
                break;
            case "location":
                ValidateLocation(payload);
                break;
            case "contacts":
                ValidateContacts(payload);
                break;
            case "reaction":
                RequiredString(payload, "message_id", "reaction['message_id']");
                if (!payload.TryGetProperty("emoji", out var emoji) || emoji.ValueKind != JsonValueKind.String)
                {
                    throw Missing("Parameter reaction['emoji'] is required (an empty string removes the reaction).");
                }

                break;
            default:
                ValidateMedia(payload, type);
                break;
        }

        var templateName = type == "template" && payload.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null;
        return new SendRequest.Message(type, input, waId, userId, callbackData, templateName);
    }

    private static SendRequest.ReadReceipt ReadReceipt(JsonElement root)
    {
        if (OptionalString(root, "status") != "read")
        {
            throw Invalid("Param status must be \"read\".");
        }

        var messageId = RequiredString(root, "message_id", "message_id");
        if (!messageId.StartsWith("wamid.", StringComparison.Ordinal))
        {
            throw Invalid("Param message_id must be a WhatsApp message id (wamid.…).");
        }

        var typing = false;
        if (root.TryGetProperty("typing_indicator", out var indicator))
        {
            if (OptionalString(indicator, "type") != "text")
            {
                throw Invalid("Param typing_indicator['type'] must be \"text\".");
            }

            typing = true;
        }

        return new SendRequest.ReadReceipt(messageId, typing);
    }

    /// <summary>
    /// Who the message goes to: <c>to</c> (a phone number) or, since 2026, <c>recipient</c> (a business-scoped user id
    /// or parent BSUID, for users who hide their number behind a username). <c>to</c> wins when both are present. A
    /// BSUID in <c>to</c> is refused with #100: it is not a phone number, and Meta does not deliver it.
    /// </summary>
    private static (string Input, string? WaId, string? UserId) ReadRecipient(JsonElement root)
    {
        if (OptionalString(root, "to") is { Length: > 0 } input)
        {
            if (Bsuids.IsBsuid(input))
            {
                throw Invalid("Param to must be a phone number; send to a business-scoped user id with the recipient parameter.");
            }

            var waId = new string([.. input.Where(char.IsAsciiDigit)]);
            if (waId.Length is < 7 or > 15 || input.Any(c => !char.IsAsciiDigit(c) && c is not ('+' or ' ' or '-' or '(' or ')')))
            {
                throw Invalid("Param to must be a phone number: digits with an optional +, spaces, hyphens and parentheses.");
            }

            return (input, waId, null);
        }

        if (OptionalString(root, "recipient") is { Length: > 0 } recipient)
        {
            return Bsuids.IsBsuid(recipient)
                ? (recipient, null, recipient)
                : throw Invalid("Param recipient must be a business-scoped user id, e.g. US.13491208655302741918.");
        }

        // Meta answers a missing recipient with #100, not #131008.
        throw Invalid("The parameter to (a phone number) or recipient (a business-scoped user id) is required.");
    }

    private static void ValidateText(JsonElement text)
    {
        var body = RequiredString(text, "body", "text['body']");
        if (body.Length > MaxTextLength)
        {
            throw Invalid($"Param text['body'] must be at most {MaxTextLength} characters long.");
        }

        if (text.TryGetProperty("preview_url", out var preview) && preview.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw Invalid("Param text['preview_url'] must be a boolean.");
        }
    }

    private static void ValidateMedia(JsonElement media, string type)
    {
        if (media.ValueKind != JsonValueKind.Object)
        {
            throw Invalid($"Param {type} must be an object.");
        }

        var id = OptionalString(media, "id");
        var link = OptionalString(media, "link");
        if (id is null && link is null)
        {
            throw Missing($"Parameter {type}['id'] or {type}['link'] is required.");
        }

        if (id is not null && link is not null)
        {
            throw Invalid($"Param {type} must have either an id or a link, not both.");
        }

        if (link is not null && (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            throw Invalid($"Param {type}['link'] must be an absolute http(s) URL.");
        }

        if (OptionalString(media, "caption") is { } caption)
        {
            if (type is "audio" or "sticker")
            {
                throw Invalid($"Param {type}['caption'] is not allowed on {type} messages.");
            }

            if (caption.Length > 1024)
            {
                throw Invalid($"Param {type}['caption'] must be at most 1024 characters long.");
            }
        }

        if (media.TryGetProperty("filename", out _) && type != "document")
        {
            throw Invalid($"Param {type}['filename'] is only allowed on documents.");
        }
    }

    private static void ValidateTemplate(JsonElement template)
    {
        RequiredString(template, "name", "template['name']");
        if (!template.TryGetProperty("language", out var language))
        {
            throw Missing("Parameter template['language'] is required.");
        }

        RequiredString(language, "code", "template['language']['code']");
        if (!template.TryGetProperty("components", out var components))
        {
            return;
        }

        if (components.ValueKind != JsonValueKind.Array)
        {
            throw Invalid("Param template['components'] must be an array.");
        }

        foreach (var component in components.EnumerateArray())
        {
            var componentType = RequiredString(component, "type", "template['components'][]['type']");
            if (componentType is not ("header" or "body" or "button" or "footer" or "carousel" or "limited_time_offer"))
            {
                throw Invalid($"Param template['components'][]['type'] has an unknown value '{componentType}'.");
            }

            if (componentType == "button")
            {
                RequiredString(component, "sub_type", "template['components'][]['sub_type']");
                // Meta's examples write the index as a string ("0") or a number (0); both are taken.
                if (!component.TryGetProperty("index", out var index) || index.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
                {
                    throw Missing("The parameter template['components'][]['index'] is required.");
                }
            }

            if (component.TryGetProperty("parameters", out var parameters))
            {
                foreach (var parameter in parameters.EnumerateArray())
                {
                    var parameterType = RequiredString(parameter, "type", "template parameter 'type'");
                    if (parameterType is not ("text" or "currency" or "date_time" or "image" or "video" or "document" or "payload" or "coupon_code" or "action" or "location" or "limited_time_offer"))
                    {
                        throw Invalid($"Template parameter type '{parameterType}' is not valid.");
                    }

                    if (!parameter.TryGetProperty(parameterType, out var value))
                    {
                        throw Missing($"Template parameter of type {parameterType} needs a '{parameterType}' value.");
                    }

                    ValidateTemplateParameter(componentType, parameterType, value);
                }
            }

            if (componentType == "carousel")
            {
                ValidateCarousel(component);
            }
        }
    }

    private static void ValidateInteractive(JsonElement interactive)
    {
        var kind = RequiredString(interactive, "type", "interactive['type']");
        if (!interactive.TryGetProperty("action", out var action))
        {
            throw Missing("Parameter interactive['action'] is required.");
        }

        var bodyLimit = kind == "list" ? 4096 : 1024;
        var body = interactive.TryGetProperty("body", out var bodyElement) ? RequiredString(bodyElement, "text", "interactive['body']['text']") : null;
        if (body is null && kind is "button" or "list")
        {
            throw Missing("Parameter interactive['body'] is required.");
        }

        if (body is { Length: var length } && length > bodyLimit)
        {
            throw InvalidValue($"interactive['body']['text'] must be at most {bodyLimit} characters long.");
        }

        if (interactive.TryGetProperty("footer", out var footer) && RequiredString(footer, "text", "interactive['footer']['text']").Length > 60)
        {
            throw InvalidValue("interactive['footer']['text'] must be at most 60 characters long.");
        }

        if (interactive.TryGetProperty("header", out var header))
        {
            var headerType = RequiredString(header, "type", "interactive['header']['type']");
            if (headerType == "text" && RequiredString(header, "text", "interactive['header']['text']").Length > 60)
            {
                throw InvalidValue("interactive['header']['text'] must be at most 60 characters long.");
            }

            if (kind == "list" && headerType != "text")
            {
                throw InvalidValue("A list message only supports a text header.");
            }
        }

        switch (kind)
        {
            case "button":
                ValidateButtons(action);
                break;
            case "list":
                ValidateList(action);
                break;
            case "cta_url":
                ValidateCtaUrl(action);
                break;
            case "flow":
                ValidateFlow(action);
                break;
            case "location_request_message":
                ValidateLocationRequest(interactive, action);
                break;
            case "product" or "product_list" or "address_message":
                break;
            default:
                throw Invalid($"Param interactive['type'] has an unknown value '{kind}'.");
        }
    }

    private static void ValidateButtons(JsonElement action)
    {
        if (!action.TryGetProperty("buttons", out var buttons) || buttons.ValueKind != JsonValueKind.Array)
        {
            throw Missing("Parameter interactive['action']['buttons'] is required.");
        }

        var count = buttons.GetArrayLength();
        if (count is < 1 or > 3)
        {
            throw InvalidValue($"Buttons count is {count}; it must be between 1 and 3.");
        }

        HashSet<string> ids = [];
        HashSet<string> titles = [];
        foreach (var button in buttons.EnumerateArray())
        {
            if (OptionalString(button, "type") != "reply" || !button.TryGetProperty("reply", out var reply))
            {
                throw InvalidValue("Each button must be {\"type\":\"reply\",\"reply\":{id,title}}.");
            }

            var id = RequiredString(reply, "id", "button reply id");
            var title = RequiredString(reply, "title", "button reply title");
            if (id.Length > 256 || title.Length > 20)
            {
                throw InvalidValue("A reply button id is at most 256 and its title at most 20 characters long.");
            }

            if (!ids.Add(id) || !titles.Add(title))
            {
                throw InvalidValue("Reply button ids and titles must be unique.");
            }
        }
    }

    private static void ValidateList(JsonElement action)
    {
        if (RequiredString(action, "button", "interactive['action']['button']").Length > 20)
        {
            throw InvalidValue("The list button text must be at most 20 characters long.");
        }

        if (!action.TryGetProperty("sections", out var sections) || sections.ValueKind != JsonValueKind.Array)
        {
            throw Missing("Parameter interactive['action']['sections'] is required.");
        }

        var sectionCount = sections.GetArrayLength();
        if (sectionCount is < 1 or > 10)
        {
            throw InvalidValue($"Sections count is {sectionCount}; it must be between 1 and 10.");
        }

        var rows = 0;
        HashSet<string> ids = [];
        foreach (var section in sections.EnumerateArray())
        {
            if (OptionalString(section, "title") is { Length: > 24 })
            {
                throw InvalidValue("A section title must be at most 24 characters long.");
            }

            if (sectionCount > 1 && OptionalString(section, "title") is null)
            {
                throw Missing("Each section needs a title when there is more than one.");
            }

            if (!section.TryGetProperty("rows", out var sectionRows) || sectionRows.ValueKind != JsonValueKind.Array)
            {
                throw Missing("Parameter rows is required in every section.");
            }

            foreach (var row in sectionRows.EnumerateArray())
            {
                rows++;
                var id = RequiredString(row, "id", "row id");
                var title = RequiredString(row, "title", "row title");
                if (id.Length > 200 || title.Length > 24 || OptionalString(row, "description") is { Length: > 72 })
                {
                    throw InvalidValue("A row id is at most 200, its title 24 and its description 72 characters long.");
                }

                if (!ids.Add(id))
                {
                    throw InvalidValue("Row ids must be unique.");
                }
            }
        }

        if (rows is < 1 or > 10)
        {
            throw InvalidValue($"Rows count is {rows}; a list has between 1 and 10 rows in total.");
        }
    }

    private static void ValidateLocation(JsonElement location)
    {
        var latitude = RequiredNumber(location, "latitude");
        var longitude = RequiredNumber(location, "longitude");
        if (latitude is < -90 or > 90 || longitude is < -180 or > 180)
        {
            throw Invalid("Param location latitude must be within ±90 and longitude within ±180.");
        }
    }

    private static void ValidateContacts(JsonElement contacts)
    {
        if (contacts.ValueKind != JsonValueKind.Array || contacts.GetArrayLength() == 0)
        {
            throw Missing("Parameter contacts must be a non-empty array.");
        }

        foreach (var contact in contacts.EnumerateArray())
        {
            if (!contact.TryGetProperty("name", out var name))
            {
                throw Missing("Parameter contacts[]['name'] is required.");
            }

            RequiredString(name, "formatted_name", "contacts[]['name']['formatted_name']");
        }
    }

    private static string? OptionalString(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string RequiredString(JsonElement element, string property, string label)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw Missing($"The parameter {label} is required.");
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw Invalid($"Param {label} must be a string.");
        }

        var text = value.GetString()!;
        return text.Length == 0 ? throw Missing($"The parameter {label} is required.") : text;
    }

    private static double RequiredNumber(JsonElement element, string property)
    {
        if (!element.TryGetProperty(property, out var value))
        {
            throw Missing($"The parameter location['{property}'] is required.");
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDouble(),
            JsonValueKind.String when double.TryParse(value.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => throw Invalid($"Param location['{property}'] must be a number."),
        };
    }

    private static InvalidRequestException Invalid(string details) => new(MetaError.InvalidParameter(details));

    private static InvalidRequestException Missing(string details) => new(MetaError.MissingParameter(details));

    private static InvalidRequestException InvalidValue(string details) => new(MetaError.InvalidValue(details));

    private sealed class InvalidRequestException(MetaError error) : Exception(error.Details)
    {
        public MetaError Error { get; } = error;
    }
}
