using Microsoft.Extensions.Options;
using WaApp.CloudApiSimulator.Identities;
using WaApp.CloudApiSimulator.Options;
using WaApp.CloudApiSimulator.Sending;
using WaApp.CloudApiSimulator.Webhooks;

namespace WaApp.CloudApiSimulator.Control;

/// <summary>
/// A user changes number (<paramref name="NewWaId"/>) or business-scoped user id (<paramref name="NewUserId"/>). The
/// user is named by the ids they had until now: <paramref name="From"/> (number) and/or <paramref name="UserId"/>.
/// </summary>
/// <param name="Timestamp">Unix seconds of the change; now when omitted.</param>
public sealed record InjectIdentityChangeRequest(
    string? PhoneNumberId,
    string? From,
    string? UserId,
    string? NewWaId,
    string? NewUserId,
    string? Name,
    long? Timestamp);

/// <summary>
/// <c>POST /simulator/identity-changes</c>: POSTs the <c>system</c> message Meta sends when a user changes number
/// (<c>user_changed_number</c>) or BSUID (<c>user_changed_user_id</c>), and from then on knows the user by the new ids.
/// </summary>
public sealed class IdentityChangeEndpoint(
    WebhookSender sender,
    SimulatedUsers users,
    IOptionsMonitor<SimulatorOptions> options,
    TimeProvider time,
    ILogger<IdentityChangeEndpoint> logger)
{
    public async Task<IResult> HandleAsync(InjectIdentityChangeRequest request, CancellationToken cancellationToken)
    {
        Dictionary<string, string[]> errors = [];
        if (string.IsNullOrWhiteSpace(request.PhoneNumberId))
        {
            errors["phoneNumberId"] = ["The business phone_number_id is required."];
        }

        var from = UserIds.ReadWaId(request.From, request.UserId, errors);
        UserIds.CheckBsuid(request.UserId, "userId", errors);
        UserIds.CheckBsuid(request.NewUserId, "newUserId", errors);
        string? newWaId = null;
        if (request.NewWaId is not null)
        {
            newWaId = UserIds.ReadWaId(request.NewWaId, null, errors, "newWaId");
        }
        else if (request.NewUserId is null)
        {
            errors["newWaId"] = ["The new number (newWaId) or the new business-scoped user id (newUserId) is required."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var previous = users.Find(request.UserId) ?? users.Find(from)
            ?? new SimulatedUser(from, request.UserId, null, null, PhoneShared: from is not null);
        var name = request.Name ?? "WhatsApp user";
        var change = newWaId is not null
            ? new SystemChange("user_changed_number", $"User {name} changed from {from ?? previous.WaId} to {newWaId}", newWaId, null)
            : new SystemChange("user_changed_user_id", $"User {name} changed their business-scoped user ID", null, request.NewUserId);

        // A number change regenerates the BSUID too; the caller says which one the user now has.
        users.Replace(previous, previous with
        {
            WaId = newWaId ?? previous.WaId,
            UserId = request.NewUserId ?? previous.UserId,
            PhoneShared = newWaId is not null || previous.PhoneShared,
        });

        var settings = options.CurrentValue;
        var at = request.Timestamp is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : time.GetUtcNow();
        var messageId = Wamids.New();
        var payload = WebhookPayloads.IdentityChange(
            settings.WabaId,
            request.PhoneNumberId!,
            settings.DisplayPhoneNumberFor(request.PhoneNumberId!),
            new InboundSender(from ?? previous.VisibleWaId, request.UserId ?? previous.UserId, previous.ParentUserId, null, null),
            change,
            messageId,
            at);
        var status = await sender.DeliverAsync("message", messageId, null, payload, retry: false, cancellationToken);
        SimulatorLog.InboundInjected(logger, request.PhoneNumberId!, status);
        return TypedResults.Ok(new InjectInboundResponse(messageId, status));
    }
}
