using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Events;
using WaApp.Grains.Abstractions.Outbound;
using WaApp.Grains.Rules;

namespace WaApp.Grains.Conversations;

/// <summary>
/// Reading: the read marker, Meta's read receipts and the typing indicator. When the marker passes customer messages
/// (an agent reads, or auto mark-as-read), Meta gets one read receipt for the newest of them, after the commit and
/// through the number's sender; the marker only moves forward, so no message is receipted twice. The typing indicator
/// is a receipt with "typing…" for the newest customer message and stores nothing beyond the read marker.
/// </summary>
public sealed partial class ConversationGrain
{
    // Receipts raised but not yet sent: they go once the read marker that raised them is stored.
    private List<string>? _receipts;

    public async Task<ConversationSummary?> MarkReadAsync(string by, long? upToSequence)
    {
        await ConfirmEvents();
        if (Version == 0)
        {
            return null;
        }

        var state = TentativeState;
        var upTo = Math.Min(upToSequence ?? long.MaxValue, state.Messages.Count);
        if (upTo > state.ReadUpTo)
        {
            var receiptFor = NewestCustomerMessage(state, state.ReadUpTo, upTo);
            Raise(new ConversationMarkedRead(by, upTo, receiptFor));
            if (receiptFor is not null)
            {
                (_receipts ??= []).Add(receiptFor);
            }

            await ConfirmEvents();
            ReportToBusiness();
            DispatchReadReceipts();
        }

        return Summary();
    }

    public async Task<ReadReceiptOutcome?> ShowTypingAsync(string by)
    {
        await ConfirmEvents();
        if (Version == 0)
        {
            return null;
        }

        var state = TentativeState;
        if (NewestCustomerMessage(state, 0, state.Messages.Count) is not { } newest)
        {
            return new ReadReceiptOutcome(false, "The customer has not written to this number: there is no message to answer.", NoCustomerMessage: true);
        }

        // Meta marks the message read as it shows the indicator: the conversation is read up to now, without a
        // second receipt for the same message.
        if (state.Messages.Count > state.ReadUpTo)
        {
            Raise(new ConversationMarkedRead(by, state.Messages.Count, newest));
            await ConfirmEvents();
            ReportToBusiness();
        }

        try
        {
            return await GrainFactory.GetGrain<ISenderGrain>(Key.PhoneNumberId).SendReadReceiptAsync(new ReadReceipt(newest, Typing: true));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new ReadReceiptOutcome(false, $"The sender did not answer ({exception.GetType().Name}).");
        }
    }

    /// <summary>The read marker auto mark-as-read raises for the message just received, with its receipt.</summary>
    private ConversationMarkedRead AutoMarkRead(string by)
    {
        var state = TentativeState;
        var receiptFor = NewestCustomerMessage(state, state.ReadUpTo, state.Messages.Count);
        if (receiptFor is not null)
        {
            (_receipts ??= []).Add(receiptFor);
        }

        return new ConversationMarkedRead(by, state.Messages.Count, receiptFor);
    }

    /// <summary>The wamid of the newest customer message with a sequence in (<paramref name="after"/>, <paramref name="upTo"/>].</summary>
    private static string? NewestCustomerMessage(ConversationState state, long after, long upTo)
    {
        for (var sequence = upTo; sequence > after; sequence--)
        {
            var message = state.Messages[(int)sequence - 1];
            if (message.Direction == MessageDirection.Inbound && MessageTypes.IsUserMessage(message.Type))
            {
                return message.Id;
            }
        }

        return null;
    }

    /// <summary>Sends the receipts whose read marker is stored, without holding up the call.</summary>
    private void DispatchReadReceipts()
    {
        if (_receipts is null)
        {
            return;
        }

        var sender = GrainFactory.GetGrain<ISenderGrain>(Key.PhoneNumberId);
        foreach (var wamid in _receipts)
        {
            if (State.Find(wamid) is { } message && message.Sequence <= State.ReadUpTo)
            {
                _ = SendReceiptAsync(sender, wamid);
            }
        }

        _receipts = null;
    }

    private async Task SendReceiptAsync(ISenderGrain sender, string wamid)
    {
        try
        {
            var outcome = await sender.SendReadReceiptAsync(new ReadReceipt(wamid));
            if (!outcome.Sent)
            {
                ConversationLog.ReadReceiptNotSent(logger, outcome.Reason ?? "unknown");
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A receipt is a courtesy: the next one covers this message too.
            ConversationLog.ReadReceiptNotSent(logger, exception.GetType().Name);
        }
    }
}
