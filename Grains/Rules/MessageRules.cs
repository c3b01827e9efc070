using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Business;

namespace WaApp.Grains.Rules;

/// <summary>
/// The message service: decides how a business number answers an inbound message on its own.
/// <list type="number">
/// <item>Only messages a customer wrote (<see cref="MessageTypes.IsUserMessage"/>) are answered; reactions, system
/// notices and unsupported content never are, and neither is a message whose 24-hour window has already closed.</item>
/// <item>An opt-out keyword opts the customer out and gets only the opt-out confirmation. An opt-in keyword from an
/// opted-out customer opts them back in and gets only the opt-in confirmation; from anyone else it is ordinary text.</item>
/// <item>Otherwise, in this order: the welcome message on first contact; the reply of the first keyword found in
/// the text; the away message when the business is closed at the message's time and no away message was triggered
/// within <see cref="BusinessHours.EffectiveAwayMessageInterval"/> before it.</item>
/// </list>
/// Replies answer the customer's own message inside the window, so an earlier opt-out does not silence them.
/// </summary>
public static class MessageRules
{
    public static ProcessingDecision Decide(InboundMessageContext message, BusinessSettings settings)
    {
        var markAsRead = settings.AutoMarkAsRead && !string.Equals(message.Type, MessageTypes.System, StringComparison.OrdinalIgnoreCase);
        var window = CustomerServiceWindow.Never.After(message.Type, message.SentAt);
        if (!MessageTypes.IsUserMessage(message.Type))
        {
            return new ProcessingDecision([], null, markAsRead);
        }

        var keyword = OptOutKeywords.Classify(message.Text);
        var canReply = window.IsOpenAt(message.Now);
        if (keyword == OptKeyword.OptOut)
        {
            return new ProcessingDecision(
                Reply(canReply, AutoReplyKind.OptOutConfirmation, settings.OptOutConfirmation), ConsentChange.OptOut, markAsRead);
        }

        if (keyword == OptKeyword.OptIn && message.OptedOut)
        {
            return new ProcessingDecision(
                Reply(canReply, AutoReplyKind.OptInConfirmation, settings.OptInConfirmation), ConsentChange.OptIn, markAsRead);
        }

        if (!canReply)
        {
            return new ProcessingDecision([], null, markAsRead);
        }

        var replies = new List<AutoReply>();
        if (message.IsFirstContact && !string.IsNullOrWhiteSpace(settings.WelcomeMessage))
        {
            replies.Add(new AutoReply(AutoReplyKind.Welcome, settings.WelcomeMessage));
        }

        if (FindKeywordReply(message.Text, settings.KeywordReplies) is { } keywordReply)
        {
            replies.Add(new AutoReply(AutoReplyKind.KeywordReply, keywordReply));
        }

        if (settings.BusinessHours is { } hours && ShouldSendAwayMessage(message, hours))
        {
            replies.Add(new AutoReply(AutoReplyKind.AwayMessage, hours.AwayMessage));
        }

        return new ProcessingDecision(replies, null, markAsRead);
    }

    private static AutoReply[] Reply(bool canReply, AutoReplyKind kind, string? text) =>
        canReply && !string.IsNullOrWhiteSpace(text) ? [new AutoReply(kind, text)] : [];

    private static string? FindKeywordReply(string? text, IReadOnlyList<KeywordReply> replies)
    {
        if (replies.Count == 0)
        {
            return null;
        }

        var normalized = KeywordText.Normalize(text);
        if (normalized.Length == 0)
        {
            return null;
        }

        return replies.FirstOrDefault(reply => KeywordText.ContainsPhrase(normalized, KeywordText.Normalize(reply.Keyword)))?.Reply;
    }

    private static bool ShouldSendAwayMessage(InboundMessageContext message, BusinessHours hours)
    {
        if (message.LastAwayMessageAt is { } last && message.SentAt - last < hours.EffectiveAwayMessageInterval)
        {
            return false;
        }

        return !BusinessHoursSchedule.Create(hours).IsOpenAt(message.SentAt);
    }
}
