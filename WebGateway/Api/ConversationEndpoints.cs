using System.Globalization;
using WaApp.Grains.Abstractions.Conversations;
using WaApp.WebGateway.Security;

namespace WaApp.WebGateway.Api;

/// <summary>Conversation endpoints under <c>/api/v1/conversations</c>.</summary>
public static class ConversationEndpoints
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 200;

    public static RouteGroupBuilder MapConversationsApi(this RouteGroupBuilder api)
    {
        var conversations = api.MapGroup("/conversations").WithTags("Conversations");
        conversations.MapGet("/{phoneNumberId}/{contactId}/messages", GetMessagesAsync)
            .AllowReadOnlyKeys()
            .WithName("GetConversationMessages")
            .WithSummary("A conversation's messages, newest last, paged towards older messages with 'next' and newer ones with 'newer'.");
        return api;
    }

    private static async Task<IResult> GetMessagesAsync(
        string phoneNumberId, string contactId, int? limit, string? before, string? after, IGrainFactory grains)
    {
        var pageSize = limit ?? DefaultPageSize;
        if (pageSize is < 1 or > MaxPageSize)
        {
            return Problems.Validation("limit", $"limit must be between 1 and {MaxPageSize}.");
        }

        long? beforeSequence = null;
        if (before is not null)
        {
            if (!long.TryParse(before, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < 1)
            {
                return Problems.Validation("before", "before must be a cursor returned as 'next'.");
            }

            beforeSequence = parsed;
        }

        long? afterSequence = null;
        if (after is not null)
        {
            if (beforeSequence is not null)
            {
                return Problems.Validation("after", "Use either before or after, not both.");
            }

            if (!long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return Problems.Validation("after", "after must be a cursor returned as 'newer'.");
            }

            afterSequence = parsed;
        }

        var conversation = await grains.ConversationAsync(phoneNumberId, contactId);
        var page = await conversation.GetMessagesAsync(new MessagePageQuery(pageSize, beforeSequence, afterSequence));
        if (page is null)
        {
            return Problems.NotFound($"No conversation between {phoneNumberId} and this contact.");
        }

        var items = page.Items.Select(MessageItem.From).ToList();
        var next = page.OlderBefore?.ToString(CultureInfo.InvariantCulture);
        var newer = page.NewerAfter?.ToString(CultureInfo.InvariantCulture);
        return Results.Ok(new MessageListResponse(items, next, newer));
    }
}
