using System.Text.Json;
using WaApp.Grains.Abstractions.Outbound;
using WaApp.WhatsApp.Graph;

namespace WaApp.WebGateway.Api;

/// <summary>
/// Reads what a send says from its body: Meta's own message object (<c>"type": "interactive", "interactive": {…}</c>,
/// any type), a plain <c>"text"</c> string, or the short template form (<c>name</c>, <c>language</c> as a string,
/// positional <c>parameters</c>). Every object is checked against Meta's limits here, so a bad one is a 400 naming the
/// field before anything is stored.
/// </summary>
internal static class OutboundContentReader
{
    /// <summary>The content, or null with the field and message of a 400.</summary>
    public static OutboundContent? Read(SendMessageBody body, out string? field, out string? error)
    {
        (field, error) = (null, null);
        var members = Members(body).Where(member => member.Value is { ValueKind: not JsonValueKind.Null }).ToList();
        string type;
        if (body.Type is { } named)
        {
            type = named;
            if (!MessageObjectRules.Types.Contains(type))
            {
                (field, error) = ("type", $"type must be one of {string.Join(", ", MessageObjectRules.Types)}.");
                return null;
            }

            if (members.FirstOrDefault(member => member.Name != type) is { Name: { } other })
            {
                (field, error) = (other, $"A {type} message has no {other} object: send one message type.");
                return null;
            }
        }
        else if (members.Count == 1)
        {
            type = members[0].Name;
        }
        else
        {
            (field, error) = ("body", members.Count == 0
                ? "Send a message: text, template or another type with its object (e.g. \"type\": \"image\", \"image\": {…})."
                : "Send either text or template (one message type), not both.");
            return null;
        }

        if (members.FirstOrDefault(member => member.Name == type).Value is not { } payload)
        {
            (field, error) = (type, $"A {type} message needs its {type} object.");
            return null;
        }

        return type switch
        {
            "text" when payload.ValueKind == JsonValueKind.String => new TextContent(payload.GetString()!, body.PreviewUrl ?? false),
            "text" when payload.ValueKind != JsonValueKind.Object => Fail("text", "text must be a string or Meta's text object { \"body\": … }.", out field, out error),
            "template" when IsShortTemplate(payload) => ReadShortTemplate(payload, out field, out error),
            _ => ReadObject(type, payload, body.PreviewUrl, out field, out error),
        };
    }

    private static IEnumerable<(string Name, JsonElement? Value)> Members(SendMessageBody body) =>
    [
        ("text", body.Text), ("template", body.Template), ("image", body.Image), ("video", body.Video), ("audio", body.Audio),
        ("document", body.Document), ("sticker", body.Sticker), ("location", body.Location), ("contacts", body.Contacts),
        ("reaction", body.Reaction), ("interactive", body.Interactive),
    ];

    private static OutboundContent? ReadObject(string type, JsonElement payload, bool? previewUrl, out string? field, out string? error)
    {
        if (MessageObjectRules.Check(type, payload) is { } problem)
        {
            return Fail(problem.Field, problem.Message, out field, out error);
        }

        (field, error) = (null, null);
        if (type == "text")
        {
            // Meta's text object is the plain text message: it keeps the text's own handling (previews, limits).
            var preview = payload.TryGetProperty("preview_url", out var flag) ? flag.GetBoolean() : previewUrl ?? false;
            return new TextContent(payload.GetProperty("body").GetString()!, preview);
        }

        var json = JsonSerializer.Serialize(payload);
        return json.Length > MessageObjectContent.MaxJsonLength
            ? Fail(type, $"The {type} object is {json.Length} characters of JSON; at most {MessageObjectContent.MaxJsonLength} are kept.", out field, out error)
            : new MessageObjectContent(type, json, MessageSummaries.Of(type, payload));
    }

    /// <summary>The short form names its language as a string (<c>"en_US"</c>); Meta's form has <c>{ "code": … }</c>.</summary>
    private static bool IsShortTemplate(JsonElement template) =>
        template.ValueKind == JsonValueKind.Object
        && ((template.TryGetProperty("language", out var language) && language.ValueKind == JsonValueKind.String)
            || template.TryGetProperty("parameters", out _));

    private static OutboundContent? ReadShortTemplate(JsonElement template, out string? field, out string? error)
    {
        (field, error) = (null, null);
        var name = template.TryGetProperty("name", out var nameValue) && nameValue.ValueKind == JsonValueKind.String ? nameValue.GetString() : null;
        var language = template.TryGetProperty("language", out var languageValue) && languageValue.ValueKind == JsonValueKind.String ? languageValue.GetString() : null;
        if (FieldLimits.TooLong("template.name", name, FieldLimits.TemplateName) is not null)
        {
            return Fail("template.name", $"template.name must be at most {FieldLimits.TemplateName} characters.", out field, out error);
        }

        if (FieldLimits.TooLong("template.language", language, FieldLimits.TemplateLanguage) is not null)
        {
            return Fail("template.language", $"template.language must be at most {FieldLimits.TemplateLanguage} characters.", out field, out error);
        }

        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(language))
        {
            return Fail("template", "A template needs its name and language (e.g. en_US).", out field, out error);
        }

        List<string> parameters = [];
        if (template.TryGetProperty("parameters", out var values) && values.ValueKind != JsonValueKind.Null)
        {
            if (values.ValueKind != JsonValueKind.Array)
            {
                return Fail("template.parameters", "template.parameters must be an array of strings (the body's positional parameters).", out field, out error);
            }

            if (values.GetArrayLength() > FieldLimits.TemplateParameters)
            {
                return Fail("template.parameters", $"A template takes at most {FieldLimits.TemplateParameters} parameters.", out field, out error);
            }

            foreach (var value in values.EnumerateArray())
            {
                var path = $"template.parameters[{parameters.Count}]";
                if (value.ValueKind != JsonValueKind.String)
                {
                    return Fail(path, $"{path} must be a string.", out field, out error);
                }

                if (value.GetString()!.Length > FieldLimits.TemplateParameter)
                {
                    return Fail(path, $"{path} must be at most {FieldLimits.TemplateParameter} characters.", out field, out error);
                }

                parameters.Add(value.GetString()!);
            }
        }

        return new TemplateContent(name, language, parameters);
    }

    private static OutboundContent? Fail(string field, string error, out string? fieldOut, out string? errorOut)
    {
        (fieldOut, errorOut) = (field, error);
        return null;
    }
}
