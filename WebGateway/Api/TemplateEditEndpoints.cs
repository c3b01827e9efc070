using System.Text.Json;
using WaApp.Grains.Abstractions.Templates;

namespace WaApp.WebGateway.Api;

/// <summary>
/// <c>PUT /api/v1/businesses/{phoneNumberId}/templates/{name}/{language}</c>: edits one template at Meta
/// (<c>POST /{template-id}</c>) with Meta's edit body (<c>components</c>, <c>category</c>,
/// <c>message_send_ttl_seconds</c>). PUT because Meta replaces the components whole. What WaApp can tell without Meta
/// (unknown template, a status Meta does not edit, an approved template's category) is refused before the call; Meta's
/// edit limits are Meta's to enforce, and its refusal comes back as a 400 with Meta's words.
/// </summary>
public static class TemplateEditEndpoints
{
    private static readonly string[] EditableStatuses = ["APPROVED", "REJECTED", "PAUSED"];

    public static RouteGroupBuilder MapTemplateEditApi(this RouteGroupBuilder businesses)
    {
        businesses.MapPut("/{phoneNumberId}/templates/{name}/{language}", EditAsync)
            .WithName("EditTemplate")
            .WithSummary("Edits a template at Meta with Meta's edit body (components, category, message_send_ttl_seconds); it goes back to review (PENDING).")
            .Produces<TemplateItem>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status502BadGateway);
        return businesses;
    }

    private static async Task<IResult> EditAsync(string phoneNumberId, string name, string language, JsonElement? body, IGrainFactory grains)
    {
        if (Invalid(body, name, language) is { } invalid)
        {
            return invalid;
        }

        var (catalog, problem) = await TemplateManagementEndpoints.CatalogAsync(phoneNumberId, grains);
        if (catalog is null)
        {
            return problem!;
        }

        var lookup = await catalog.FindAsync(name);
        if (lookup.Templates.FirstOrDefault(template => template.Language == language) is not { } template)
        {
            return Problems.NotFound($"The account has no template '{name}' in '{language}'; sync the templates if it was created recently.");
        }

        var status = template.Status.ToUpperInvariant();
        if (!EditableStatuses.Contains(status))
        {
            return Results.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "The template cannot be edited now",
                detail: $"Meta edits only APPROVED, REJECTED or PAUSED templates; '{name}' ({language}) is {template.Status}.",
                type: "https://waapp.dev/problems/template-not-editable",
                extensions: new Dictionary<string, object?> { ["templateStatus"] = template.Status });
        }

        var category = body!.Value.TryGetProperty("category", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()!.ToUpperInvariant() : null;
        if (status == "APPROVED" && category is not null && template.Category is { } current && category != current.ToUpperInvariant())
        {
            return Problems.Validation("category", $"Meta does not change the category of an approved template ({current}); leave category out, or create a new template.");
        }

        var result = await catalog.EditAsync(name, language, body.Value.GetRawText());
        return result is { Succeeded: true, Template: { } edited }
            ? Results.Ok(TemplateItem.From(edited))
            : result.HttpStatus == StatusCodes.Status404NotFound && result.ErrorCode is null
                ? Problems.NotFound(result.Error ?? "The template is not known.")
                : TemplateManagementEndpoints.MetaProblem(result, "Meta did not edit the template");
    }

    /// <summary>Meta's edit body: at least one of components, category, message_send_ttl_seconds; name and language stay.</summary>
    private static IResult? Invalid(JsonElement? body, string name, string language)
    {
        if (body is not { ValueKind: JsonValueKind.Object } root)
        {
            return Problems.Validation("body", "A JSON object with components and/or category (Meta's edit body) is required.");
        }

        foreach (var (field, fixedValue) in new[] { ("name", name), ("language", language) })
        {
            if (root.TryGetProperty(field, out var given) && (given.ValueKind != JsonValueKind.String || given.GetString() != fixedValue))
            {
                return Problems.Validation(field, $"A template's {field} cannot be edited; it is '{fixedValue}' (from the path).");
            }
        }

        var hasComponents = root.TryGetProperty("components", out var components);
        if (hasComponents && (components.ValueKind != JsonValueKind.Array || components.GetArrayLength() == 0))
        {
            return Problems.Validation("components", "components must be a non-empty array of Meta's template components; they replace the template's components whole.");
        }

        var hasCategory = root.TryGetProperty("category", out var category);
        if (hasCategory && (category.ValueKind != JsonValueKind.String || !TemplateManagementEndpoints.Categories.Contains(category.GetString()!.ToUpperInvariant())))
        {
            return Problems.Validation("category", "category must be MARKETING, UTILITY or AUTHENTICATION.");
        }

        var hasTtl = root.TryGetProperty("message_send_ttl_seconds", out var ttl);
        if (hasTtl && ttl.ValueKind != JsonValueKind.Number)
        {
            return Problems.Validation("message_send_ttl_seconds", "message_send_ttl_seconds must be a number of seconds.");
        }

        return hasComponents || hasCategory || hasTtl
            ? null
            : Problems.Validation("components", "An edit needs components, category or message_send_ttl_seconds.");
    }
}
