using System.Globalization;
using System.Text.Json.Nodes;

namespace WaApp.CloudApiSimulator.Templates;

/// <summary>Account-level template webhooks (<c>message_template_status_update</c> and friends) in Meta's envelope.</summary>
public static class TemplateWebhooks
{
    public const string StatusField = "message_template_status_update";
    public const string QualityField = "message_template_quality_update";
    public const string CategoryField = "template_category_update";
    public const string ComponentsField = "message_template_components_update";

    public static JsonObject Status(SimulatedTemplate template, string @event, DateTimeOffset at)
    {
        var value = Subject(template);
        value["event"] = @event;
        value["reason"] = template.Reason;
        value["message_template_category"] = template.Category;
        if (@event == "PAUSED")
        {
            value["other_info"] = new JsonObject { ["title"] = "FIRST_PAUSE", ["description"] = "Your template has been paused for 3 hours because of low quality." };
        }
        else if (@event == "DISABLED")
        {
            value["disable_info"] = new JsonObject { ["disable_date"] = at.ToUnixTimeSeconds() };
        }

        return Envelope(template.WabaId, StatusField, value, at);
    }

    public static JsonObject Quality(SimulatedTemplate template, string previous, DateTimeOffset at)
    {
        var value = Subject(template);
        value["previous_quality_score"] = previous;
        value["new_quality_score"] = template.Quality;
        return Envelope(template.WabaId, QualityField, value, at);
    }

    public static JsonObject Category(SimulatedTemplate template, string previous, DateTimeOffset at)
    {
        var value = Subject(template);
        value["previous_category"] = previous;
        value["new_category"] = template.Category;
        return Envelope(template.WabaId, CategoryField, value, at);
    }

    /// <summary>Meta's components-update notice after an edit: the body as <c>message_template_element</c>, header text as title.</summary>
    public static JsonObject Components(SimulatedTemplate template, DateTimeOffset at)
    {
        var value = Subject(template);
        foreach (var component in template.Components.OfType<JsonObject>())
        {
            var text = component["text"] is JsonValue node && node.TryGetValue<string>(out var words) ? words : null;
            switch ((component["type"] as JsonValue)?.ToString().ToUpperInvariant())
            {
                case "BODY" when text is not null:
                    value["message_template_element"] = text;
                    break;
                case "HEADER" when text is not null:
                    value["message_template_title"] = new JsonObject { ["type"] = "TEXT", ["text"] = text };
                    break;
                case "FOOTER" when text is not null:
                    value["message_template_footer"] = new JsonObject { ["text"] = text };
                    break;
            }
        }

        return Envelope(template.WabaId, ComponentsField, value, at);
    }

    private static JsonObject Subject(SimulatedTemplate template) => new()
    {
        // Meta sends the template id as a JSON number here, unlike everywhere else.
        ["message_template_id"] = long.Parse(template.Id, CultureInfo.InvariantCulture),
        ["message_template_name"] = template.Name,
        ["message_template_language"] = template.Language,
    };

    private static JsonObject Envelope(string wabaId, string field, JsonObject value, DateTimeOffset at) => new()
    {
        ["object"] = "whatsapp_business_account",
        ["entry"] = new JsonArray(new JsonObject
        {
            ["id"] = wabaId,
            ["time"] = at.ToUnixTimeSeconds(),
            ["changes"] = new JsonArray(new JsonObject { ["value"] = value, ["field"] = field }),
        }),
    };
}
