using System.Text.Json.Serialization;
using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.LiveFeed;
using WaApp.WebGateway.Api;

namespace WaApp.WebGateway.LiveFeed;

/// <summary>A live frame as <c>/ws</c> clients receive it (JSON, camelCase).</summary>
/// <param name="ConversationId"><c>{phoneNumberId}:{contactId}</c>.</param>
/// <param name="Version">The conversation's event version after this change: +1 per event, so a jump is a gap.</param>
public sealed record LiveFrameMessage(
    string Type,
    string ConversationId,
    string PhoneNumberId,
    string ContactId,
    int Version,
    DateTimeOffset At,
    LiveConversationItem Conversation)
{
    /// <summary>The message the change is about, in the REST messages endpoint's shape.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MessageItem? Message { get; init; }

    public static LiveFrameMessage From(LiveFrame frame)
    {
        var conversation = frame.Conversation;
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
