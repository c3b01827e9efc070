using WaApp.EventSourcing.Grains;
using WaApp.EventSourcing.Streams;
using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Events;
using WaApp.Grains.Rules;

namespace WaApp.Grains.Conversations;

/// <summary>
/// Ingest: what a webhook brings for this conversation (customer messages, statuses, reactions, preferences), deduped
/// against the log, and what the processing rules make of a new message.
/// </summary>
public sealed partial class ConversationGrain
{
    private const string AutoMarkAsReadActor = "auto-mark-as-read";

    // The business's settings, read once per ingest call and only when a new message needs the rules.
    private BusinessSettings? _settingsForCall;

    [AssumesNewStream]
    public Task<IngestResult> IngestAsync(IReadOnlyList<ConversationUpdate> updates) => DecideAsync(() => IngestOrForwardAsync(updates));

    private async Task<IngestResult> IngestOnceAsync(IReadOnlyList<ConversationUpdate> updates)
    {
        // A new conversation that must learn whose it is says so in its first commit (in the same write).
        var claim = Version == 0 && !UnconfirmedEvents.Any() ? IdentityClaimFor(updates) : null;
        var claimRaised = false;
        var applied = 0;
        var duplicates = 0;
        var commitBytes = 0;
        try
        {
            foreach (var original in updates)
            {
                var update = CommitBudget.Fit(original);
                // TentativeState already holds what earlier updates of this batch raised, so in-batch repeats dedupe too.
                if (ToEvent(update) is { } @event)
                {
                    var bytes = CommitBudget.IsSmall(original) ? CommitBudget.Estimate(update) : SerializedSize(@event);
                    if (bytes > CommitBudget.MaxCommitBytes)
                    {
                        // Never raise what cannot be stored: it would block this conversation's log for good.
                        update = CommitBudget.Strip(update);
                        @event = ToEvent(update)!;
                        bytes = SerializedSize(@event);
                        if (bytes > CommitBudget.MaxCommitBytes)
                        {
                            ConversationLog.UpdateRefused(logger, StreamIdMask.Mask(StreamId), update.GetType().Name, bytes);
                            ingestMetrics.UpdateRefused();
                            continue;
                        }
                    }

                    // A commit is one DynamoDB item: a large batch for one customer is stored in several, in order.
                    if (commitBytes > 0 && commitBytes + bytes > CommitBudget.MaxCommitBytes)
                    {
                        await ConfirmDecisionsAsync();
                        commitBytes = 0;
                    }

                    commitBytes += bytes;
                    if (claim is not null)
                    {
                        Raise(new IdentityClaimPending(claim));
                        claim = null;
                        claimRaised = true;
                    }

                    if (@event is MessageReceived received)
                    {
                        await RaiseInboundAsync(received);
                    }
                    else
                    {
                        Raise(@event);
                    }

                    applied++;
                }
                else
                {
                    duplicates++;
                }
            }

            // Also waits for events an earlier, timed-out call raised: a redelivery is acknowledged only once the
            // original is durable.
            await ConfirmDecisionsAsync();
        }
        finally
        {
            _settingsForCall = null;
        }

        _heldInMemory |= claimRaised;
        if (IsUnsettled || State.RedirectedTo is not null)
        {
            // Whose conversation this is is not known yet (or it was just handed over, this commit with it): the
            // reports and replies wait for the settle, which may hand everything to the customer's conversation.
            EnsureSettling();
            return new IngestResult(applied, duplicates, Version);
        }

        ReportToBusiness();
        DispatchAutoReplies();
        DispatchReadReceipts();
        return new IngestResult(applied, duplicates, Version);
    }

    // The event an update adds to the log, or null when the log already has it (a redelivery).
    private ConversationEvent? ToEvent(ConversationUpdate update) => update switch
    {
        InboundMessage message when TentativeState.Contains(message.MessageId) => null,
        InboundMessage { Content.Reaction: { TargetMessageId: { Length: > 0 } target } reaction } message => reaction.IsRemoval
            ? new ReactionRemoved(message.MessageId, target, message.Timestamp, message.RawJson)
            : new ReactionReceived(message.MessageId, target, reaction.Emoji!, message.Timestamp, message.RawJson),
        InboundMessage message => new MessageReceived(message),
        StatusReport status when TentativeState.HasStatus(status.MessageId, status.Status) => null,
        StatusReport status => new StatusUpdated(status),
        PreferenceReport preference when TentativeState.HasPreference(preference) => null,
        PreferenceReport preference => new UserPreferenceChanged(preference),
        MessageEditReport edit when TentativeState.Contains(edit.MessageId) => null,
        MessageEditReport edit => new MessageEdited(edit),
        MessageRevokeReport revoke when TentativeState.Contains(revoke.MessageId) => null,
        MessageRevokeReport revoke => new MessageRevoked(revoke),
        CallReport call when TentativeState.HasCallEvent(call) => null,
        CallReport call => new CallLogged(call),
        ImportedMessage imported when TentativeState.Contains(imported.MessageId) => null,
        ImportedMessage imported => new MessageImported(imported),
        GroupEventReport group when TentativeState.Contains(group.EventId) => null,
        GroupEventReport group => new GroupEventRecorded(group),
        _ => null,
    };

    /// <summary>
    /// Stores a new inbound message and what the processing rules make of it: a consent change, automatic
    /// replies (queued in the outbox, sent once the commit is durable) and the auto mark-as-read, all in one commit.
    /// </summary>
    private async Task RaiseInboundAsync(MessageReceived received)
    {
        var message = received.Message;
        if (message.GroupId is not null)
        {
            // Group traffic gets no automatic replies, no mark-as-read and no consent change (a "STOP" written in a
            // group is not the sender opting out of the business), and needs no settings read.
            Raise(received);
            return;
        }

        var before = TentativeState;
        var firstContact = before.LastUserMessageAt is null && MessageTypes.IsUserMessage(message.Type);
        var optedOut = before.Consent.OptedOut;
        var lastAway = before.LastAwayMessageAt;

        // Everything the rules need is in hand before the message is raised: once raised it is stored, and a
        // redelivery would be deduplicated, so a decision that failed after raising (an opt-out) would never run.
        // The silo's copy, told of every change: no call to the number's single business activation per message.
        var settings = _settingsForCall ??= await businessSettings.GetAsync(Key.PhoneNumberId);
        Raise(received);

        var decision = MessageRules.Decide(
            new InboundMessageContext(message.Type, message.Text, message.Timestamp, firstContact, optedOut, lastAway, Clock.GetUtcNow()),
            settings);
        if (decision.MarkAsRead)
        {
            Raise(AutoMarkRead(AutoMarkAsReadActor));
        }

        if (decision.ConsentChange is { } change)
        {
            Raise(new ConsentChanged(change, message.Timestamp, message.MessageId));
        }

        for (var i = 0; i < decision.Replies.Count; i++)
        {
            var reply = decision.Replies[i];
            // Derived from the inbound wamid, so the same message can never queue the same reply twice.
            var id = $"waapp.auto.{i}.{message.MessageId}";
            Raise(new AutoReplyQueued(id, reply.Kind, reply.Text, message.MessageId, message.Timestamp, CustomerAddress));
            // A reply held until the identity is settled is sent by the settle, from the state.
            if (!TentativeState.IsHeld(id))
            {
                (_autoReplies ??= []).Add(id);
            }
        }
    }
}
