using Microsoft.Extensions.Options;
using WaApp.CloudApiSimulator.Options;
using WaApp.CloudApiSimulator.Sending;
using WaApp.CloudApiSimulator.Webhooks;

namespace WaApp.CloudApiSimulator.Control;

/// <summary>A user's text message to a business number, as a test or a newcomer types it.</summary>
/// <param name="Timestamp">Unix seconds when the user sent it; now when omitted.</param>
public sealed record InjectInboundRequest(string? PhoneNumberId, string? From, string? Name, string? Text, long? Timestamp);

/// <param name="WebhookStatus">The gateway's HTTP answer; null when no webhook URL is configured or it did not answer.</param>
public sealed record InjectInboundResponse(string MessageId, int? WebhookStatus);

/// <summary><c>POST /simulator/inbound</c>: opens the service window and POSTs a signed messages webhook to the gateway.</summary>
public sealed class InboundEndpoint(
    WebhookSender sender,
    ServiceWindows windows,
    IOptionsMonitor<SimulatorOptions> options,
    TimeProvider time,
    ILogger<InboundEndpoint> logger)
{
    public async Task<IResult> HandleAsync(InjectInboundRequest request, CancellationToken cancellationToken)
    {
        Dictionary<string, string[]> errors = [];
        if (string.IsNullOrWhiteSpace(request.PhoneNumberId))
        {
            errors["phoneNumberId"] = ["The business phone_number_id is required."];
        }

        var from = new string([.. (request.From ?? string.Empty).Where(char.IsAsciiDigit)]);
        if (from.Length is < 7 or > 15)
        {
            errors["from"] = ["The user's number (wa_id digits, 7 to 15) is required."];
        }

        if (string.IsNullOrEmpty(request.Text))
        {
            errors["text"] = ["The message text is required."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var settings = options.CurrentValue;
        var sentAt = request.Timestamp is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : time.GetUtcNow();
        var messageId = Wamids.New();
        windows.RecordInbound(request.PhoneNumberId!, from, sentAt);
        var payload = WebhookPayloads.InboundText(
            settings.WabaId,
            request.PhoneNumberId!,
            settings.DisplayPhoneNumberFor(request.PhoneNumberId!),
            from,
            request.Name,
            messageId,
            sentAt,
            request.Text!);
        var status = await sender.DeliverAsync("message", messageId, null, payload, retry: false, cancellationToken);
        SimulatorLog.InboundInjected(logger, request.PhoneNumberId!, status);
        return TypedResults.Ok(new InjectInboundResponse(messageId, status));
    }
}
