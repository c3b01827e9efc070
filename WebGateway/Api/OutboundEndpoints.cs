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
            .WithSummary("Queues a text or template message; the Idempotency-Key header (or idempotencyKey) makes repeats harmless.");
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

        if (OverLimit(key, body) is { } tooLong)
        {
            return tooLong;
        }

        if (ToContent(body, out var field, out var error) is not { } content)
        {
            return Problems.Validation(field!, error!);
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

        var conversation = await grains.ConversationAsync(phoneNumberId, contactId);
        var result = await conversation.SendMessageAsync(new SendMessageCommand(key, content, lane.Value, body.ReplyTo));
        return ToResponse(result, phoneNumberId, contactId);
    }

    private static async Task<IResult> RetryAsync(string phoneNumberId, string contactId, string messageId, IGrainFactory grains)
    {
        var conversation = await grains.ConversationAsync(phoneNumberId, contactId);
        var result = await conversation.RetrySendAsync(messageId);
        return ToResponse(result, phoneNumberId, contactId);
    }

    private static IResult? OverLimit(string key, SendMessageBody body)
    {
        var tooLong = FieldLimits.TooLong("idempotencyKey", key, FieldLimits.IdempotencyKey)
            ?? FieldLimits.TooLong("text", body.Text, FieldLimits.Text)
            ?? FieldLimits.TooLong("replyTo", body.ReplyTo, FieldLimits.ReplyTo)
            ?? FieldLimits.TooLong("template.name", body.Template?.Name, FieldLimits.TemplateName)
            ?? FieldLimits.TooLong("template.language", body.Template?.Language, FieldLimits.TemplateLanguage);
        if (tooLong is not null || body.Template?.Parameters is not { } parameters)
        {
            return tooLong;
        }

        if (parameters.Count > FieldLimits.TemplateParameters)
        {
            return Problems.Validation("template.parameters", $"A template takes at most {FieldLimits.TemplateParameters} parameters.");
        }

        for (var i = 0; i < parameters.Count; i++)
        {
            if (FieldLimits.TooLong($"template.parameters[{i}]", parameters[i], FieldLimits.TemplateParameter) is { } parameter)
            {
                return parameter;
            }
        }

        return null;
    }

    private static OutboundContent? ToContent(SendMessageBody body, out string? field, out string? error)
    {
        (field, error) = (null, null);
        switch (body)
        {
            case { Text: not null, Template: not null }:
                (field, error) = ("body", "Send either text or template, not both.");
                return null;
            case { Text: { } text }:
                return new TextContent(text, body.PreviewUrl ?? false);
            case { Template: { } template }:
                if (string.IsNullOrWhiteSpace(template.Name) || string.IsNullOrWhiteSpace(template.Language))
                {
                    (field, error) = ("template", "A template needs its name and language (e.g. en_US).");
                    return null;
                }

                return new TemplateContent(template.Name, template.Language, template.Parameters ?? []);
            default:
                (field, error) = ("body", "Send text or template.");
                return null;
        }
    }

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
        _ => Problems.Validation("body", result.Reason ?? "The message is not valid."),
    };

}

/// <summary>The body of a send: <see cref="Text"/> or <see cref="Template"/>.</summary>
/// <param name="Lane"><c>live</c> (default) or <c>bulk</c>: live conversation traffic is served first.</param>
/// <param name="ReplyTo">The wamid of the customer message this answers (shown as a quote).</param>
public sealed record SendMessageBody(
    string? Text,
    bool? PreviewUrl,
    TemplateBody? Template,
    string? IdempotencyKey,
    string? ReplyTo,
    string? Lane);

/// <param name="Parameters">Positional body parameters, in the template's order.</param>
public sealed record TemplateBody(string? Name, string? Language, IReadOnlyList<string>? Parameters);
