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

    /// <summary>The customer's newest known wa_id (kept when they later write by username only).</summary>
    [Id(61)]
    public string? CustomerWaId { get; set; }

    /// <summary>The customer's newest business-scoped user id.</summary>
    [Id(62)]
    public string? CustomerUserId { get; set; }

    /// <summary>
    /// The id replies go to: the one the customer's newest message came from (their number, or their BSUID when they
    /// wrote by username only), or the new number or BSUID of an identity change.
    /// </summary>
    [Id(64)]
    public string? CustomerReplyId { get; set; }

    /// <summary>Time of the newest message that set the ids above, so an older one arriving late cannot undo them.</summary>
    [Id(63)]
    public DateTimeOffset? CustomerIdsSeenAt { get; set; }

    /// <summary>
    /// Where a message to the customer goes: the way they last wrote (a BSUID is sent as <c>recipient</c>: a user who
    /// hides their number behind a username is answered by username), else the conversation's contact id
    /// (conversations stored before the ids were kept).
    /// </summary>
    public string CustomerAddress(string contactId) => CustomerReplyId ?? contactId;

    /// <summary>
    /// The alias this new conversation must claim before it knows whose it is (see <see cref="IdentityClaimPending"/>);
    /// null once it knows (settled or redirected), and for every conversation that never needed to ask.
    /// </summary>
    [Id(65)]
    public string? PendingIdentityClaim { get; set; }

    /// <summary>
    /// Automatic replies decided while <see cref="PendingIdentityClaim"/> was open: queued, and never handed to the
    /// sender before the settle is stored, so a replayed conversation knows they were not sent. Null when none.
    /// </summary>
    [Id(66)]
    public List<string>? HeldReplies { get; set; }

    /// <summary>Whether <paramref name="messageId"/> is an automatic reply held until the identity is settled.</summary>
    public bool IsHeld(string messageId) => HeldReplies is { } held && held.Contains(messageId);

    private bool ApplyIdentity(ConversationEvent @event)
    {
        switch (@event)
        {
            case ConversationRedirected redirected:
                // A forward is settled: what it held is never sent (the customer's conversation decides its own replies).
                RedirectedTo ??= redirected.ConversationId;
                PendingIdentityClaim = null;
                HeldReplies = null;
                return true;
            case IdentityClaimPending pending:
                PendingIdentityClaim ??= pending.Alias;
                return true;
            case IdentitySettled:
                PendingIdentityClaim = null;
                HeldReplies = null;
                return true;
            default:
                return false;
        }
    }

    private void HoldIfUnsettled(string replyId)
    {
        if (PendingIdentityClaim is not null)
        {
            (HeldReplies ??= []).Add(replyId);
        }
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
            CustomerReplyId = change.NewWaId ?? change.NewUserId;
            return;
        }

        CustomerWaId = message.FromWaId ?? CustomerWaId;
        CustomerUserId = message.FromUserId ?? CustomerUserId;
        CustomerReplyId = message.FromWaId ?? message.FromUserId ?? CustomerReplyId;
    }
}
