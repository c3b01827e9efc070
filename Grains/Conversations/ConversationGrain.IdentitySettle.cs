using WaApp.Grains.Abstractions.Contacts;
using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Events;
using WaApp.WhatsApp.Identities;
using WaApp.WhatsApp.Webhooks;

namespace WaApp.Grains.Conversations;

/// <summary>
/// A new conversation keyed by a number whose first message also carries a BSUID may belong to a customer WaApp first
/// knew by that BSUID (they wrote by username only, then showed their number at a gateway that had not seen them). The
/// gateway cannot tell without a read before the 200, which a brand-new customer must not pay; the conversation finds
/// out after its first commit instead, by claiming the BSUID in the alias index for its own contact id (one
/// conditional write, no read: the claim a new customer's contact makes anyway). If the claim wins, this is a new
/// customer and the conversation reports itself and sends its automatic replies as usual. A new conversation keyed by
/// a BSUID (a username user's first message) claims its own key the same way, so that later message finds it. If the
/// id is already another customer's, the conversation hands what it stored over to the customer's conversation (which
/// applies its rules: consent, window, no second welcome), forwards from then on, and never shows in the business's
/// list.
/// </summary>
public sealed partial class ConversationGrain
{
    // What this conversation stored while it does not know yet whether it is a new customer's; null once it knows.
    private List<ConversationUpdate>? _unsettled;

    // Whether a new conversation must first learn whose it is, and the id to claim for that: its own key when it is
    // a BSUID (so a later message showing the number finds the customer), else the BSUID next to the number.
    private bool MustSettle(int versionBefore, IReadOnlyList<ConversationUpdate> updates, out string? claim)
    {
        claim = null;
        var contactId = Key.ContactId;
        if (versionBefore != 0 || Version == 0 || GroupIds.IsGroup(contactId))
        {
            return false;
        }

        if (BusinessScopedUserId.IsValid(contactId))
        {
            claim = contactId;
            return true;
        }

        claim = ContactAliases.IsRoutingNumber(contactId)
            ? updates.OfType<InboundMessage>()
                .FirstOrDefault(message => message.GroupId is null && message.FromWaId == contactId && BusinessScopedUserId.IsValid(message.FromUserId))
                ?.FromUserId
            : null;
        return claim is not null;
    }

    /// <summary>Keeps what this call stored for a possible hand-over; the reports and replies wait for the answer.</summary>
    private void HoldUntilSettled(IReadOnlyList<ConversationUpdate> updates, string? claim)
    {
        var starting = _unsettled is null;
        (_unsettled ??= []).AddRange(updates);
        if (starting && claim is not null)
        {
            _ = SettleIdentityAsync(claim);
        }
    }

    private async Task SettleIdentityAsync(string claim)
    {
        var contactId = Key.ContactId;
        string owner;
        try
        {
            owner = await GrainFactory.GetGrain<IContactAliasGrain>(claim).ClaimAsync(contactId);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The index is unreachable: act as the new customer this most likely is (the contact repeats the claim
            // later and forwards this number if it finds the BSUID owned).
            ConversationLog.IdentityNotSettled(logger, exception);
            owner = contactId;
        }

        if (owner == contactId)
        {
            Release();
            return;
        }

        await HandOverAsync(owner);
    }

    // A conversation of its own after all: report and send what was held.
    private void Release()
    {
        _unsettled = null;
        ReportToBusiness();
        DispatchAutoReplies();
        DispatchReadReceipts();
    }

    private async Task HandOverAsync(string owner)
    {
        var target = new ConversationKey(Key.PhoneNumberId, owner).ToString();
        var customer = GrainFactory.GetGrain<IConversationGrain>(target);
        try
        {
            if (ContactAliases.IsRoutingNumber(Key.ContactId))
            {
                // The number is the customer's too: the REST API and cold gateways resolve it to them from now on.
                await GrainFactory.GetGrain<IContactAliasGrain>(Key.ContactId).ClaimAsync(owner);
            }

            var handedOver = 0;
            while (_unsettled is { } held && handedOver < held.Count)
            {
                var batch = held.GetRange(handedOver, held.Count - handedOver);
                await customer.IngestAsync(batch);
                handedOver += batch.Count;
                if (TentativeState.RedirectedTo is null)
                {
                    // From here on, what arrives is forwarded by IngestOrForwardAsync; the loop takes what came meanwhile.
                    Raise(new ConversationRedirected(target));
                }
            }

            await ConfirmEvents();
            ConversationLog.HandedOver(logger, handedOver);
            // A forward is no conversation of its own: its replies are not sent and it is not listed or fed live.
            _unsettled = null;
            _autoReplies = null;
            _receipts = null;
            _ = TakeConfirmedEvents();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Nothing is lost: what was not handed over stays stored here, shown as a conversation of its own (the
            // contact forwards this number later, when it finds the BSUID owned).
            ConversationLog.IdentityNotSettled(logger, exception);
            Release();
        }
    }
}
