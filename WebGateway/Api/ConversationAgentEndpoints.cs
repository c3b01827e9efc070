using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using WaApp.Grains.Abstractions.Conversations;
using WaApp.WebGateway.Security;

namespace WaApp.WebGateway.Api;

/// <summary>
/// A conversation's summary, its raw event history and the agent actions (assign, close, reopen, mark read) under
/// <c>/api/v1/conversations/{phoneNumberId}/{contactId}</c>. The acting agent is the caller's API key name.
/// </summary>
public static class ConversationAgentEndpoints
{
    private const int DefaultHistoryPage = 50;
    private const int MaxHistoryPage = 200;

    public static RouteGroupBuilder MapConversationAgentApi(this RouteGroupBuilder api)
    {
        var conversation = api.MapGroup("/conversations/{phoneNumberId}/{contactId}").WithTags("Conversations");
        conversation.MapGet("", GetSummaryAsync)
            .AllowReadOnlyKeys()
            .WithName("GetConversation")
            .WithSummary("Unread count, read marker, assignment, open/closed, 24-hour window and opt-out state.")
            .Produces<ConversationSummary>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        conversation.MapGet("/events", GetHistoryAsync)
            .AllowReadOnlyKeys()
            .WithName("GetConversationEvents")
            .WithSummary("The conversation's stored events (the audit trail), oldest first, paged by version.")
            .Produces<ConversationEventsResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        conversation.MapPost("/assign", AssignAsync)
            .WithName("AssignConversation")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Assigns the conversation to an agent; a null agent unassigns it.")
            .Produces<ConversationSummary>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        conversation.MapPost("/close", (string phoneNumberId, string contactId, ClaimsPrincipal user, IGrainFactory grains) =>
                ActAsync(grains, phoneNumberId, contactId, grain => grain.CloseAsync(Actor(user))))
            .WithName("CloseConversation")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Closes the conversation; a new customer message reopens it.")
            .Produces<ConversationSummary>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        conversation.MapPost("/reopen", (string phoneNumberId, string contactId, ClaimsPrincipal user, IGrainFactory grains) =>
                ActAsync(grains, phoneNumberId, contactId, grain => grain.ReopenAsync(Actor(user))))
            .WithName("ReopenConversation")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Reopens a closed conversation.")
            .Produces<ConversationSummary>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        conversation.MapPost("/read", MarkReadAsync)
            .WithName("MarkConversationRead")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Marks messages read up to a sequence (or all, without a body); the unread count drops and Meta gets one read receipt for the newest customer message read.")
            .Produces<ConversationSummary>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static Task<IResult> GetSummaryAsync(string phoneNumberId, string contactId, IGrainFactory grains) =>
        ActAsync(grains, phoneNumberId, contactId, grain => grain.GetSummaryAsync());

    private static async Task<IResult> GetHistoryAsync(string phoneNumberId, string contactId, int? from, int? limit, IGrainFactory grains)
    {
        var pageSize = limit ?? DefaultHistoryPage;
        if (pageSize is < 1 or > MaxHistoryPage)
        {
            return Problems.Validation("limit", $"limit must be between 1 and {MaxHistoryPage}.");
        }

        if (from is < 0)
        {
            return Problems.Validation("from", "from must be a version of 0 or more.");
        }

        var page = await (await grains.ConversationAsync(phoneNumberId, contactId)).GetHistoryAsync(from ?? 0, pageSize);
        if (page is null)
        {
            return NotFound(phoneNumberId);
        }

        var items = page.Items.Select(item => new ConversationEventItem(item.Version, item.Type, item.CommittedAt, JsonDocument.Parse(item.Json).RootElement.Clone())).ToList();
        return Results.Ok(new ConversationEventsResponse(items, page.NextVersion));
    }

    private static Task<IResult> AssignAsync(string phoneNumberId, string contactId, AssignRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var agent = request.Agent?.Trim();
        if (agent is { Length: 0 or > FieldLimits.Agent })
        {
            return Task.FromResult(Problems.Validation("agent", $"agent must be 1 to {FieldLimits.Agent} characters, or null to unassign."));
        }

        return ActAsync(grains, phoneNumberId, contactId, grain => grain.AssignAsync(agent, Actor(user)));
    }

    private static Task<IResult> MarkReadAsync(
        string phoneNumberId,
        string contactId,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] MarkReadRequest? request,
        ClaimsPrincipal user,
        IGrainFactory grains)
    {
        if (request?.UpToSequence is < 1)
        {
            return Task.FromResult(Problems.Validation("upToSequence", "upToSequence must be a message sequence of 1 or more."));
        }

        return ActAsync(grains, phoneNumberId, contactId, grain => grain.MarkReadAsync(Actor(user), request?.UpToSequence));
    }

    private static async Task<IResult> ActAsync(
        IGrainFactory grains, string phoneNumberId, string contactId, Func<IConversationGrain, Task<ConversationSummary?>> act)
    {
        var summary = await act(await grains.ConversationAsync(phoneNumberId, contactId));
        return summary is null ? NotFound(phoneNumberId) : Results.Ok(summary);
    }

    private static IResult NotFound(string phoneNumberId) =>
        Problems.NotFound($"No conversation between {phoneNumberId} and this contact.");

    private static string Actor(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";
}

/// <param name="Agent">The agent to assign; null unassigns.</param>
public sealed record AssignRequest(string? Agent);

/// <param name="UpToSequence">The last message read; omitted or null marks everything read.</param>
public sealed record MarkReadRequest(long? UpToSequence);

/// <summary>One stored event: <see cref="Event"/> is its JSON as stored under the stable <see cref="Type"/> name.</summary>
public sealed record ConversationEventItem(int Version, string Type, DateTimeOffset CommittedAt, JsonElement Event);

/// <summary>Events oldest first; <see cref="Next"/> is the <c>from</c> of the following page, null at the end.</summary>
public sealed record ConversationEventsResponse(IReadOnlyList<ConversationEventItem> Items, int? Next);
