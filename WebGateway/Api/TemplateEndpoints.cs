using System.Text.Json;
using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.Templates;
using WaApp.WebGateway.Security;

namespace WaApp.WebGateway.Api;

/// <summary>
/// <c>GET /api/v1/businesses/{phoneNumberId}/templates</c> and <c>…/notices</c>: the templates of the number's
/// WhatsApp Business Account as synced from the Graph API (with their components), plus any that only Meta's
/// template webhooks told of, and the account-level notices. Management (create, delete, sync) is in
/// <see cref="TemplateManagementEndpoints"/>.
/// </summary>
public static class TemplateEndpoints
{
    private const string TemplateField = "message_template_status_update";
    private const int NoticesRead = 200;

    public static RouteGroupBuilder MapTemplatesApi(this RouteGroupBuilder api)
    {
        var businesses = api.MapGroup("/businesses").WithTags("Businesses");
        businesses.MapGet("/{phoneNumberId}/templates", ListTemplatesAsync)
            .AllowReadOnlyKeys()
            .WithName("ListTemplates")
            .WithSummary("The templates of the number's account: synced from the Graph API, kept current by Meta's template webhooks. ?status=APPROVED lists only sendable ones.")
            .Produces<TemplateListResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        businesses.MapGet("/{phoneNumberId}/notices", ListNoticesAsync)
            .AllowReadOnlyKeys()
            .WithName("ListAccountNotices")
            .WithSummary("The newest account-level webhook notices (templates, quality, account updates), newest last.")
            .Produces<NoticeListResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        businesses.MapTemplateManagementApi();
        return api;
    }

    private static async Task<IResult> ListTemplatesAsync(string phoneNumberId, string? status, IGrainFactory grains)
    {
        var summary = await grains.GetGrain<IBusinessGrain>(phoneNumberId).GetSummaryAsync();
        if (summary is null)
        {
            return Problems.NotFound($"No business number {phoneNumberId} is known.");
        }

        // The account (WABA) is learnt from webhook metadata; until then there is nothing to show.
        if (summary.WabaId is not { Length: > 0 } wabaId)
        {
            return Results.Ok(new TemplateListResponse([], null, null));
        }

        var catalog = await grains.GetGrain<ITemplateCatalogGrain>(wabaId).GetAsync();
        var notices = catalog.SyncedAt is null ? await grains.GetGrain<IBusinessAccountGrain>(wabaId).GetNoticesAsync(NoticesRead) : [];
        var items = new Dictionary<(string Name, string Language), TemplateItem>();
        foreach (var template in catalog.Templates)
        {
            items[(template.Name, template.Language)] = TemplateItem.From(template);
        }

        // Until a first successful sync, templates the account's notices name (e.g. recorded before the catalog existed)
        // are listed from them; notices are oldest first, so the last one of a name and language is its status.
        foreach (var notice in notices.Where(notice => notice.Field == TemplateField && notice.Subject is not null))
        {
            var (language, category) = ReadLanguageAndCategory(notice.RawJson);
            if (!items.TryGetValue((notice.Subject!, language), out var known) || known.Source == TemplateItem.FromNotices)
            {
                items[(notice.Subject!, language)] = new TemplateItem(notice.Subject!, language, category, notice.Event ?? "UNKNOWN", notice.Time)
                {
                    Source = TemplateItem.FromNotices,
                };
            }
        }

        var listed = items.Values
            .Where(item => item.Status is not ("DELETED" or "PENDING_DELETION"))
            .Where(item => status is null || string.Equals(item.Status, status, StringComparison.OrdinalIgnoreCase))
            .OrderBy(item => item.Name, StringComparer.Ordinal)
            .ThenBy(item => item.Language, StringComparer.Ordinal)
            .ToList();
        return Results.Ok(new TemplateListResponse(listed, catalog.SyncedAt, catalog.SyncError));
    }

    private static async Task<IResult> ListNoticesAsync(string phoneNumberId, IGrainFactory grains)
    {
        var summary = await grains.GetGrain<IBusinessGrain>(phoneNumberId).GetSummaryAsync();
        if (summary is null)
        {
            return Problems.NotFound($"No business number {phoneNumberId} is known.");
        }

        return summary.WabaId is { Length: > 0 } wabaId
            ? Results.Ok(new NoticeListResponse(await grains.GetGrain<IBusinessAccountGrain>(wabaId).GetNoticesAsync(NoticesRead)))
            : Results.Ok(new NoticeListResponse([]));
    }

    private static (string Language, string? Category) ReadLanguageAndCategory(string rawJson)
    {
        try
        {
            using var document = JsonDocument.Parse(rawJson);
            var root = document.RootElement;
            return (Read(root, "message_template_language") ?? "unknown", Read(root, "message_template_category"));
        }
        catch (JsonException)
        {
            return ("unknown", null);
        }
    }

    private static string? Read(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}

/// <summary>
/// A template of the number's account. <see cref="Status"/> is Meta's (APPROVED, PENDING, REJECTED, PAUSED, DISABLED,
/// …); <see cref="Components"/> are Meta's creation components, null for a template known only from webhooks.
/// </summary>
public sealed record TemplateItem(string Name, string Language, string? Category, string Status, DateTimeOffset? UpdatedAt)
{
    public const string FromGraph = "graph";
    public const string FromWebhook = "webhook";
    public const string FromNotices = "notices";

    public string? Id { get; init; }

    public string? ParameterFormat { get; init; }

    public JsonElement? Components { get; init; }

    public string? Quality { get; init; }

    /// <summary>Why Meta rejected, paused or disabled it.</summary>
    public string? Reason { get; init; }

    /// <summary><c>graph</c> (listed by the last sync), <c>webhook</c> (a template webhook, not listed yet) or <c>notices</c>.</summary>
    public string Source { get; init; } = FromGraph;

    public static TemplateItem From(MessageTemplate template) => new(template.Name, template.Language, template.Category, template.Status, template.UpdatedAt)
    {
        Id = template.TemplateId,
        ParameterFormat = template.ParameterFormat,
        Components = template.ComponentsJson is { } json ? Parse(json) : null,
        Quality = template.Quality,
        Reason = template.Reason,
        Source = template.Listed ? FromGraph : FromWebhook,
    };

    private static JsonElement? Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <param name="SyncedAt">When the templates were last read from the Graph API; null: never.</param>
/// <param name="SyncError">Why the last sync failed, if it did.</param>
public sealed record TemplateListResponse(IReadOnlyList<TemplateItem> Items, DateTimeOffset? SyncedAt, string? SyncError);

public sealed record NoticeListResponse(IReadOnlyList<BusinessNotice> Items);
