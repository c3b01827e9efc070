using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Events;

namespace WaApp.Grains.Conversations;

/// <summary>Agent actions: assign, close and reopen (mark read is in <c>.ReadReceipts.cs</c>); each is one event unless it would change nothing.</summary>
public sealed partial class ConversationGrain
{
    public Task<ConversationSummary?> AssignAsync(string? agent, string by) =>
        ActAsync(state => state.AssignedTo != agent ? new ConversationAssigned(agent, by) : null);

    public Task<ConversationSummary?> CloseAsync(string by) =>
        ActAsync(state => state.IsClosed ? null : new ConversationClosed(by));

    public Task<ConversationSummary?> ReopenAsync(string by) =>
        ActAsync(state => state.IsClosed ? new ConversationReopened(by) : null);

    /// <summary>Raises the agent's event unless it would change nothing; an unknown conversation gets none (null).</summary>
    private async Task<ConversationSummary?> ActAsync(Func<ConversationState, ConversationEvent?> decide)
    {
        await ConfirmEvents();
        if (Version == 0)
        {
            return null;
        }

        if (decide(TentativeState) is { } @event)
        {
            Raise(@event);
            await ConfirmEvents();
            ReportToBusiness();
        }

        return Summary();
    }
}
