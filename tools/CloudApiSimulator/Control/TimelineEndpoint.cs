using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using WaApp.CloudApiSimulator.Identities;
using WaApp.CloudApiSimulator.Options;
using WaApp.CloudApiSimulator.Sending;
using WaApp.CloudApiSimulator.Webhooks;

namespace WaApp.CloudApiSimulator.Control;

/// <summary>
/// What a test or a newcomer asks the simulator to make happen around messages (<c>POST /simulator/events</c>).
/// <see cref="Kind"/> is one of <see cref="TimelineEndpoint.Kinds"/>; the other fields are read as that kind needs them.
/// </summary>
/// <param name="User">
/// The user's wa_id (digits): the sender, the caller, the recipient of an echo, the history thread. For a call, an
/// echo or a history chunk it may be a BSUID instead: a username user who hides their number is then named by
/// <c>from_user_id</c> / <c>to_user_id</c> (and a history thread by the BSUID), as Meta names them in messages.
/// </param>
/// <param name="Timestamp">Unix seconds when it happened; now when omitted.</param>
/// <param name="Joined">group_participants: true when the participants joined, false when they left.</param>
/// <param name="Incoming">call: true when the user called the business.</param>
/// <param name="CallEvent">call: <c>connect</c> or <c>terminate</c>.</param>
/// <param name="CallStatus">call terminate: <c>COMPLETED</c> or <c>FAILED</c>.</param>
/// <param name="StartedAt">call terminate: Unix seconds when the call was connected.</param>
public sealed record InjectTimelineRequest(
    string? Kind,
    string? PhoneNumberId,
    string? User,
    string? Name,
    string? GroupId,
    string? Text,
    string? OriginalMessageId,
    bool? Joined,
    IReadOnlyList<string>? Participants,
    string? CallId,
    bool? Incoming,
    string? CallEvent,
    string? CallStatus,
    int? DurationSeconds,
    long? StartedAt,
    long? Timestamp,
    int? Phase,
    int? ChunkOrder,
    int? Progress,
    IReadOnlyList<InjectHistoryMessage>? Messages);

/// <summary>One message of an injected history chunk; its id is made up when omitted.</summary>
public sealed record InjectHistoryMessage(string? MessageId, bool FromBusiness, long? Timestamp, string? Text);

/// <param name="Id">The wamid of the message (or edit, deletion, echo), the call id, or the first history message's id.</param>
/// <param name="WebhookStatus">The gateway's HTTP answer; null when no webhook URL is configured or it did not answer.</param>
public sealed record InjectTimelineResponse(string Id, int? WebhookStatus);

/// <summary>
/// <c>POST /simulator/events</c>: POSTs a signed webhook of a group message, a Groups API participants update, an edit,
/// a deletion, a call event, a WhatsApp Business app echo or a history chunk. None of them opens the 24-hour window
/// here: Meta documents the window as opened by a user's message to the business, and group traffic, edits,
/// deletions, calls and the business's own echoes are not that.
/// </summary>
public sealed class TimelineEndpoint(WebhookSender sender, IOptionsMonitor<SimulatorOptions> options, TimeProvider time, ILogger<TimelineEndpoint> logger)
{
    public static readonly IReadOnlyList<string> Kinds = ["group_text", "group_participants", "edit", "revoke", "call", "echo", "history"];

    public async Task<IResult> HandleAsync(InjectTimelineRequest request, CancellationToken cancellationToken)
    {
        var errors = Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var settings = options.CurrentValue;
        var business = new TimelinePayloads.Business(settings.WabaId, request.PhoneNumberId!, settings.DisplayPhoneNumberFor(request.PhoneNumberId!));
        var at = request.Timestamp is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : time.GetUtcNow();
        var user = NamesByBsuid(request) ? request.User! : Digits(request.User);
        var (id, payload) = request.Kind switch
        {
            "group_text" => Wamid(id => TimelinePayloads.GroupText(business, user, request.Name, request.GroupId!, id, at, request.Text)),
            "group_participants" => (request.GroupId!, TimelinePayloads.GroupParticipants(business, request.GroupId!, request.Joined ?? true, [.. request.Participants!.Select(Digits)], at)),
            "edit" => Wamid(id => TimelinePayloads.Edit(business, user, request.Name, id, request.OriginalMessageId!, at, request.Text!)),
            "revoke" => Wamid(id => TimelinePayloads.Revoke(business, user, request.Name, id, request.OriginalMessageId!, at)),
            "call" => Call(request, business, user, at),
            "echo" => Wamid(id => TimelinePayloads.Echo(business, user, id, at, request.Text!)),
            _ => History(request, business, user),
        };

        var status = await sender.DeliverAsync(request.Kind!, id, null, payload, retry: false, cancellationToken);
        SimulatorLog.TimelineInjected(logger, request.Kind!, request.PhoneNumberId!, status);
        return TypedResults.Ok(new InjectTimelineResponse(id, status));
    }

    private static Dictionary<string, string[]> Validate(InjectTimelineRequest request)
    {
        Dictionary<string, string[]> errors = [];
        if (request.Kind is null || !Kinds.Contains(request.Kind))
        {
            errors["kind"] = [$"The kind must be one of {string.Join(", ", Kinds)}."];
            return errors;
        }

        if (string.IsNullOrWhiteSpace(request.PhoneNumberId))
        {
            errors["phoneNumberId"] = ["The business phone_number_id is required."];
        }

        if (request.Kind != "group_participants" && !NamesByBsuid(request) && Digits(request.User).Length is < 7 or > 15)
        {
            errors["user"] = [request.Kind is "call" or "echo" or "history"
                ? "The user's number (wa_id digits, 7 to 15) or business-scoped user id (e.g. US.13491208655302741918) is required."
                : "The user's number (wa_id digits, 7 to 15) is required."];
        }

        switch (request.Kind)
        {
            case "group_text" or "group_participants" when string.IsNullOrWhiteSpace(request.GroupId):
                errors["groupId"] = ["The group id is required."];
                break;
            case "edit" or "revoke" when string.IsNullOrWhiteSpace(request.OriginalMessageId):
                errors["originalMessageId"] = ["The wamid of the edited or deleted message is required."];
                break;
            case "call" when request.CallEvent is not ("connect" or "terminate"):
                errors["callEvent"] = ["The call event must be connect or terminate."];
                break;
            case "call" when request.CallEvent == "terminate" && request.CallStatus is not ("COMPLETED" or "FAILED"):
                errors["callStatus"] = ["A terminate needs the status COMPLETED or FAILED."];
                break;
            case "call" when request.DurationSeconds is < 0:
                errors["durationSeconds"] = ["The duration cannot be negative."];
                break;
            case "history" when request.Messages is not { Count: > 0 } || request.Messages.Any(message => string.IsNullOrEmpty(message?.Text)):
                errors["messages"] = ["A history chunk needs at least one message, each with a text."];
                break;
            case "history" when request.Phase is < 0 or > 2 || request.Progress is < 0 or > 100 || request.ChunkOrder is < 1:
                errors["chunkOrder"] = ["The phase is 0 to 2, the chunk order 1 or more and the progress 0 to 100."];
                break;
        }

        if (request.Kind == "group_participants" && (request.Participants is not { Count: > 0 } || request.Participants.Any(waId => Digits(waId).Length is < 7 or > 15)))
        {
            errors["participants"] = ["At least one participant wa_id (7 to 15 digits) is required."];
        }

        if (request.Kind is "edit" or "echo" && string.IsNullOrEmpty(request.Text))
        {
            errors["text"] = ["The text is required."];
        }

        return errors;
    }

    private static (string, JsonObject) Wamid(Func<string, JsonObject> build)
    {
        var id = Wamids.New();
        return (id, build(id));
    }

    private static (string, JsonObject) Call(InjectTimelineRequest request, TimelinePayloads.Business business, string user, DateTimeOffset at)
    {
        var callId = request.CallId is { Length: > 0 } known ? known : "wacid." + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        var startedAt = request.StartedAt is { } started ? DateTimeOffset.FromUnixTimeSeconds(started) : (DateTimeOffset?)null;
        return (callId, TimelinePayloads.Call(business, user, callId, request.Incoming ?? true, request.CallEvent!, at, request.CallStatus, startedAt, request.DurationSeconds));
    }

    private (string, JsonObject) History(InjectTimelineRequest request, TimelinePayloads.Business business, string user)
    {
        var now = time.GetUtcNow();
        var items = request.Messages!.Select(message => new TimelinePayloads.HistoryItem(
            message.MessageId is { Length: > 0 } id ? id : Wamids.New(),
            message.FromBusiness,
            message.Timestamp is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : now,
            message.Text!)).ToList();
        return (items[0].MessageId, TimelinePayloads.HistoryChunk(business, user, request.Phase ?? 0, request.ChunkOrder ?? 1, request.Progress ?? 100, items));
    }

    private static bool NamesByBsuid(InjectTimelineRequest request) =>
        request.Kind is "call" or "echo" or "history" && Bsuids.IsBsuid(request.User);

    private static string Digits(string? value) => new([.. (value ?? string.Empty).Where(char.IsAsciiDigit)]);
}
