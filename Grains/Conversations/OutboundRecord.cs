using WaApp.Grains.Abstractions.Outbound;

namespace WaApp.Grains.Conversations;

/// <summary>A business message in the conversation's outbox: what to send and how far it got.</summary>
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

    [Id(3)]
    public OutboundContent Content { get; set; } = null!;

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

    public OutboundSend ToSend() => new(MessageId, To, Content, Lane, ReplyTo);

    /// <summary>A person may send it again: its fate is unknown, or it failed for a reason that can pass.</summary>
    public bool CanRetry =>
        Outcome == Unknown
        || (Outcome == Failed && ErrorClass is SendErrorClass.RetryWithBackoff or SendErrorClass.RetryRecipientLater);
}
