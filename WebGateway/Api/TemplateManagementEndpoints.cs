using System.Text.Json;
using System.Text.RegularExpressions;
using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.Templates;

namespace WaApp.WebGateway.Api;

/// <summary>
/// Template management through the Graph API: <c>POST …/templates</c> with Meta's creation body (201, PENDING until
/// Meta reviews it), <c>DELETE …/templates/{name}</c> (every language) and <c>POST …/templates/sync</c>. These change
/// the account at Meta, so read-only keys are refused (the default for API endpoints).
/// </summary>
public static partial class TemplateManagementEndpoints
{
    internal static readonly string[] Categories = ["MARKETING", "UTILITY", "AUTHENTICATION"];

    public static RouteGroupBuilder MapTemplateManagementApi(this RouteGroupBuilder businesses)
    {
        businesses.MapPost("/{phoneNumberId}/templates", CreateAsync)
            .WithName("CreateTemplate")
            .WithSummary("Submits a template to Meta's review with Meta's creation body (name, language, category, components); 201 with status PENDING.")
            .Produces<TemplateItem>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status502BadGateway);
        businesses.MapDelete("/{phoneNumberId}/templates/{name}", DeleteAsync)
            .WithName("DeleteTemplate")
            .WithSummary("Deletes the template (every language) at Meta and from WaApp.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status502BadGateway);
        businesses.MapPost("/{phoneNumberId}/templates/sync", SyncAsync)
            .WithName("SyncTemplates")
            .WithSummary("Reads every page of the account's templates from the Graph API now.")
            .Produces<TemplateSyncResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status502BadGateway);
        businesses.MapTemplateEditApi();
        return businesses;
    }

    private static async Task<IResult> CreateAsync(string phoneNumberId, JsonElement? body, IGrainFactory grains)
    {
        if (Invalid(body) is { } invalid)
        {
            return invalid;
        }

        var (catalog, problem) = await CatalogAsync(phoneNumberId, grains);
        if (catalog is null)
        {
            return problem!;
        }

        var result = await catalog.CreateAsync(body!.Value.GetRawText());
        return result is { Succeeded: true, Template: { } template }
            ? Results.Created($"/api/v1/businesses/{Uri.EscapeDataString(phoneNumberId)}/templates", TemplateItem.From(template))
            : MetaProblem(result, "Meta did not create the template");
    }

    private static async Task<IResult> DeleteAsync(string phoneNumberId, string name, IGrainFactory grains)
    {
        var (catalog, problem) = await CatalogAsync(phoneNumberId, grains);
        if (catalog is null)
        {
            return problem!;
        }

        var result = await catalog.DeleteAsync(name);
        return result.Succeeded ? Results.NoContent() : MetaProblem(result, "Meta did not delete the template");
    }

    private static async Task<IResult> SyncAsync(string phoneNumberId, IGrainFactory grains)
    {
        var (catalog, problem) = await CatalogAsync(phoneNumberId, grains);
        if (catalog is null)
        {
            return problem!;
        }

        var result = await catalog.SyncAsync();
        if (!result.Succeeded)
        {
            return MetaProblem(result, "The templates could not be read from the Graph API");
        }

        var view = await catalog.GetAsync();
        return Results.Ok(new TemplateSyncResponse(result.Count, view.SyncedAt));
    }

    /// <summary>Meta's creation body, checked for what Meta always requires, so an obvious mistake is not a round trip.</summary>
    private static IResult? Invalid(JsonElement? body)
    {
        if (body is not { ValueKind: JsonValueKind.Object } root)
        {
            return Problems.Validation("body", "A JSON object with name, language, category and components (Meta's creation body) is required.");
        }

        if (String(root, "name") is not { } name || !NamePattern().IsMatch(name))
        {
            return Problems.Validation("name", "name is required: 1 to 512 lowercase letters, digits and underscores (Meta's rule).");
        }

        if (String(root, "language") is not { Length: > 0 and <= FieldLimits.TemplateLanguage })
        {
            return Problems.Validation("language", "language is required, e.g. en_US.");
        }

        if (String(root, "category") is not { } category || !Categories.Contains(category.ToUpperInvariant()))
        {
            return Problems.Validation("category", "category must be MARKETING, UTILITY or AUTHENTICATION.");
        }

        if (!root.TryGetProperty("components", out var components) || components.ValueKind != JsonValueKind.Array || components.GetArrayLength() == 0)
        {
            return Problems.Validation("components", "components must be a non-empty array of Meta's template components (HEADER, BODY, FOOTER, BUTTONS).");
        }

        if (String(root, "parameter_format") is { } format && format.ToUpperInvariant() is not ("POSITIONAL" or "NAMED"))
        {
            return Problems.Validation("parameter_format", "parameter_format must be POSITIONAL or NAMED.");
        }

        return null;
    }

    internal static async Task<(ITemplateCatalogGrain? Catalog, IResult? Problem)> CatalogAsync(string phoneNumberId, IGrainFactory grains)
    {
        var summary = await grains.GetGrain<IBusinessGrain>(phoneNumberId).GetSummaryAsync();
        if (summary is null)
        {
            return (null, Problems.NotFound($"No business number {phoneNumberId} is known."));
        }

        if (summary.WabaId is not { Length: > 0 } wabaId)
        {
            return (null, Results.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "The number's business account is not known yet",
                detail: "WaApp learns the WhatsApp Business Account of a number from Meta's webhooks; none has arrived for this number.",
                type: "https://waapp.dev/problems/account-unknown"));
        }

        return (grains.GetGrain<ITemplateCatalogGrain>(wabaId), null);
    }

    /// <summary>Meta's refusal (4xx with a Graph error) as a 400 with Meta's words; no answer or a 5xx as a 502.</summary>
    internal static IResult MetaProblem(TemplateCommandResult result, string title)
    {
        var extensions = new Dictionary<string, object?> { ["metaCode"] = result.ErrorCode };
        if (result.HttpStatus is >= 400 and < 500 && result.ErrorCode is not null)
        {
            var notFound = result.Error?.Contains("can't be found", StringComparison.OrdinalIgnoreCase) == true;
            return Results.Problem(
                statusCode: notFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest,
                title: title,
                detail: result.Error,
                type: "https://waapp.dev/problems/meta-refused",
                extensions: extensions);
        }

        return Results.Problem(
            statusCode: StatusCodes.Status502BadGateway,
            title: title,
            detail: result.Error,
            type: "https://waapp.dev/problems/graph-unavailable",
            extensions: extensions);
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex("^[a-z0-9_]{1,512}$")]
    private static partial Regex NamePattern();
}

/// <param name="Count">Templates the Graph API listed.</param>
public sealed record TemplateSyncResponse(int Count, DateTimeOffset? SyncedAt);
