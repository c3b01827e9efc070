using System.Text.Json.Serialization;
using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.LiveFeed;
using WaApp.Grains.Abstractions.Outbound;
using WaApp.WebGateway.Api;

namespace WaApp.WebGateway.LiveFeed;

/// <summary>
/// A live frame as <c>/ws</c> clients receive it (JSON, camelCase). Conversation frames carry the conversation;
/// business-level frames (<c>sending.paused</c>, <c>sending.resumed</c>) carry <see cref="Sending"/> instead, the
/// same object <c>GET /api/v1/businesses/{phoneNumberId}</c> shows as <c>sending</c>.
/// </summary>
/// <param name="ConversationId"><c>{phoneNumberId}:{contactId}</c>; absent on business-level frames.</param>
/// <param name="Version">The conversation's event version after this change: +1 per event, so a jump is a gap; 0 on business-level frames.</param>
public sealed record LiveFrameMessage(
    string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ConversationId,
    string PhoneNumberId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ContactId,
    int Version,
    DateTimeOffset At,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LiveConversationItem? Conversation)
{
    /// <summary>The message the change is about, in the REST messages endpoint's shape.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MessageItem? Message { get; init; }

    /// <summary>The number's sending status (its breaker), on <c>sending.*</c> frames.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SendingStatus? Sending { get; init; }

    public static LiveFrameMessage From(LiveFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Conversation is not { } conversation)
        {
            return new LiveFrameMessage(frame.Type, null, frame.PhoneNumberId, null, frame.Version, frame.At, null) { Sending = frame.Sending };
        }

        return new LiveFrameMessage(
            frame.Type,
            $"{frame.PhoneNumberId}:{conversation.ContactId}",
            frame.PhoneNumberId,
            conversation.ContactId,
            frame.Version,
            frame.At,
            new LiveConversationItem(
                conversation.ProfileName,
                conversation.UnreadCount,
                conversation.IsOpen,
                conversation.AssignedTo,
                conversation.WindowExpiresAt,
                conversation.LastActivityAt,
                conversation.LastMessage))
        {
            Message = frame.Message is { } message ? MessageItem.From(message) : null,
            Sending = frame.Sending,
        };
    }
}

/// <summary>The conversation as of the frame, enough to update a conversation list without a REST call.</summary>
public sealed record LiveConversationItem(
    string? ProfileName,
    int UnreadCount,
    bool IsOpen,
    string? AssignedTo,
    DateTimeOffset? WindowExpiresAt,
    DateTimeOffset LastActivityAt,
    MessagePreview? LastMessage);
