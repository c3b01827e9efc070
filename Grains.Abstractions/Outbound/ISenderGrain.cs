namespace WaApp.Grains.Abstractions.Outbound;

/// <summary>
/// The one caller of the Graph API for a business number (key: the phone_number_id). A single activation per
/// number, so its throughput limit and backoff hold cluster-wide.
/// </summary>
[Alias("waapp.ISenderGrain")]
public interface ISenderGrain : IGrainWithStringKey
{
    /// <summary>
    /// Queues one message and returns once its fate is known: accepted by Meta, failed, unknown (it may have gone
    /// out), or rejected without being sent (queue full, or it waited longer than the sender's queue limit).
    /// </summary>
    [Alias("Send")]
    [ResponseTimeout("00:10:00")]
    Task<SendOutcome> SendAsync(OutboundSend send);

    /// <summary>
    /// Sends Meta a read receipt (optionally with the typing indicator) within the number's throughput limit. Not
    /// retried: a receipt is a courtesy, and the next one covers every earlier message anyway.
    /// </summary>
    [Alias("SendReadReceipt")]
    Task<ReadReceiptOutcome> SendReadReceiptAsync(ReadReceipt receipt);

    /// <summary>How many messages wait in each lane and how many requests are in flight right now.</summary>
    [Alias("GetQueueState")]
    Task<SenderQueueState> GetQueueStateAsync();

    /// <summary>Whether the number may send, or why it is paused (the pause survives restarts).</summary>
    [Alias("GetSendingStatus")]
    Task<SendingStatus> GetSendingStatusAsync();

    /// <summary>
    /// Pauses every send of the number (an account ban or restriction); waiting messages stay queued. A pause
    /// already open keeps its first reason.
    /// </summary>
    [Alias("PauseSending")]
    Task<SendingStatus> PauseSendingAsync(string reason);

    /// <summary>An operator's all-clear: waiting messages go out again. Harmless when not paused.</summary>
    [Alias("ResumeSending")]
    Task<SendingStatus> ResumeSendingAsync();
}
