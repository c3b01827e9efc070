using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Events;

namespace WaApp.Grains.Conversations.Views;

/// <summary>A stored message as agents see it: with its delivery details, why a send failed, and the customer's reaction.</summary>
public static class MessageViewBuilder
{
    public static MessageView Build(ConversationState state, MessageRecord message)
    {
        var delivery = state.Deliveries.GetValueOrDefault(WamidOf(state, message));
        var reaction = state.Reactions.GetValueOrDefault(message.Id)?.Emoji;
        return message.ToView() with
        {
            Content = message.Content,
            StatusTimes = delivery?.StatusTimes.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal),
            Errors = delivery is { Errors.Count: > 0 } ? [.. delivery.Errors] : SendErrors(state, message),
            Reaction = reaction,
            Media = state.Media.GetValueOrDefault(message.Id)?.ToView(),
        };
    }

    /// <summary>The view of the message with our id <paramref name="messageId"/>, or null when the conversation has none.</summary>
    public static MessageView? Find(ConversationState state, string messageId) =>
        state.FindMessage(messageId) is { } message ? Build(state, message) : null;

    /// <summary>The id Meta's statuses use for <paramref name="message"/>: the wamid of our sends once known.</summary>
    private static string WamidOf(ConversationState state, MessageRecord message) =>
        message.Direction == MessageDirection.Outbound && state.Outbox.TryGetValue(message.Id, out var record) && record.Wamid is { } wamid ? wamid : message.Id;

    /// <summary>Why a send failed before Meta's statuses had anything to say.</summary>
    private static List<ErrorDetail>? SendErrors(ConversationState state, MessageRecord message) =>
        message.Direction == MessageDirection.Outbound && state.Outbox.TryGetValue(message.Id, out var record) && record.Outcome is OutboundRecord.Failed or OutboundRecord.Unknown
            ? [new ErrorDetail(record.ErrorCode, record.ErrorTitle ?? (record.Outcome == OutboundRecord.Unknown ? "Outcome unknown" : null), record.ErrorTitle, record.ErrorDetails, null)]
            : null;
}
