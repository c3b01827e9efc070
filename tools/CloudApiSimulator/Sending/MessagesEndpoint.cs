using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using WaApp.CloudApiSimulator.Identities;
using WaApp.CloudApiSimulator.Media;
using WaApp.CloudApiSimulator.Options;
using WaApp.CloudApiSimulator.Templates;
using WaApp.CloudApiSimulator.Webhooks;

namespace WaApp.CloudApiSimulator.Sending;

/// <summary><c>POST /{version}/{phone-number-id}/messages</c>: Meta's send endpoint, with its checks and limits.</summary>
public sealed class MessagesEndpoint(
    RequestJournal journal,
    FaultInjector faults,
    ThroughputLimiter throughput,
    ServiceWindows windows,
    StatusPipeline statuses,
    SimulatedUsers users,
    TemplateStore templates,
    MediaStore media,
    IOptionsMonitor<SimulatorOptions> options,
    TimeProvider time,
    ILogger<MessagesEndpoint> logger)
{
    private const int MaxBodyBytes = 1024 * 1024;

    private static readonly JsonSerializerOptions ResponseJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task HandleAsync(HttpContext context, string version, string phoneNumberId)
    {
        var aborted = context.RequestAborted;
        var body = await ReadBodyAsync(context.Request, aborted);
        var entry = journal.Record(time.GetUtcNow(), phoneNumberId, version, Encoding.UTF8.GetString(body));
        var settings = options.CurrentValue;

        var fault = faults.TakeNext();
        if (fault is not null)
        {
            entry.Fault = fault.ToString();
            SimulatorLog.FaultInjected(logger, fault.Value, phoneNumberId);
        }

        switch (fault)
        {
            case FaultKind.ServerError:
                await WriteErrorAsync(context, entry, MetaError.ServiceUnavailable());
                return;
            case FaultKind.BadGateway:
                entry.ResponseStatus = StatusCodes.Status502BadGateway;
                context.Response.StatusCode = StatusCodes.Status502BadGateway;
                return;
            case FaultKind.RateLimited:
                await WriteErrorAsync(context, entry, MetaError.RateLimited(settings.RateLimitPerSecond));
                return;
            case FaultKind.PairRateLimited:
                await WriteErrorAsync(context, entry, MetaError.PairRateLimited());
                return;
            case FaultKind.TokenExpired or FaultKind.AccountLocked or FaultKind.BillingProblem or FaultKind.PolicyBlocked
                or FaultKind.MarketingCapped or FaultKind.MarketingStopped:
                await WriteErrorAsync(context, entry, RefusalFor(fault.Value));
                return;
            case FaultKind.TimeoutBeforeAccept:
                await HoldAsync(settings.FaultTimeout, aborted);
                entry.ResponseStatus = StatusCodes.Status504GatewayTimeout;
                context.Response.StatusCode = StatusCodes.Status504GatewayTimeout;
                return;
        }

        if (!IsAuthorized(context.Request, settings))
        {
            await WriteErrorAsync(context, entry, MetaError.InvalidToken());
            return;
        }

        var (request, invalid) = SendRequestValidator.Validate(body);
        if (invalid is not null)
        {
            await WriteErrorAsync(context, entry, invalid);
            return;
        }

        if (request is SendRequest.ReadReceipt)
        {
            await WriteAsync(context, entry, StatusCodes.Status200OK, new JsonObject { ["success"] = true });
            return;
        }

        var message = (SendRequest.Message)request!;
        if (message.UserId is not null && message.TemplateName is { } template && settings.AuthenticationTemplates.Contains(template, StringComparer.Ordinal))
        {
            await WriteErrorAsync(context, entry, MetaError.BsuidRecipientNotSupported());
            return;
        }

        if (message.Type == "template" && CheckTemplate(body, settings) is { } templateError)
        {
            await WriteErrorAsync(context, entry, templateError);
            return;
        }

        if (UnknownMediaId(body, message.Type, phoneNumberId) is { } mediaError)
        {
            await WriteErrorAsync(context, entry, mediaError);
            return;
        }

        if (!throughput.TryAcquire(phoneNumberId, out var acceptedAt))
        {
            await WriteErrorAsync(context, entry, MetaError.RateLimited(settings.RateLimitPerSecond));
            return;
        }

        entry.AcceptedAt = acceptedAt;

        MetaError? asyncFailure = null;
        if (message.NeedsOpenWindow && !windows.IsOpen(phoneNumberId, message.Recipient))
        {
            if (!settings.WindowErrorsAsFailedStatus)
            {
                await WriteErrorAsync(context, entry, MetaError.ReEngagement());
                return;
            }

            asyncFailure = MetaError.ReEngagement();
        }

        var messageId = Wamids.New();
        entry.MessageId = messageId;
        statuses.Start(ToAccepted(phoneNumberId, messageId, message), asyncFailure);
        SimulatorLog.MessageAccepted(logger, message.Type, phoneNumberId);

        var accepted = new JsonObject { ["id"] = messageId };
        if (message.Type == "template")
        {
            accepted["message_status"] = "accepted";
        }

        var response = new JsonObject { ["messaging_product"] = "whatsapp" };
        if (message.ToGroup)
        {
            // A group send names no user; the accepted message carries the group.
            accepted["group_id"] = message.WaId;
        }
        else
        {
            // A send to a phone number answers its wa_id; a send to a BSUID answers the user_id and no wa_id.
            response["contacts"] = new JsonArray(message.WaId is not null
                ? new JsonObject { ["input"] = message.Input, ["wa_id"] = message.WaId }
                : new JsonObject { ["input"] = message.Input, ["user_id"] = message.UserId });
        }

        response["messages"] = new JsonArray(accepted);

        if (fault == FaultKind.TimeoutAfterAccept)
        {
            // The message is out; only the answer is lost. This is the case a sender must not blindly retry.
            await HoldAsync(settings.FaultTimeout, aborted);
        }

        await WriteAsync(context, entry, StatusCodes.Status200OK, response);
    }

    /// <summary>
    /// What the statuses will name: the number the message went to, or for a send to a BSUID the number only when the
    /// user shows it; the user's BSUID whenever the simulator knows it.
    /// </summary>
    private AcceptedMessage ToAccepted(string phoneNumberId, string messageId, SendRequest.Message message)
    {
        if (message.ToGroup)
        {
            return new AcceptedMessage(phoneNumberId, messageId, message.Type, message.WaId, message.CallbackData) { ToGroup = true };
        }

        var user = users.Find(message.Recipient);
        var waId = message.WaId ?? user?.VisibleWaId;
        var userId = message.UserId ?? user?.UserId;
        return new AcceptedMessage(phoneNumberId, messageId, message.Type, waId, message.CallbackData) { UserId = userId };
    }

    /// <summary>A media message by id must name a file this number uploaded and Meta still holds (30 days).</summary>
    private MetaError? UnknownMediaId(byte[] body, string type, string phoneNumberId)
    {
        if (type is not ("image" or "video" or "audio" or "document" or "sticker"))
        {
            return null;
        }

        using var document = JsonDocument.Parse(body);
        if (!document.RootElement.TryGetProperty(type, out var payload)
            || !payload.TryGetProperty("id", out var idElement)
            || idElement.ValueKind != JsonValueKind.String
            || idElement.GetString() is not { } mediaId)
        {
            return null;
        }

        return media.Find(mediaId) is { } file && file.PhoneNumberId == phoneNumberId ? null : MetaError.MediaNotFound(type, mediaId);
    }

    private MetaError? CheckTemplate(byte[] body, SimulatorOptions settings)
    {
        using var document = JsonDocument.Parse(body);
        return TemplateSendCheck.Check(templates, settings.WabaId, document.RootElement.GetProperty("template"), settings.RejectUnknownTemplates);
    }

    private static MetaError RefusalFor(FaultKind fault) => fault switch
    {
        FaultKind.TokenExpired => MetaError.TokenExpired(),
        FaultKind.AccountLocked => MetaError.AccountLocked(),
        FaultKind.BillingProblem => MetaError.BillingProblem(),
        FaultKind.PolicyBlocked => MetaError.PolicyBlocked(),
        FaultKind.MarketingCapped => MetaError.MarketingCapped(),
        FaultKind.MarketingStopped => MetaError.MarketingStopped(),
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, "Not a refusal fault."),
    };

    private static bool IsAuthorized(HttpRequest request, SimulatorOptions settings)
    {
        var header = request.Headers.Authorization.ToString();
        const string Bearer = "Bearer ";
        if (!header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) || header.Length == Bearer.Length)
        {
            return false;
        }

        var token = header[Bearer.Length..].Trim();
        return token.Length > 0 && (string.IsNullOrEmpty(settings.AccessToken) || token == settings.AccessToken);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private async Task HoldAsync(TimeSpan duration, CancellationToken aborted)
    {
        try
        {
            await Task.Delay(duration, time, aborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up first, which is the point of the fault.
        }
    }

    private async Task WriteErrorAsync(HttpContext context, ReceivedRequest entry, MetaError error)
    {
        entry.ErrorCode = error.Code;
        SimulatorLog.MessageRefused(logger, entry.PhoneNumberId, error.Code, error.Details);
        await WriteAsync(context, entry, (int)error.Status, error.ToJson());
    }

    private static async Task WriteAsync(HttpContext context, ReceivedRequest entry, int status, JsonNode body)
    {
        entry.ResponseStatus = status;
        if (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(ResponseJson), context.RequestAborted);
    }
}
