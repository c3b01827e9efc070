namespace WaApp.WhatsApp.Graph;

/// <summary>The Cloud API send endpoints. Every call reports its outcome as a value; only caller cancellation throws.</summary>
public interface IGraphApiClient
{
    /// <summary>Sends one message from the business number <paramref name="phoneNumberId"/>. Never retried once it may have reached Meta.</summary>
    Task<SendResult> SendMessageAsync(string phoneNumberId, SendMessageRequest request, CancellationToken cancellationToken = default);

    /// <summary>Marks an inbound message as read, optionally with a typing indicator.</summary>
    Task<ReadReceiptResult> MarkAsReadAsync(string phoneNumberId, MarkAsReadRequest request, CancellationToken cancellationToken = default);
}
