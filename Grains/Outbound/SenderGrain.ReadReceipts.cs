using WaApp.Grains.Abstractions.Outbound;
using WaApp.WhatsApp.Graph;

namespace WaApp.Grains.Outbound;

/// <summary>
/// Read receipts and typing indicators go through the same number as messages: they take a slot of its throughput
/// limit, wait out a number-wide backoff and are not sent while the number is paused. They skip the message queues
/// (nothing to order them against) and are never retried.
/// </summary>
public sealed partial class SenderGrain
{
    /// <summary>How long a receipt waits for a throughput slot before it is dropped; a later one covers it.</summary>
    private static readonly TimeSpan ReceiptWait = TimeSpan.FromSeconds(30);

    public async Task<ReadReceiptOutcome> SendReadReceiptAsync(ReadReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        if (string.IsNullOrWhiteSpace(receipt.MessageId))
        {
            return new ReadReceiptOutcome(false, "A read receipt needs the customer message's wamid.");
        }

        var deadline = clock.GetUtcNow() + ReceiptWait;
        while (true)
        {
            if (state.State.Paused)
            {
                return new ReadReceiptOutcome(false, $"Sending from this number is paused: {state.State.Reason}");
            }

            var now = clock.GetUtcNow();
            var wait = _pausedUntil > now ? _pausedUntil - now : TimeSpan.Zero;
            if (wait == TimeSpan.Zero)
            {
                if (_bucket.IsAvailable(now, out var refill))
                {
                    _bucket.Take(now);
                    break;
                }

                wait = refill;
            }

            if (now + wait > deadline || _stopping.IsCancellationRequested)
            {
                return new ReadReceiptOutcome(false, "The number's throughput limit left no slot for the receipt in time.");
            }

            try
            {
                await Task.Delay(wait, clock, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return new ReadReceiptOutcome(false, "The sender stopped before the receipt was sent.");
            }
        }

        var result = await graph.MarkAsReadAsync(_phoneNumberId, new MarkAsReadRequest(receipt.MessageId, receipt.Typing), _stopping.Token);
        return result switch
        {
            ReadReceiptResult.Succeeded => ReadReceiptOutcome.Accepted,
            ReadReceiptResult.Failed failed => new ReadReceiptOutcome(false, $"Meta refused it: error {failed.Error.Code} ({failed.Error.Title})."),
            ReadReceiptResult.Unknown unknown => new ReadReceiptOutcome(false, unknown.Reason),
            _ => new ReadReceiptOutcome(false, "The Graph API client gave an answer WaApp does not understand."),
        };
    }
}
