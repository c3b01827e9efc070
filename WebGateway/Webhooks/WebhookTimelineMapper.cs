using System.Security.Cryptography;
using System.Text;
using WaApp.Grains.Abstractions.Conversations;
using WaApp.WhatsApp.Webhooks;

namespace WaApp.WebGateway.Webhooks;

/// <summary>
/// Maps what is not a customer writing anew to its own conversation update: edits and deletions of earlier messages,
/// Calling API events, Business app echoes and imported history, and Groups API events.
/// </summary>
internal static class WebhookTimelineMapper
{
    /// <summary>The edit or deletion a message is, or null for an ordinary message (and for one naming no original).</summary>
    public static ConversationUpdate? EditOrRevoke(MessageUpdate update)
    {
        var message = update.Message;
        var timestamp = message.Timestamp ?? DateTimeOffset.UnixEpoch;
        return message switch
        {
            { Kind: MessageKind.Edit, Edit.OriginalMessageId: { Length: > 0 } original } => new MessageEditReport(
                message.Id!,
                original,
                timestamp,
                message.Edit.Message is { } edited ? WebhookContentMapper.ReadableText(edited) : null,
                message.Edit.Message is { } content ? WebhookContentMapper.ToContent(content) : null,
                update.RawJson),
            { Kind: MessageKind.Revoke, Revoke.OriginalMessageId: { Length: > 0 } revoked } =>
                new MessageRevokeReport(message.Id!, revoked, timestamp, update.RawJson),
            _ => null,
        };
    }

    public static CallReport ToCall(CallUpdate update, DateTimeOffset receivedAt)
    {
        var call = update.Call;
        return new CallReport(
            call.Id!,
            call.Event ?? "unknown",
            call.IsIncoming,
            call.Status,
            call.Timestamp ?? receivedAt,
            call.StartTime,
            call.EndTime,
            call.Duration,
            update.RawJson);
    }

    public static ImportedMessage ToImported(CoexistenceMessageUpdate update, DateTimeOffset receivedAt)
    {
        var message = update.Message;
        var direction = update.FromBusiness ? MessageDirection.Outbound : MessageDirection.Inbound;
        var status = direction == MessageDirection.Inbound
            ? "received"
            : message.HistoryContext?.Status is { Length: > 0 } known ? known.ToLowerInvariant() : "sent";
        return new ImportedMessage(
            message.Id!,
            direction,
            update.Chunk is null ? ImportedMessage.BusinessApp : ImportedMessage.History,
            message.Timestamp ?? receivedAt,
            message.Type ?? "unknown",
            WebhookContentMapper.ReadableText(message),
            WebhookContentMapper.ToContent(message),
            status,
            update.RawJson);
    }

    public static GroupEventReport ToGroupEvent(GroupEventUpdate update, DateTimeOffset receivedAt)
    {
        var group = update.Event;
        var type = group.Type ?? "unknown";
        return new GroupEventReport(
            EventId(update.RawJson),
            update.Source.Field,
            type,
            group.Timestamp ?? receivedAt,
            Summary(group, type),
            group.Subject,
            update.RawJson);
    }

    /// <summary>Meta gives a group event no id: the hash of its exact JSON recognises a redelivery.</summary>
    private static string EventId(string rawJson) =>
        "gev." + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(rawJson)))[..32];

    private static string Summary(WebhookGroupEvent group, string type)
    {
        var added = group.AddedParticipants?.Count ?? 0;
        var removed = group.RemovedParticipants?.Count ?? 0;
        var summary = type switch
        {
            "group_create" => group.Subject is { Length: > 0 } subject ? $"Group created: {subject}" : "Group created",
            "group_delete" => "Group deleted",
            "group_participants_add" => $"{Count(added)} joined",
            "group_participants_remove" => $"{Count(removed)} left or removed",
            _ => type.Replace('_', ' '),
        };
        return group.Errors is { Count: > 0 } errors ? $"{summary} (failed: {errors[0].Title ?? errors[0].Message ?? "error"})" : summary;
    }

    private static string Count(int participants) => participants == 1 ? "1 participant" : $"{participants} participants";
}
