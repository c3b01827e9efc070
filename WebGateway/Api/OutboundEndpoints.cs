using System.Text.Json;
using System.Text.Json.Serialization;
using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Outbound;

namespace WaApp.WebGateway.Api;

/// <summary>
/// Sending: <c>POST /api/v1/conversations/{phoneNumberId}/{contactId}/messages</c> queues a business message in the
/// conversation's outbox; <c>POST …/messages/{messageId}/retry</c> sends an unknown or retryable one again.
/// </summary>
public static class OutboundEndpoints
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static RouteGroupBuilder MapOutboundApi(this RouteGroupBuilder api)
    {
        var conversations = api.MapGroup("/conversations").WithTags("Sending");
        conversations.MapPost("/{phoneNumberId}/{contactId}/messages", SendAsync)
            .WithName("SendMessage")
            .WithSummary("Queues any message as Meta's message object (text, media, location, contacts, reaction, interactive, template); the Idempotency-Key header (or idempotencyKey) makes repeats harmless.");
        conversations.MapPost("/{phoneNumberId}/{contactId}/messages/{messageId}/retry", RetryAsync)
            .WithName("RetryMessage")
            .WithSummary("Sends a message whose outcome is unknown, or that failed for a passing reason, once more.");
        return api;
    }

    private static async Task<IResult> SendAsync(
        string phoneNumberId, string contactId, SendMessageBody? body, HttpRequest request, IGrainFactory grains)
    {
        var key = request.Headers[IdempotencyKeyHeader].FirstOrDefault() ?? body?.IdempotencyKey;
        if (string.IsNullOrWhiteSpace(key))
        {
            return Problems.Validation("idempotencyKey", $"Send an {IdempotencyKeyHeader} header (or idempotencyKey): the same key is sent only once.");
        }

        if (body is null)
        {
            return Problems.Validation("body", "A JSON body with text or template is required.");
        }

        var replyTo = body.ReplyTo ?? body.Context?.MessageId;
        if (OverLimit(key, replyTo, body) is { } tooLong)
        {
            return tooLong;
        }

        if (OutboundContentReader.Read(body, out var field, out var error) is not { } content)
        {
            return Problems.Validation(field!, error!);
        }

        if (replyTo is not null && content.Type == "reaction")
        {
            return Problems.Validation("replyTo", "A reaction names its message in reaction.message_id; it cannot also be a reply.");
        }

        var lane = body.Lane?.ToLowerInvariant() switch
        {
            null or "live" => SendLane.Live,
            "bulk" => SendLane.Bulk,
            _ => (SendLane?)null,
        };
        if (lane is null)
        {
            return Problems.Validation("lane", "lane must be 'live' (default) or 'bulk'.");
        }

        if (TemplateSendGuard.TemplateOf(content) is { } template && await TemplateSendGuard.CheckAsync(phoneNumberId, template, grains) is { } unsendable)
        {
            return unsendable;
        }

        var conversation = await grains.ConversationAsync(phoneNumberId, contactId);
        var result = await conversation.SendMessageAsync(new SendMessageCommand(key, content, lane.Value, replyTo));
        return ToResponse(result, phoneNumberId, contactId);
    }

    private static async Task<IResult> RetryAsync(string phoneNumberId, string contactId, string messageId, IGrainFactory grains)
    {
        var conversation = await grains.ConversationAsync(phoneNumberId, contactId);
        var result = await conversation.RetrySendAsync(messageId);
        return ToResponse(result, phoneNumberId, contactId);
    }

    private static IResult? OverLimit(string key, string? replyTo, SendMessageBody body) =>
        FieldLimits.TooLong("idempotencyKey", key, FieldLimits.IdempotencyKey)
            ?? FieldLimits.TooLong(body.ReplyTo is null && body.Context is not null ? "context.message_id" : "replyTo", replyTo, FieldLimits.ReplyTo)
            ?? (body.Text is { ValueKind: JsonValueKind.String } text ? FieldLimits.TooLong("text", text.GetString(), FieldLimits.Text) : null);

    private static IResult ToResponse(SendMessageResult result, string phoneNumberId, string contactId) => result.Disposition switch
    {
        SendDisposition.Queued => Results.Accepted(
            $"/api/v1/conversations/{Uri.EscapeDataString(phoneNumberId)}/{Uri.EscapeDataString(contactId)}/messages",
            MessageItem.From(result.Message!)),
        SendDisposition.Duplicate => Results.Ok(MessageItem.From(result.Message!)),
        SendDisposition.WindowClosed => Results.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "The 24-hour customer service window is closed; a template is needed",
            detail: result.Reason,
            type: "https://waapp.dev/problems/window-closed",
            extensions: new Dictionary<string, object?> { ["needsTemplate"] = true }),
        SendDisposition.OptedOut => Results.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "The customer opted out of messages from this business",
            detail: result.Reason,
            type: "https://waapp.dev/problems/opted-out"),
        SendDisposition.KeyReused => Results.Problem(
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "The Idempotency-Key was already used for a different message",
            detail: result.Reason,
            type: "https://waapp.dev/problems/idempotency-key-reused"),
        SendDisposition.NotRetryable when result.Message is null => Problems.NotFound(result.Reason ?? "No such message."),
        SendDisposition.NotRetryable => Results.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "The message cannot be retried",
            detail: result.Reason,
            type: "https://waapp.dev/problems/not-retryable"),
        _ => Problems.Validation(result.Field ?? "body", result.Reason ?? "The message is not valid."),
    };

}

/// <summary>
/// The body of a send: Meta's message object (<c>"type"</c> and the object named by it, exactly as the Cloud API
/// documents it), a plain <see cref="Text"/> string, or the short <see cref="Template"/> form. WaApp adds only its own
/// fields: the idempotency key, the lane and the message replied to.
/// </summary>
/// <param name="Type">Meta's message type; may be left out when the body has a single type's object.</param>
/// <param name="Lane"><c>live</c> (default) or <c>bulk</c>: live conversation traffic is served first.</param>
/// <param name="ReplyTo">The wamid of the message this answers (shown as a quote); Meta's <c>context.message_id</c> works too.</param>
public sealed record SendMessageBody(
    string? Type,
    JsonElement? Text,
    bool? PreviewUrl,
    JsonElement? Template,
    JsonElement? Image,
    JsonElement? Video,
    JsonElement? Audio,
    JsonElement? Document,
    JsonElement? Sticker,
    JsonElement? Location,
    JsonElement? Contacts,
    JsonElement? Reaction,
    JsonElement? Interactive,
    string? IdempotencyKey,
    string? ReplyTo,
    MessageContext? Context,
    string? Lane);

/// <summary>Meta's <c>context</c> object: the message a reply quotes.</summary>
public sealed record MessageContext([property: JsonPropertyName("message_id")] string? MessageId);
