using WaApp.Grains.Abstractions.Outbound;

namespace WaApp.Grains.Conversations;

/// <summary>
/// A business message in the conversation's outbox: what to send and how far it got. Once settled (Meta accepted it,
/// or it failed for good) it is compacted to what matching statuses, idempotent repeats and the message view need:
/// the content to send is dropped (the message's event keeps it), so the outbox does not grow by every text ever sent.
/// </summary>
[GenerateSerializer, Alias("waapp.OutboundRecord")]
public sealed class OutboundRecord
{
    public const string Queued = "queued";
    public const string Accepted = "accepted";
    public const string Failed = "failed";
    public const string Unknown = "unknown";

    [Id(0)]
    public string MessageId { get; set; } = string.Empty;

    [Id(1)]
    public string IdempotencyKey { get; set; } = string.Empty;

    [Id(2)]
    public string To { get; set; } = string.Empty;

    /// <summary>What to send; null once <see cref="IsSettled"/> (compacted).</summary>
    [Id(3)]
    public OutboundContent? Content { get; set; }

    [Id(4)]
    public SendLane Lane { get; set; }

    [Id(5)]
    public string? ReplyTo { get; set; }

    /// <summary><see cref="Queued"/>, <see cref="Accepted"/>, <see cref="Failed"/> or <see cref="Unknown"/>: the send's own outcome (statuses come on top).</summary>
    [Id(6)]
    public string Outcome { get; set; } = Queued;

    /// <summary>Meta's id once accepted.</summary>
    [Id(7)]
    public string? Wamid { get; set; }

    [Id(8)]
    public int? ErrorCode { get; set; }

    [Id(9)]
    public string? ErrorTitle { get; set; }

    /// <summary>Meta's details, or why the outcome is unknown.</summary>
    [Id(10)]
    public string? ErrorDetails { get; set; }

    [Id(11)]
    public SendErrorClass? ErrorClass { get; set; }

    /// <summary>How many times the message was handed to the sender (retries by a person included).</summary>
    [Id(12)]
    public int Dispatches { get; set; }

    /// <summary>The <see cref="SendFingerprint"/> of the request that queued it; null in records stored before it existed.</summary>
    [Id(13)]
    public string? RequestFingerprint { get; set; }

    /// <summary>Its file was uploaded to Meta again once (Meta's copy had expired): a second refusal is a failure.</summary>
    [Id(14)]
    public bool MediaReuploaded { get; set; }

    /// <summary>Nothing will send it again: Meta accepted it, or it failed for a reason that sending again cannot fix.</summary>
    public bool IsSettled => Outcome == Accepted || (Outcome == Failed && !CanRetry);

    public OutboundSend ToSend() =>
        new(MessageId, To, Content ?? throw new InvalidOperationException($"Outbound message {MessageId} is settled; its content is no longer held."), Lane, ReplyTo);

    /// <summary>Drops what only a future send would need, once <see cref="IsSettled"/>.</summary>
    public void CompactIfSettled()
    {
        if (IsSettled)
        {
            Content = null;
            ReplyTo = null;
        }
    }

    /// <summary>A person may send it again: its fate is unknown, or it failed for a reason that can pass.</summary>
    public bool CanRetry =>
        Outcome == Unknown
        || (Outcome == Failed && ErrorClass is SendErrorClass.RetryWithBackoff or SendErrorClass.RetryRecipientLater);
}
