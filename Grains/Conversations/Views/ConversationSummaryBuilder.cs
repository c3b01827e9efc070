using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.Conversations;

namespace WaApp.Grains.Conversations.Views;

/// <summary>What a conversation's state looks like to agents (<see cref="ConversationSummary"/>) and to its business's index (<see cref="ConversationSnapshot"/>).</summary>
public static class ConversationSummaryBuilder
{
    public static ConversationSummary Summary(ConversationState state, ConversationKey key, int version, DateTimeOffset now) => new(
        key.PhoneNumberId,
        key.ContactId,
        version,
        state.ProfileName,
        state.Messages.Count,
        state.UnreadCount,
        state.ReadUpTo,
        !state.IsClosed,
        state.AssignedTo,
        state.LastActivityAt,
        state.Window.ExpiresAt,
        state.Window.IsOpenAt(now),
        state.Consent.OptedOut,
        state.Consent.MarketingStopped,
        state.PendingSends.Count());

    public static ConversationSnapshot Snapshot(ConversationState state, string contactId, int version, DateTimeOffset now) => new(
        contactId,
        version,
        state.LastActivityAt ?? now,
        state.ProfileName,
        state.UnreadCount,
        !state.IsClosed,
        state.AssignedTo,
        state.Window.ExpiresAt,
        Preview(state.Messages.LastOrDefault()));

    public static MessagePreview? Preview(MessageRecord? message) => message is null
        ? null
        : new MessagePreview(
            message.Direction == MessageDirection.Inbound ? "inbound" : "outbound",
            message.Type,
            Shorten(message.Text),
            message.Timestamp);

    private static string? Shorten(string? text)
    {
        if (text is not { Length: > MessagePreview.MaxTextLength })
        {
            return text;
        }

        // Never split a surrogate pair (an emoji) in two.
        var length = char.IsHighSurrogate(text[MessagePreview.MaxTextLength - 1]) ? MessagePreview.MaxTextLength - 1 : MessagePreview.MaxTextLength;
        return text[..length];
    }
}
