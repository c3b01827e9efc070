using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.Contacts;
using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Events;
using WaApp.Grains.Conversations.Views;
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
/// <para>
/// The settle survives a crash: the first commit carries <see cref="IdentityClaimPending"/> (same write), and the
/// automatic replies decided meanwhile are held in the state, not in memory. An activation that replays a pending
/// claim (the previous one died before the claim answered, or before the settle was recorded) settles again after
/// answering its caller: the claim is idempotent (an entry already ours is success), the hand-over is read from the
/// log and deduplicated by the customer's conversation, and held replies go only once <see cref="IdentitySettled"/>
/// is stored, so none is sent twice. Settling costs a write only when there are held replies to send, on a hand-over,
/// or when the settle is replayed; otherwise the settle rides with the conversation's next commit.
/// </para>
/// </summary>
public sealed partial class ConversationGrain
{
    // How long a settle whose claim or hand-over failed (the index or the store did not answer) waits to try again.
    private static readonly TimeSpan SettleRetryDelay = TimeSpan.FromSeconds(10);

    // The settle this activation is running, if any.
    private Task? _settling;
    private IGrainTimer? _settleRetry;

    // This activation made the first commit, so what it held is still in memory; false when it replayed a pending claim.
    private bool _heldInMemory;

    // The claim answered "ours" and the settle rides with the next commit; until then the stored state says pending.
    private bool _settledInMemory;

    /// <summary>Whether whose conversation this is is still unknown: its reports and automatic replies wait.</summary>
    private bool IsUnsettled => State.PendingIdentityClaim is not null && State.RedirectedTo is null && !_settledInMemory;

    // The alias a new conversation must claim to learn whose it is: its own key when it is a BSUID (so a later message
    // showing the number finds the customer), else the BSUID its number's first message carried; null when none.
    private string? IdentityClaimFor(IReadOnlyList<ConversationUpdate> updates)
    {
        var contactId = Key.ContactId;
        if (GroupIds.IsGroup(contactId))
        {
            return null;
        }

        if (BusinessScopedUserId.IsValid(contactId))
        {
            return contactId;
        }

        return ContactAliases.IsRoutingNumber(contactId)
            ? updates.OfType<InboundMessage>()
                .FirstOrDefault(message => message.GroupId is null && message.FromWaId == contactId && BusinessScopedUserId.IsValid(message.FromUserId))
                ?.FromUserId
            : null;
    }

    // The activation replayed the pending claim and started the settle (OnStateReadAsync); nothing else to do.
    public Task ResumeSettleAsync()
    {
        EnsureSettling();
        return Task.CompletedTask;
    }

    /// <summary>Starts the settle unless it is running or not needed; it runs after the current call has answered.</summary>
    private void EnsureSettling()
    {
        if (IsUnsettled && _settling is not { IsCompleted: false })
        {
            _settling = SettleIdentityAsync(State.PendingIdentityClaim!);
        }
    }

    private async Task SettleIdentityAsync(string claim)
    {
        var contactId = Key.ContactId;
        try
        {
            var owner = await GrainFactory.GetGrain<IContactAliasGrain>(claim).ClaimAsync(contactId);
            if (owner == contactId)
            {
                await ReleaseAsync();
            }
            else
            {
                await HandOverAsync(owner);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Nothing is lost or sent twice: the log still says the claim is pending, and it is tried again (here,
            // or by the next activation).
            ConversationLog.IdentityNotSettled(logger, exception);
            _settleRetry?.Dispose();
            _settleRetry = this.RegisterGrainTimer(RetrySettleAsync, new GrainTimerCreationOptions(SettleRetryDelay, Timeout.InfiniteTimeSpan));
        }
    }

    private Task RetrySettleAsync()
    {
        _settleRetry?.Dispose();
        _settleRetry = null;
        EnsureSettling();
        return Task.CompletedTask;
    }

    // A conversation of its own after all: report and send what was held.
    private async Task ReleaseAsync()
    {
        // Tentative: a reply an ingest raised meanwhile (not stored yet) is held too, and goes with these.
        List<string> held = [.. TentativeState.HeldReplies ?? []];
        if (held.Count > 0 || !_heldInMemory)
        {
            // Stored before the first held reply goes: from here on a crash shows them as interrupted sends (unknown),
            // never sends them twice. A replayed conversation stores it too, or every later activation would claim
            // again until some commit carried it.
            Raise(new IdentitySettled(Key.ContactId));
            await ConfirmEvents();
        }
        else
        {
            _settledInMemory = true;
            RaiseWithNextCommit(new IdentitySettled(Key.ContactId));
        }

        if (_heldInMemory)
        {
            ReportToBusiness();
        }
        else
        {
            await ReportReplayedAsync();
            // The receipt the auto mark-as-read decided went with the activation that died: send it again (a receipt
            // for a message Meta already shows read changes nothing).
            if (State.ReadUpTo > 0 && NewestCustomerMessage(State, 0, State.ReadUpTo) is { } newest)
            {
                (_receipts ??= []).Add(newest);
            }
        }

        foreach (var messageId in held)
        {
            if (State.Outbox.TryGetValue(messageId, out var record) && record.Outcome == OutboundRecord.Queued)
            {
                Dispatch(messageId);
            }
        }

        DispatchAutoReplies();
        DispatchReadReceipts();
    }

    /// <summary>
    /// Reports a replayed conversation to its business as a whole: the activation that made its commits died before
    /// reporting them. Counted from version 0, so a business that already counted some of it (its own recovery read
    /// it) reads the rest from the store instead of counting anything twice.
    /// </summary>
    private async Task ReportReplayedAsync()
    {
        var readUpTo = Version;
        var added = MessageCounters.Zero;
        for (var from = 0; from < readUpTo;)
        {
            var events = await Stream.ReadEventsAsync(from, Math.Min(HistoryReplayPage, readUpTo - from));
            if (events.Count == 0)
            {
                break;
            }

            added = added.Add(MessageCountersBuilder.Count(events.Where(recorded => recorded.Version < readUpTo).Select(static recorded => recorded.Event)));
            from = events[^1].Version + 1;
        }

        // Commits made while the log was read are in this activation's confirmed events: the newest of them.
        var confirmed = TakeConfirmedEvents();
        added = added.Add(MessageCountersBuilder.Count(confirmed.Skip(Math.Max(0, confirmed.Count - (Version - readUpTo)))));
        var snapshot = ConversationSummaryBuilder.Snapshot(State, Key.ContactId, Version, Clock.GetUtcNow());
        businessReports.Report(Key.PhoneNumberId, new ConversationActivity(snapshot, added, 0));
        NotifySubscriptions(Version);
    }

    /// <summary>
    /// Hands what this conversation stored to the customer's conversation, read from the log (so a replayed
    /// conversation hands over exactly what a live one would; the customer's conversation drops what it already has),
    /// then forwards.
    /// </summary>
    private async Task HandOverAsync(string owner)
    {
        var target = new ConversationKey(Key.PhoneNumberId, owner).ToString();
        var customer = GrainFactory.GetGrain<IConversationGrain>(target);
        if (ContactAliases.IsRoutingNumber(Key.ContactId))
        {
            // The number is the customer's too: the REST API and cold gateways resolve it to them from now on.
            await GrainFactory.GetGrain<IContactAliasGrain>(Key.ContactId).ClaimAsync(owner);
        }

        var handedOver = 0;
        var from = 0;
        while (from < Version || TentativeState.RedirectedTo is null)
        {
            var events = from < Version ? await Stream.ReadEventsAsync(from, HistoryReplayPage) : [];
            List<ConversationUpdate> updates = [.. events.Select(static recorded => HandOverUpdates.Of(recorded.Event)).OfType<ConversationUpdate>()];
            if (updates.Count > 0)
            {
                await customer.IngestAsync(updates);
                handedOver += updates.Count;
            }

            from = events.Count > 0 ? events[^1].Version + 1 : Version;
            if (TentativeState.RedirectedTo is null)
            {
                // From here on, what arrives is forwarded by IngestOrForwardAsync; the loop takes what was stored meanwhile.
                Raise(new ConversationRedirected(target));
                await ConfirmEvents();
            }
        }

        ConversationLog.HandedOver(logger, handedOver);
        // A forward is no conversation of its own: its replies are not sent and it is not listed or fed live.
        _autoReplies = null;
        _receipts = null;
        _ = TakeConfirmedEvents();
    }
}
