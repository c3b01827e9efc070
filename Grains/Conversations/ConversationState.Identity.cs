using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Events;

namespace WaApp.Grains.Conversations;

/// <summary>
/// Who the customer is now: the newest number and business-scoped user id their messages showed (a number or BSUID
/// change moves them), which sends address, and whether this conversation is only a forward to the customer's
/// conversation under another id.
/// </summary>
public sealed partial class ConversationState
{
    /// <summary>The conversation this one forwards to (its key is an alias of that customer); null for a real one.</summary>
    [Id(60)]
    public string? RedirectedTo { get; set; }

    /// <summary>The customer's newest wa_id: where sends go whenever one is known (Meta prefers numbers).</summary>
    [Id(61)]
    public string? CustomerWaId { get; set; }

    /// <summary>The customer's newest business-scoped user id: where sends go when no number is known.</summary>
    [Id(62)]
    public string? CustomerUserId { get; set; }

    /// <summary>Time of the newest message that set the ids above, so an older one arriving late cannot undo them.</summary>
    [Id(63)]
    public DateTimeOffset? CustomerIdsSeenAt { get; set; }

    /// <summary>
    /// Where a message to the customer goes: their newest number, else their BSUID (sent as <c>recipient</c>), else
    /// the conversation's contact id (conversations stored before the ids were kept).
    /// </summary>
    public string CustomerAddress(string contactId) => CustomerWaId ?? CustomerUserId ?? contactId;

    private bool ApplyIdentity(ConversationEvent @event)
    {
        if (@event is not ConversationRedirected redirected)
        {
            return false;
        }

        RedirectedTo ??= redirected.ConversationId;
        return true;
    }

    private void NoteCustomerIds(InboundMessage message)
    {
        if (CustomerIdsSeenAt is { } seen && message.Timestamp < seen)
        {
            return;
        }

        CustomerIdsSeenAt = message.Timestamp;
        if (message.Content?.System is { } change && (change.NewWaId is not null || change.NewUserId is not null))
        {
            // A number or BSUID change: the message comes from the old ids and names the new one.
            CustomerWaId = change.NewWaId ?? CustomerWaId;
            CustomerUserId = change.NewUserId ?? CustomerUserId;
            return;
        }

        CustomerWaId = message.FromWaId ?? CustomerWaId;
        CustomerUserId = message.FromUserId ?? CustomerUserId;
    }
}
