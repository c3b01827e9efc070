using System.Text.Json;
using static WaApp.WhatsApp.Graph.JsonRules;

namespace WaApp.WhatsApp.Graph;

/// <summary>
/// Checks a message object as Meta documents it for each type (<c>"type": "interactive", "interactive": {…}</c>)
/// against Meta's own limits, so a message that Meta would refuse is refused before it is stored or sent. The first
/// problem is reported with the JSON path of the field, e.g. <c>interactive.action.buttons</c>.
/// </summary>
public static class MessageObjectRules
{
    /// <summary>Meta's limit for a text body.</summary>
    public const int MaxTextLength = 4096;

    /// <summary>The message types WaApp sends as Meta's objects.</summary>
    public static readonly IReadOnlySet<string> Types = new HashSet<string>(StringComparer.Ordinal)
    {
        "text", "image", "video", "audio", "document", "sticker", "location", "contacts", "reaction", "interactive", "template",
    };

    /// <summary>The first problem of <paramref name="payload"/> as a <paramref name="type"/> message, or null when Meta would take it.</summary>
    public static MessageObjectProblem? Check(string type, JsonElement payload)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!Types.Contains(type))
        {
            return new MessageObjectProblem("type", $"type must be one of {string.Join(", ", Types)}.");
        }

        try
        {
            switch (type)
            {
                case "text":
                    CheckText(payload);
                    break;
                case "location":
                    CheckLocation(payload, "location");
                    break;
                case "contacts":
                    CheckContacts(payload);
                    break;
                case "reaction":
                    CheckReaction(payload);
                    break;
                case "interactive":
                    InteractiveMessageRules.Check(payload);
                    break;
                case "template":
                    TemplateMessageRules.Check(payload);
                    break;
                default:
                    MediaMessageRules.Check(type, payload, type);
                    break;
            }

            return null;
        }
        catch (RuleViolation violation)
        {
            return violation.Problem;
        }
    }

    /// <summary>The message a reaction is about, or null when <paramref name="payload"/> is not a reaction object.</summary>
    public static string? ReactionTarget(JsonElement payload) =>
        TryGet(payload, "message_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    private static void CheckText(JsonElement text)
    {
        RequireObject(text, "text");
        RequiredString(text, "body", "text", MaxTextLength);
        if (TryGet(text, "preview_url", out var preview) && preview.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw Violation("text.preview_url", "text.preview_url must be true or false.");
        }
    }

    internal static void CheckLocation(JsonElement location, string field)
    {
        RequireObject(location, field);
        RequiredNumber(location, "latitude", field, -90, 90);
        RequiredNumber(location, "longitude", field, -180, 180);
        OptionalString(location, "name", field, 1000);
        OptionalString(location, "address", field, 1000);
    }

    private static void CheckContacts(JsonElement contacts)
    {
        if (contacts.ValueKind != JsonValueKind.Array || contacts.GetArrayLength() is 0 or > 257)
        {
            throw Violation("contacts", "contacts must be an array of 1 to 257 contact cards.");
        }

        var index = 0;
        foreach (var contact in contacts.EnumerateArray())
        {
            var field = $"contacts[{index++}]";
            RequireObject(contact, field);
            if (!TryGet(contact, "name", out var name))
            {
                throw Violation($"{field}.name", $"{field}.name is required.");
            }

            RequireObject(name, $"{field}.name");
            RequiredString(name, "formatted_name", $"{field}.name", 1000);
            if (TryGet(contact, "phones", out var phones) && phones.ValueKind != JsonValueKind.Array)
            {
                throw Violation($"{field}.phones", $"{field}.phones must be an array.");
            }

            if (TryGet(contact, "emails", out var emails) && emails.ValueKind != JsonValueKind.Array)
            {
                throw Violation($"{field}.emails", $"{field}.emails must be an array.");
            }
        }
    }

    private static void CheckReaction(JsonElement reaction)
    {
        RequireObject(reaction, "reaction");
        RequiredString(reaction, "message_id", "reaction", 256);
        if (!TryGet(reaction, "emoji", out var emoji))
        {
            throw Violation("reaction.emoji", "reaction.emoji is required (an empty string removes the reaction).");
        }

        // One emoji, which may be a sequence of several code points (a flag, a skin tone, a family).
        StringValue(emoji, "reaction.emoji", 32, allowEmpty: true);
    }
}
