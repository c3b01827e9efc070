using Microsoft.Extensions.Options;
using WaApp.CloudApiSimulator.Identities;
using WaApp.CloudApiSimulator.Options;
using WaApp.CloudApiSimulator.Sending;
using WaApp.CloudApiSimulator.Webhooks;

namespace WaApp.CloudApiSimulator.Control;

/// <summary>
/// A user's text message to a business number, as a test or a newcomer types it. The user is named by
/// <paramref name="From"/> (the phone number, shown as <c>wa_id</c>), by <paramref name="UserId"/> (the
/// business-scoped user id, BSUID), or both; a user with only a BSUID is a username user who hides the number.
/// </summary>
/// <param name="Timestamp">Unix seconds when the user sent it; now when omitted.</param>
/// <param name="ParentUserId">The parent BSUID (<c>CC.ENT.…</c>), when the business has parent BSUIDs enabled.</param>
/// <param name="Username">The user's username (<c>profile.username</c>), if they adopted one.</param>
public sealed record InjectInboundRequest(
    string? PhoneNumberId,
    string? From,
    string? Name,
    string? Text,
    long? Timestamp,
    string? UserId = null,
    string? ParentUserId = null,
    string? Username = null);

/// <param name="WebhookStatus">The gateway's HTTP answer; null when no webhook URL is configured or it did not answer.</param>
public sealed record InjectInboundResponse(string MessageId, int? WebhookStatus);

/// <summary><c>POST /simulator/inbound</c>: opens the service window and POSTs a signed messages webhook to the gateway.</summary>
public sealed class InboundEndpoint(
    WebhookSender sender,
    ServiceWindows windows,
    SimulatedUsers users,
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

        var from = UserIds.ReadWaId(request.From, request.UserId, errors);
        UserIds.CheckBsuid(request.UserId, "userId", errors);
        UserIds.CheckBsuid(request.ParentUserId, "parentUserId", errors);
        if (string.IsNullOrEmpty(request.Text))
        {
            errors["text"] = ["The message text is required."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // A BSUID-only message from a user first seen by number is the same user, now hiding the number.
        var known = users.Find(request.UserId) ?? users.Find(from);
        var user = new SimulatedUser(
            from ?? known?.WaId,
            request.UserId ?? known?.UserId,
            request.ParentUserId ?? known?.ParentUserId,
            request.Username ?? known?.Username,
            PhoneShared: from is not null);
        users.Remember(user);

        var settings = options.CurrentValue;
        var sentAt = request.Timestamp is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : time.GetUtcNow();
        var messageId = Wamids.New();
        foreach (var id in user.Ids)
        {
            windows.RecordInbound(request.PhoneNumberId!, id, sentAt);
        }

        var payload = WebhookPayloads.InboundText(
            settings.WabaId,
            request.PhoneNumberId!,
            settings.DisplayPhoneNumberFor(request.PhoneNumberId!),
            new InboundSender(user.VisibleWaId, user.UserId, user.ParentUserId, request.Name, user.Username),
            messageId,
            sentAt,
            request.Text!);
        var status = await sender.DeliverAsync("message", messageId, null, payload, retry: false, cancellationToken);
        SimulatorLog.InboundInjected(logger, request.PhoneNumberId!, status);
        return TypedResults.Ok(new InjectInboundResponse(messageId, status));
    }
}
