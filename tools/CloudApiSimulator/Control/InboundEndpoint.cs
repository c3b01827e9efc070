using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using WaApp.CloudApiSimulator.Identities;
using WaApp.CloudApiSimulator.Media;
using WaApp.CloudApiSimulator.Options;
using WaApp.CloudApiSimulator.Sending;
using WaApp.CloudApiSimulator.Webhooks;

namespace WaApp.CloudApiSimulator.Control;

/// <summary>
/// A user's message to a business number, as a test or a newcomer types it: a text, or a file. The user is named by
/// <paramref name="From"/> (the phone number, shown as <c>wa_id</c>), by <paramref name="UserId"/> (the
/// business-scoped user id, BSUID), or both; a user with only a BSUID is a username user who hides the number.
/// </summary>
/// <param name="Timestamp">Unix seconds when the user sent it; now when omitted.</param>
/// <param name="Type"><c>text</c> (default), <c>image</c>, <c>audio</c>, <c>video</c>, <c>document</c> or <c>sticker</c>.</param>
/// <param name="Media">The file of a media message.</param>
/// <param name="ParentUserId">The parent BSUID (<c>CC.ENT.…</c>), when the business has parent BSUIDs enabled.</param>
/// <param name="Username">The user's username (<c>profile.username</c>), if they adopted one.</param>
public sealed record InjectInboundRequest(
    string? PhoneNumberId,
    string? From,
    string? Name,
    string? Text,
    long? Timestamp,
    string? Type = null,
    InjectedMedia? Media = null,
    string? UserId = null,
    string? ParentUserId = null,
    string? Username = null);

/// <summary>A file the user sends; the simulator keeps its bytes under a new media id, as Meta does.</summary>
/// <param name="Caption">Images, videos and documents only.</param>
/// <param name="Filename">Documents only.</param>
public sealed record InjectedMedia(string? MimeType, string? Base64, string? Filename, string? Caption);

/// <param name="WebhookStatus">The gateway's HTTP answer; null when no webhook URL is configured or it did not answer.</param>
/// <param name="MediaId">The media id of an injected file; its sha256 is what Meta reports.</param>
public sealed record InjectInboundResponse(string MessageId, int? WebhookStatus, string? MediaId = null, string? Sha256 = null);

/// <summary><c>POST /simulator/inbound</c>: opens the service window and POSTs a signed messages webhook to the gateway.</summary>
public sealed class InboundEndpoint(
    WebhookSender sender,
    ServiceWindows windows,
    SimulatedUsers users,
    MediaStore media,
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
        var type = request.Type ?? "text";
        byte[]? bytes = null;
        if (type == "text")
        {
            if (string.IsNullOrEmpty(request.Text))
            {
                errors["text"] = ["The message text is required."];
            }
        }
        else if (type is "image" or "audio" or "video" or "document" or "sticker")
        {
            bytes = ReadMedia(request.Media, errors);
        }
        else
        {
            errors["type"] = ["The type must be text, image, audio, video, document or sticker."];
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

        var display = settings.DisplayPhoneNumberFor(request.PhoneNumberId!);
        var ids = new InboundSender(user.VisibleWaId, user.UserId, user.ParentUserId, request.Name, user.Username);
        StoredMedia? file = null;
        JsonObject payload;
        if (bytes is null)
        {
            payload = WebhookPayloads.InboundText(settings.WabaId, request.PhoneNumberId!, display, ids, messageId, sentAt, request.Text!);
        }
        else
        {
            file = media.Add(request.PhoneNumberId!, bytes, request.Media!.MimeType!, request.Media.Filename, uploaded: false);
            payload = WebhookPayloads.InboundMedia(settings.WabaId, request.PhoneNumberId!, display, ids, messageId, sentAt, type, file, request.Media.Caption);
        }

        var status = await sender.DeliverAsync("message", messageId, null, payload, retry: false, cancellationToken);
        SimulatorLog.InboundInjected(logger, request.PhoneNumberId!, status);
        return TypedResults.Ok(new InjectInboundResponse(messageId, status, file?.Id, file?.Sha256));
    }

    private static byte[]? ReadMedia(InjectedMedia? file, Dictionary<string, string[]> errors)
    {
        if (file is null)
        {
            errors["media"] = ["A media message needs media: { mimeType, base64, filename?, caption? }."];
            return null;
        }

        if (string.IsNullOrWhiteSpace(file.MimeType))
        {
            errors["media.mimeType"] = ["The MIME type of the file is required."];
        }

        byte[]? bytes = null;
        try
        {
            bytes = Convert.FromBase64String(file.Base64 ?? string.Empty);
        }
        catch (FormatException)
        {
            errors["media.base64"] = ["The file must be base64."];
        }

        if (bytes is { Length: 0 })
        {
            errors["media.base64"] = ["The file must not be empty."];
        }

        return bytes;
    }
}
