using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Events;
using WaApp.Grains.Abstractions.Outbound;
using WaApp.Grains.Conversations.Views;
using WaApp.Grains.Outbound;

using WaApp.WhatsApp.Webhooks;

namespace WaApp.Grains.Conversations;

/// <summary>
/// Outbox: queue, send results, retries. A message is stored as <see cref="MessageQueued"/> before the sender may call Meta; the sender's
/// answer becomes <see cref="MessageSent"/>, <see cref="MessageFailed"/> or <see cref="MessageOutcomeUnknown"/>.
/// A message still queued when a new activation starts was in flight when the previous one died: it is marked
/// unknown, never re-sent on its own.
/// </summary>
public sealed partial class ConversationGrain
{
    /// <summary>Keeps the activation while a send is open (the sender answers within its 10-minute call limit).</summary>
    private static readonly TimeSpan SendKeepAlive = TimeSpan.FromMinutes(11);

    // Automatic replies raised by ingest but not yet handed to the sender (they go once their commit is confirmed).
    private List<string>? _autoReplies;

    /// <summary>Marks the sends a previous activation left open as unknown: they may or may not have reached Meta.</summary>
    private async Task RecordInterruptedSendsAsync()
    {
        // Replies held until the identity is settled were never handed to the sender (the settle sends them), and a
        // forward sends nothing.
        var state = State;
        var interrupted = state.RedirectedTo is null ? state.PendingSends.Where(record => !state.IsHeld(record.MessageId)).ToList() : [];
        if (interrupted.Count == 0)
        {
            return;
        }

        foreach (var record in interrupted)
        {
            Raise(new MessageOutcomeUnknown(
                record.MessageId,
                "WaApp stopped while this message was being sent; it may or may not have reached the customer. Check before retrying."));
        }

        await ConfirmEvents();
        if (!IsUnsettled)
        {
            ReportToBusiness();
        }
    }

    public async Task<SendMessageResult> SendMessageAsync(SendMessageCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var key = Key;
        if (string.IsNullOrWhiteSpace(command.IdempotencyKey) || command.IdempotencyKey.Length > SendMessageCommand.MaxIdempotencyKeyLength)
        {
            return Refused(SendDisposition.Invalid, $"The idempotency key must be 1 to {SendMessageCommand.MaxIdempotencyKeyLength} characters.");
        }

        if (TentativeState.IdempotencyKeys.TryGetValue(command.IdempotencyKey, out var existing))
        {
            if (TentativeState.Outbox.TryGetValue(existing, out var earlier)
                && earlier.RequestFingerprint is { } fingerprint
                && fingerprint != SendFingerprint.Of(command.Content, command.Lane, command.ReplyTo))
            {
                return Refused(SendDisposition.KeyReused, "This idempotency key was used for a different message; use a new key for a new message.");
            }

            await ConfirmEvents();
            return new SendMessageResult(SendDisposition.Duplicate, ViewOf(existing));
        }

        var messageId = "out." + Guid.NewGuid().ToString("N");
        var (address, addressProblem) = await AddressForAsync(command.Content);
        if (addressProblem is not null)
        {
            return Refused(SendDisposition.Invalid, addressProblem);
        }

        if (OutboundRequests.TryBuild(new OutboundSend(messageId, address, command.Content, command.Lane, command.ReplyTo), out var problem) is null)
        {
            return Refused(SendDisposition.Invalid, problem!);
        }

        if (UnknownReactionTarget(TentativeState, command.Content) is { } unknownTarget)
        {
            return unknownTarget;
        }

        if (Refusal(TentativeState, command, await IsMarketingAsync(command), Clock.GetUtcNow(), GroupIds.IsGroup(key.ContactId)) is { } refusal)
        {
            if (refusal.Disposition == SendDisposition.WindowClosed)
            {
                metrics.WindowRefused();
            }

            return refusal;
        }

        Raise(new MessageQueued(messageId, command.IdempotencyKey, address, command.Content, command.Lane, command.ReplyTo));
        await ConfirmEvents();
        ReportToBusiness();
        Dispatch(messageId);
        return new SendMessageResult(SendDisposition.Queued, ViewOf(messageId));
    }

    public async Task<SendMessageResult> RetrySendAsync(string messageId)
    {
        if (string.IsNullOrEmpty(messageId) || !TentativeState.Outbox.TryGetValue(messageId, out var record))
        {
            return Refused(SendDisposition.NotRetryable, "This conversation has no outbound message with that id.");
        }

        if (!record.CanRetry)
        {
            var why = record.Outcome switch
            {
                OutboundRecord.Queued => "it is still being sent",
                OutboundRecord.Accepted => "Meta already accepted it",
                _ => $"it failed with error {record.ErrorCode} ({record.ErrorClass}), which sending again cannot fix",
            };
            return new SendMessageResult(SendDisposition.NotRetryable, ViewOf(messageId), $"The message cannot be retried: {why}.");
        }

        Raise(new MessageRetried(messageId));
        await ConfirmEvents();
        Dispatch(messageId);
        return new SendMessageResult(SendDisposition.Queued, ViewOf(messageId));
    }

    private static SendMessageResult Refused(SendDisposition disposition, string reason) => new(disposition, null, reason);

    /// <summary>
    /// A reaction must name a message of this conversation (the customer's wamid, or the wamid Meta gave one of ours):
    /// Meta would accept a reaction to anything and show nothing.
    /// </summary>
    private static SendMessageResult? UnknownReactionTarget(ConversationState state, OutboundContent content)
    {
        if (content is not MessageObjectContent { MessageType: "reaction" } reaction)
        {
            return null;
        }

        using var document = System.Text.Json.JsonDocument.Parse(reaction.Json);
        var target = WaApp.WhatsApp.Graph.MessageObjectRules.ReactionTarget(document.RootElement);
        return target is not null && (state.Find(target) is not null || state.OutboundWamids.ContainsKey(target))
            ? null
            : new SendMessageResult(
                SendDisposition.Invalid,
                null,
                "reaction.message_id must be the wamid of a message in this conversation (a customer message, or one of ours Meta accepted).",
                "reaction.message_id");
    }

    /// <summary>
    /// Why WhatsApp's rules forbid this message now, before anything is stored: the customer opted out (STOP), or
    /// stopped marketing and this is a marketing template, or free-form content outside the 24-hour window.
    /// </summary>
    private static SendMessageResult? Refusal(ConversationState state, SendMessageCommand command, bool marketing, DateTimeOffset now, bool group)
    {
        if (!state.Consent.AllowsBusinessInitiated(marketing))
        {
            return Refused(
                SendDisposition.OptedOut,
                state.Consent.OptedOut
                    ? "The customer opted out of messages from this number (STOP); nothing is sent until they write START."
                    : "The customer stopped marketing messages from this business; marketing templates are not sent to them.");
        }

        // A group has no customer service window (Groups API): the business may write to it at any time.
        if (command.Content.NeedsOpenWindow && !group && !state.Window.IsOpenAt(now))
        {
            var since = state.Window.LastUserMessageAt is { } last
                ? $"The customer last wrote at {last:u}, more than 24 hours ago."
                : "The customer has not written to this number.";
            return Refused(
                SendDisposition.WindowClosed,
                $"{since} Outside the 24-hour customer service window WhatsApp only delivers approved templates: send a template instead.");
        }

        return null;
    }

    private MessageView? ViewOf(string messageId) => MessageViewBuilder.Find(State, messageId);

    /// <summary>Sends the automatic replies queued by earlier calls once their commit is durable.</summary>
    private void DispatchAutoReplies()
    {
        if (_autoReplies is null)
        {
            return;
        }

        foreach (var messageId in _autoReplies)
        {
            if (State.Outbox.TryGetValue(messageId, out var record) && record.Outcome == OutboundRecord.Queued)
            {
                Dispatch(messageId);
            }
        }

        // Null rather than emptied: an idle conversation keeps no list (nor its array) between messages.
        _autoReplies = null;
    }

    /// <summary>Hands the message to the number's sender and records its answer, without holding up this call.</summary>
    private void Dispatch(string messageId)
    {
        this.DelayDeactivation(SendKeepAlive);
        _ = SendAndRecordAsync(State.Outbox[messageId].ToSend());
    }

    private async Task SendAndRecordAsync(OutboundSend send)
    {
        var phoneNumberId = Key.PhoneNumberId;
        SendOutcome outcome;
        try
        {
            outcome = await GrainFactory.GetGrain<ISenderGrain>(phoneNumberId).SendAsync(send);
        }
        catch (Exception exception)
        {
            // The sender may have sent it before the call broke (a silo died, the call timed out).
            outcome = new SendUnknown($"The sender did not answer ({exception.GetType().Name}).");
        }

        if (outcome is SendFailed refused && await TryReuploadMediaAsync(send, refused))
        {
            return;
        }

        ConversationEvent recorded = outcome switch
        {
            SendAccepted accepted => new MessageSent(send.SendId, accepted.MessageId, accepted.WaId),
            SendFailed failed => new MessageFailed(send.SendId, failed.Code, failed.Title, failed.Details, failed.Class),
            SendRejected rejected => new MessageFailed(send.SendId, -1, "Not sent", rejected.Reason, SendErrorClass.RetryWithBackoff),
            SendUnknown unknown => new MessageOutcomeUnknown(send.SendId, unknown.Reason),
            _ => new MessageOutcomeUnknown(send.SendId, "The sender gave an answer WaApp does not understand."),
        };
        Raise(recorded);
        if (outcome is SendFailed refusal)
        {
            RecordMarketingStop(refusal, send.SendId);
        }

        try
        {
            await ConfirmEvents();
            ReportToBusiness();
        }
        catch (Exception)
        {
            // Storage is down: the event stays tentative and is written with the next confirmation; if this
            // activation dies first, the message shows as unknown, which is the truth as far as we know.
        }
    }
}
