using WaApp.Grains.Abstractions.Conversations;

namespace WaApp.Grains.Rules;

/// <summary>What to do after an inbound message: replies to queue in order, a consent change, and whether to mark it read.</summary>
public sealed record ProcessingDecision(IReadOnlyList<AutoReply> Replies, ConsentChange? ConsentChange, bool MarkAsRead)
{
    public static ProcessingDecision Nothing { get; } = new([], null, false);

    public bool SendsAwayMessage => Replies.Any(reply => reply.Kind == AutoReplyKind.AwayMessage);
}

/// <summary>One automatic reply; it is queued as a pending outbound text message.</summary>
public sealed record AutoReply(AutoReplyKind Kind, string Text);
