using WaApp.Grains.Abstractions.Outbound;
using WaApp.WhatsApp.Graph;

namespace WaApp.Grains.Outbound;

/// <summary>A message waiting in (or sent from) a sender's queue, with the caller waiting on <see cref="Completion"/>.</summary>
public sealed class QueuedSend(OutboundSend send, SendMessageRequest request, DateTimeOffset enqueuedAt)
{
    public OutboundSend Send { get; } = send;

    public SendMessageRequest Request { get; } = request;

    public DateTimeOffset EnqueuedAt { get; } = enqueuedAt;

    /// <summary>Who the message goes to; messages to one recipient leave one at a time, in order.</summary>
    public string Recipient => Request.Addressee;

    public SendLane Lane => Send.Lane;

    /// <summary>Requests made so far.</summary>
    public int Attempts { get; set; }

    /// <summary>Not sent before this time (a retry after a transient error).</summary>
    public DateTimeOffset NotBefore { get; set; } = DateTimeOffset.MinValue;

    public TaskCompletionSource<SendOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
