using System.Text.Json.Nodes;
using WaApp.CloudApiSimulator.Sending;

namespace WaApp.CloudApiSimulator.Templates;

/// <summary>
/// Meta's template edit (<c>POST /{template-id}</c> with <c>category</c>, <c>components</c> and/or
/// <c>message_send_ttl_seconds</c>), with Meta's documented limits: only APPROVED, REJECTED or PAUSED templates can be
/// edited; name and language never change; an APPROVED template keeps its category and can be edited once in 24 hours
/// and ten times in 30 days (REJECTED and PAUSED ones without limit); the components are replaced whole and checked
/// like a creation. The edited template goes back to review (PENDING, then the review rule).
/// </summary>
public static class TemplateEditing
{
    public const int EditsPerMonth = 10;

    /// <summary>The edit's new category and components, or Meta's refusal; nothing is changed here.</summary>
    public static (string Category, JsonArray Components, MetaError? Error) Read(SimulatedTemplate template, JsonNode? body, DateTimeOffset now)
    {
        if (body is not JsonObject root)
        {
            return Fail(MetaError.InvalidParameter("The request body must be a JSON object."));
        }

        if (template.Status is not ("APPROVED" or "REJECTED" or "PAUSED"))
        {
            return Fail(MetaError.InvalidParameter($"Only templates that are APPROVED, REJECTED or PAUSED can be edited; this one is {template.Status}."));
        }

        if ((String(root, "name") is { } name && name != template.Name) || (String(root, "language") is { } language && language != template.Language))
        {
            return Fail(MetaError.InvalidParameter("A template's name and language cannot be edited."));
        }

        var category = String(root, "category")?.ToUpperInvariant() ?? template.Category;
        if (root.ContainsKey("category") && category is not ("MARKETING" or "UTILITY" or "AUTHENTICATION"))
        {
            return Fail(MetaError.InvalidParameter("Param category must be one of {MARKETING, UTILITY, AUTHENTICATION}."));
        }

        if (category != template.Category && template.Status == "APPROVED")
        {
            return Fail(MetaError.InvalidParameter("The category of an approved template cannot be edited."));
        }

        if (!root.ContainsKey("components") && !root.ContainsKey("category") && !root.ContainsKey("message_send_ttl_seconds"))
        {
            return Fail(MetaError.MissingParameter("An edit needs category, components or message_send_ttl_seconds."));
        }

        if (template.Status == "APPROVED")
        {
            var recent = template.ApprovedEdits.Where(at => now - at < TimeSpan.FromDays(30)).ToList();
            if (recent.Any(at => now - at < TimeSpan.FromDays(1)) || recent.Count >= EditsPerMonth)
            {
                return Fail(TemplateErrors.EditLimit(template.Name));
            }
        }

        var components = template.Components;
        if (root["components"] is { } given)
        {
            // Checked exactly as a creation of the same name, language and format would be.
            var creation = new JsonObject
            {
                ["name"] = template.Name,
                ["language"] = template.Language,
                ["category"] = category,
                ["parameter_format"] = template.ParameterFormat,
                ["components"] = given.DeepClone(),
            };
            var (checkedCreation, invalid) = TemplateCreation.Read(creation);
            if (invalid is not null)
            {
                return Fail(invalid);
            }

            components = checkedCreation!.Components;
        }

        return (category, components, null);
    }

    private static (string, JsonArray, MetaError?) Fail(MetaError error) => (string.Empty, [], error);

    private static string? String(JsonObject node, string name) => node[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
