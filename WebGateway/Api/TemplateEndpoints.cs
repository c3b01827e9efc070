using System.Text.Json;
using WaApp.Grains.Abstractions.Business;
using WaApp.WebGateway.Security;

namespace WaApp.WebGateway.Api;

/// <summary>
/// <c>GET /api/v1/businesses/{phoneNumberId}/templates</c> and <c>…/notices</c>: what Meta told the number's
/// WhatsApp Business Account (template reviews, quality and account updates), so agents can pick a template that can
/// be sent outside the 24-hour window.
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
            .WithSummary("The templates of the number's account with their latest review status, from Meta's template webhooks.")
            .Produces<TemplateListResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        businesses.MapGet("/{phoneNumberId}/notices", ListNoticesAsync)
            .AllowReadOnlyKeys()
            .WithName("ListAccountNotices")
            .WithSummary("The newest account-level webhook notices (templates, quality, account updates), newest last.")
            .Produces<NoticeListResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> ListTemplatesAsync(string phoneNumberId, IGrainFactory grains)
    {
        var (notices, problem) = await ReadNoticesAsync(phoneNumberId, grains);
        if (problem is not null)
        {
            return problem;
        }

        // Notices are oldest first, so the last one of a name and language is its current status.
        var latest = new Dictionary<(string Name, string Language), TemplateItem>();
        foreach (var notice in notices.Where(notice => notice.Field == TemplateField && notice.Subject is not null))
        {
            var (language, category) = ReadLanguageAndCategory(notice.RawJson);
            latest[(notice.Subject!, language)] = new TemplateItem(notice.Subject!, language, category, notice.Event ?? "UNKNOWN", notice.Time);
        }

        var items = latest.Values.OrderBy(item => item.Name, StringComparer.Ordinal).ThenBy(item => item.Language, StringComparer.Ordinal).ToList();
        return Results.Ok(new TemplateListResponse(items));
    }

    private static async Task<IResult> ListNoticesAsync(string phoneNumberId, IGrainFactory grains)
    {
        var (notices, problem) = await ReadNoticesAsync(phoneNumberId, grains);
        return problem ?? Results.Ok(new NoticeListResponse(notices));
    }

    private static async Task<(IReadOnlyList<BusinessNotice> Notices, IResult? Problem)> ReadNoticesAsync(string phoneNumberId, IGrainFactory grains)
    {
        var summary = await grains.GetGrain<IBusinessGrain>(phoneNumberId).GetSummaryAsync();
        if (summary is null)
        {
            return ([], Problems.NotFound($"No business number {phoneNumberId} is known."));
        }

        // The account (WABA) is learnt from webhook metadata; until then there is nothing to show.
        if (summary.WabaId is not { Length: > 0 } wabaId)
        {
            return ([], null);
        }

        return (await grains.GetGrain<IBusinessAccountGrain>(wabaId).GetNoticesAsync(NoticesRead), null);
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

/// <summary>A template as the number's account last heard of it: <see cref="Status"/> is Meta's event (APPROVED, REJECTED, PAUSED, …).</summary>
public sealed record TemplateItem(string Name, string Language, string? Category, string Status, DateTimeOffset? UpdatedAt);

public sealed record TemplateListResponse(IReadOnlyList<TemplateItem> Items);

public sealed record NoticeListResponse(IReadOnlyList<BusinessNotice> Items);
