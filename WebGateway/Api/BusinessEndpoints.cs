using WaApp.Grains.Abstractions.Business;
using System.Security.Claims;
using WaApp.WebGateway.Security;
using WaApp.WebGateway.Tenants;

namespace WaApp.WebGateway.Api;

/// <summary>Business endpoints under <c>/api/v1/businesses</c>.</summary>
public static class BusinessEndpoints
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 200;

    public static RouteGroupBuilder MapBusinessesApi(this RouteGroupBuilder api)
    {
        var businesses = api.MapGroup("/businesses").WithTags("Businesses");
        businesses.MapGet("/", ListAsync)
            .AllowReadOnlyKeys()
            .WithName("ListBusinesses")
            .WithSummary("Every business number WaApp has seen, with its counters.")
            .Produces<BusinessListResponse>();
        businesses.MapGet("/{phoneNumberId}", GetAsync)
            .AllowReadOnlyKeys()
            .WithName("GetBusiness")
            .WithSummary("A business number's metadata, message counters and conversation count.")
            .Produces<BusinessSummary>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        businesses.MapGet("/{phoneNumberId}/settings", GetSettingsAsync)
            .AllowReadOnlyKeys()
            .WithName("GetBusinessSettings")
            .WithSummary("Welcome message, keyword replies, business hours and auto mark-as-read.")
            .Produces<BusinessSettings>();
        businesses.MapPut("/{phoneNumberId}/settings", UpdateSettingsAsync)
            .WithName("UpdateBusinessSettings")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Replaces the settings; invalid settings are refused with 400 naming each bad field.")
            .Accepts<BusinessSettings>("application/json")
            .Produces<BusinessSettings>()
            .ProducesValidationProblem();
        businesses.MapGet("/{phoneNumberId}/conversations", ListConversationsAsync)
            .AllowReadOnlyKeys()
            .WithName("ListConversations")
            .WithSummary("The business's conversations, most recently active first, with cursor paging and filters.")
            .Produces<ConversationListResponse>()
            .ProducesValidationProblem();
        return api;
    }

    private static async Task<IResult> ListAsync(IGrainFactory grains, ClaimsPrincipal user, TenantDirectory directory)
    {
        if (!directory.CanDecide(user))
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable", detail: "The tenant directory is not available yet; retry shortly.");
        }

        var all = await grains.GetGrain<IBusinessDirectoryGrain>(IBusinessDirectoryGrain.Key).ListAsync();
        var ids = all.Where(id => directory.MayAccess(user, id)).ToList();
        var summaries = await Task.WhenAll(ids.Select(id => grains.GetGrain<IBusinessGrain>(id).GetSummaryAsync()));
        var withSending = await Task.WhenAll(summaries.OfType<BusinessSummary>().Select(summary => BusinessSending.AddAsync(summary, grains)));
        return Results.Ok(new BusinessListResponse(withSending));
    }

    private static async Task<IResult> GetAsync(string phoneNumberId, IGrainFactory grains)
    {
        var summary = await grains.GetGrain<IBusinessGrain>(phoneNumberId).GetSummaryAsync();
        return summary is null ? Problems.NotFound($"No business number {phoneNumberId} is known.") : Results.Ok(await BusinessSending.AddAsync(summary, grains));
    }

    private static async Task<IResult> GetSettingsAsync(string phoneNumberId, IGrainFactory grains) =>
        Results.Json(await grains.GetGrain<IBusinessGrain>(phoneNumberId).GetSettingsAsync(), SettingsJson.Options);

    private static async Task<IResult> UpdateSettingsAsync(string phoneNumberId, HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (settings, readError) = await SettingsJson.ReadAsync(request, cancellationToken);
        if (readError is not null)
        {
            return Problems.Validation([readError]);
        }

        var errors = await grains.GetGrain<IBusinessGrain>(phoneNumberId).UpdateSettingsAsync(settings!);
        return errors.Count > 0 ? Problems.Validation(errors) : Results.Json(settings, SettingsJson.Options);
    }

    private static async Task<IResult> ListConversationsAsync(
        string phoneNumberId,
        int? limit,
        string? cursor,
        string? status,
        bool? unread,
        bool? assigned,
        string? assignedTo,
        IGrainFactory grains)
    {
        var pageSize = limit ?? DefaultPageSize;
        if (pageSize is < 1 or > MaxPageSize)
        {
            return Problems.Validation("limit", $"limit must be between 1 and {MaxPageSize}.");
        }

        ConversationCursor? after = null;
        if (cursor is not null && !ListCursor.TryDecode(cursor, out after))
        {
            return Problems.Validation("cursor", "cursor must be a 'next' value returned by this endpoint.");
        }

        bool? open = null;
        if (status is not null)
        {
            if (string.Equals(status, "open", StringComparison.OrdinalIgnoreCase))
            {
                open = true;
            }
            else if (string.Equals(status, "closed", StringComparison.OrdinalIgnoreCase))
            {
                open = false;
            }
            else
            {
                return Problems.Validation("status", "status must be 'open' or 'closed'.");
            }
        }

        var page = await grains.GetGrain<IBusinessGrain>(phoneNumberId)
            .ListConversationsAsync(new ConversationListQuery(pageSize, after, open, unread, assignedTo, assigned));
        return Results.Ok(new ConversationListResponse(page.Items, page.Next is { } next ? ListCursor.Encode(next) : null));
    }
}
