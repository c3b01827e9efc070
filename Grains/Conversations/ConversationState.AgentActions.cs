using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Events;
using WaApp.Grains.Rules;

namespace WaApp.Grains.Conversations;

/// <summary>Agent actions: the read marker and unread count, assignment, open/closed.</summary>
public sealed partial class ConversationState
{
    public const string CustomerActor = "customer";

    [Id(21)]
    public long ReadUpTo { get; set; }

    [Id(22)]
    public int UnreadCount { get; set; }

    [Id(23)]
    public string? AssignedTo { get; set; }

    [Id(24)]
    public bool IsClosed { get; set; }

    /// <summary>Applies the agent-action events; false for events this flow does not own.</summary>
    private bool ApplyAgentAction(ConversationEvent @event)
    {
        switch (@event)
        {
            case ConversationMarkedRead read when read.UpToSequence > ReadUpTo:
                ReadUpTo = read.UpToSequence;
                UnreadCount = Messages.Count(message => message.Sequence > ReadUpTo && IsUnreadCandidate(message));
                return true;
            case ConversationMarkedRead:
                return true;
            case ConversationAssigned assigned:
                AssignedTo = assigned.Agent;
                return true;
            case ConversationClosed:
                IsClosed = true;
                return true;
            case ConversationReopened:
                IsClosed = false;
                return true;
            default:
                return false;
        }
    }

    private static bool IsUnreadCandidate(MessageRecord message) =>
        message.Direction == MessageDirection.Inbound && MessageTypes.IsUserMessage(message.Type);
}
