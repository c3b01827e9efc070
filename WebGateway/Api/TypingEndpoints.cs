using System.Security.Claims;
using WaApp.Grains.Abstractions.Conversations;

namespace WaApp.WebGateway.Api;

/// <summary>
/// <c>POST /api/v1/conversations/{phoneNumberId}/{contactId}/typing</c>: shows the customer "typing…" on their newest
/// message. Meta keeps it up to 25 seconds (or until the reply arrives), so a client typing longer calls again.
/// </summary>
public static class TypingEndpoints
{
    /// <summary>How long Meta shows the indicator.</summary>
    public const int IndicatorSeconds = 25;

    public static RouteGroupBuilder MapTypingApi(this RouteGroupBuilder api)
    {
        api.MapPost("/conversations/{phoneNumberId}/{contactId}/typing", ShowTypingAsync)
            .WithTags("Conversations")
            .WithName("ShowTyping")
            .WithSummary("Shows the customer the typing indicator (up to 25 s) on their newest message, which marks it read.")
            .Produces<TypingResponse>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status502BadGateway);
        return api;
    }

    private static async Task<IResult> ShowTypingAsync(string phoneNumberId, string contactId, ClaimsPrincipal user, IGrainFactory grains)
    {
        var conversation = grains.GetGrain<IConversationGrain>(new ConversationKey(phoneNumberId, contactId).ToString());
        var outcome = await conversation.ShowTypingAsync(user.Identity?.Name ?? "unknown");
        return outcome switch
        {
            null => Problems.NotFound($"No conversation between {phoneNumberId} and this contact."),
            { Sent: true } => Results.Ok(new TypingResponse(IndicatorSeconds)),
            { NoCustomerMessage: true } => Results.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "There is no customer message to answer",
                detail: outcome.Reason),
            _ => Results.Problem(
                statusCode: StatusCodes.Status502BadGateway,
                title: "The typing indicator was not shown",
                detail: outcome.Reason),
        };
    }
}

/// <param name="ExpiresInSeconds">How long Meta shows the indicator unless a reply comes first.</param>
public sealed record TypingResponse(int ExpiresInSeconds);
