using System.Text.Json;
using static WaApp.WhatsApp.Graph.JsonRules;

namespace WaApp.WhatsApp.Graph;

/// <summary>
/// Interactive messages with Meta's limits: reply buttons (1 to 3, titles ≤ 20), lists (≤ 10 sections, ≤ 10 rows in
/// all), a call-to-action URL button, a location request and a flow. Bodies ≤ 1024 characters (4096 for lists),
/// headers and footers ≤ 60.
/// </summary>
internal static class InteractiveMessageRules
{
    public const int MaxButtons = 3;
    public const int MaxButtonTitle = 20;
    public const int MaxRows = 10;
    public const int MaxSections = 10;

    private const string Field = "interactive";

    private static readonly string[] Kinds = ["button", "list", "cta_url", "location_request_message", "flow"];

    public static void Check(JsonElement interactive)
    {
        RequireObject(interactive, Field);
        var kind = RequiredString(interactive, "type", Field, 64);
        if (Array.IndexOf(Kinds, kind) < 0)
        {
            throw Violation("interactive.type", $"interactive.type must be one of {string.Join(", ", Kinds)}.");
        }

        if (!TryGet(interactive, "body", out var body))
        {
            throw Violation("interactive.body", "interactive.body is required.");
        }

        RequireObject(body, "interactive.body");
        RequiredString(body, "text", "interactive.body", kind == "list" ? 4096 : 1024);
        if (TryGet(interactive, "footer", out var footer))
        {
            if (kind == "location_request_message")
            {
                throw Violation("interactive.footer", "A location request has no footer.");
            }

            RequireObject(footer, "interactive.footer");
            RequiredString(footer, "text", "interactive.footer", 60);
        }

        if (TryGet(interactive, "header", out var header))
        {
            CheckHeader(kind, header);
        }

        if (!TryGet(interactive, "action", out var action))
        {
            throw Violation("interactive.action", "interactive.action is required.");
        }

        RequireObject(action, "interactive.action");
        switch (kind)
        {
            case "button":
                CheckButtons(action);
                break;
            case "list":
                CheckList(action);
                break;
            case "cta_url":
                CheckCtaUrl(action);
                break;
            case "location_request_message":
                RequireName(action, "send_location");
                break;
            default:
                CheckFlow(action);
                break;
        }
    }

    private static void CheckHeader(string kind, JsonElement header)
    {
        RequireObject(header, "interactive.header");
        if (kind == "location_request_message")
        {
            throw Violation("interactive.header", "A location request has no header.");
        }

        var type = RequiredString(header, "type", "interactive.header", 16);
        if (type == "text")
        {
            RequiredString(header, "text", "interactive.header", 60);
            return;
        }

        if (kind == "list" || type is not ("image" or "video" or "document"))
        {
            throw Violation("interactive.header.type", kind == "list"
                ? "A list message takes a text header only."
                : "interactive.header.type must be text, image, video or document.");
        }

        if (!TryGet(header, type, out var media))
        {
            throw Violation($"interactive.header.{type}", $"interactive.header.{type} is required.");
        }

        MediaMessageRules.Check(type, media, $"interactive.header.{type}", allowCaption: false);
    }

    private static void CheckButtons(JsonElement action)
    {
        var buttons = RequiredArray(action, "buttons", "interactive.action", 1, MaxButtons);
        HashSet<string> ids = new(StringComparer.Ordinal);
        HashSet<string> titles = new(StringComparer.Ordinal);
        var index = 0;
        foreach (var button in buttons.EnumerateArray())
        {
            var field = $"interactive.action.buttons[{index++}]";
            RequireObject(button, field);
            if (RequiredString(button, "type", field, 16) != "reply")
            {
                throw Violation($"{field}.type", $"{field}.type must be \"reply\".");
            }

            if (!TryGet(button, "reply", out var reply))
            {
                throw Violation($"{field}.reply", $"{field}.reply is required.");
            }

            RequireObject(reply, $"{field}.reply");
            if (!ids.Add(RequiredString(reply, "id", $"{field}.reply", 256)))
            {
                throw Violation($"{field}.reply.id", "Reply button ids must be unique.");
            }

            if (!titles.Add(RequiredString(reply, "title", $"{field}.reply", MaxButtonTitle)))
            {
                throw Violation($"{field}.reply.title", "Reply button titles must be unique.");
            }
        }
    }

    private static void CheckList(JsonElement action)
    {
        RequiredString(action, "button", "interactive.action", MaxButtonTitle);
        var sections = RequiredArray(action, "sections", "interactive.action", 1, MaxSections);
        var multiple = sections.GetArrayLength() > 1;
        var rows = 0;
        HashSet<string> ids = new(StringComparer.Ordinal);
        var index = 0;
        foreach (var section in sections.EnumerateArray())
        {
            var field = $"interactive.action.sections[{index++}]";
            RequireObject(section, field);
            var title = OptionalString(section, "title", field, 24);
            if (multiple && title is null)
            {
                throw Violation($"{field}.title", "Every section needs a title when a list has more than one.");
            }

            var sectionRows = RequiredArray(section, "rows", field, 1, MaxRows);
            var rowIndex = 0;
            foreach (var row in sectionRows.EnumerateArray())
            {
                var rowField = $"{field}.rows[{rowIndex++}]";
                if (++rows > MaxRows)
                {
                    throw Violation("interactive.action.sections", $"A list has at most {MaxRows} rows in all its sections.");
                }

                RequireObject(row, rowField);
                if (!ids.Add(RequiredString(row, "id", rowField, 200)))
                {
                    throw Violation($"{rowField}.id", "Row ids must be unique across the list.");
                }

                RequiredString(row, "title", rowField, 24);
                OptionalString(row, "description", rowField, 72);
            }
        }
    }

    private static void CheckCtaUrl(JsonElement action)
    {
        RequireName(action, "cta_url");
        if (!TryGet(action, "parameters", out var parameters))
        {
            throw Violation("interactive.action.parameters", "interactive.action.parameters is required.");
        }

        RequireObject(parameters, "interactive.action.parameters");
        RequiredString(parameters, "display_text", "interactive.action.parameters", MaxButtonTitle);
        RequiredLink(parameters, "url", "interactive.action.parameters");
    }

    private static void CheckFlow(JsonElement action)
    {
        RequireName(action, "flow");
        const string Parameters = "interactive.action.parameters";
        if (!TryGet(action, "parameters", out var parameters))
        {
            throw Violation(Parameters, $"{Parameters} is required.");
        }

        RequireObject(parameters, Parameters);
        if (RequiredString(parameters, "flow_message_version", Parameters, 8) != "3")
        {
            throw Violation($"{Parameters}.flow_message_version", $"{Parameters}.flow_message_version must be \"3\".");
        }

        var byId = OptionalString(parameters, "flow_id", Parameters, 64) is not null;
        var byName = OptionalString(parameters, "flow_name", Parameters, 200) is not null;
        if (byId == byName)
        {
            throw Violation($"{Parameters}.flow_id", "A flow is named by flow_id or flow_name (exactly one).");
        }

        RequiredString(parameters, "flow_cta", Parameters, 30);
        OptionalString(parameters, "flow_token", Parameters, 1000);
        var flowAction = OptionalString(parameters, "flow_action", Parameters, 32) ?? "navigate";
        if (flowAction is not ("navigate" or "data_exchange"))
        {
            throw Violation($"{Parameters}.flow_action", $"{Parameters}.flow_action must be navigate or data_exchange.");
        }

        if (TryGet(parameters, "flow_action_payload", out var payload))
        {
            RequireObject(payload, $"{Parameters}.flow_action_payload");
            if (flowAction == "navigate")
            {
                RequiredString(payload, "screen", $"{Parameters}.flow_action_payload", 200);
            }
        }
    }

    private static void RequireName(JsonElement action, string name)
    {
        if (RequiredString(action, "name", "interactive.action", 64) != name)
        {
            throw Violation("interactive.action.name", $"interactive.action.name must be \"{name}\".");
        }
    }
}
