using WaApp.Grains.Abstractions.Outbound;

namespace WaApp.Grains.Abstractions.Conversations;

/// <summary>One business phone number and one customer; key <see cref="ConversationKey"/>.ToString().</summary>
[Alias("waapp.IConversationGrain")]
public interface IConversationGrain : IGrainWithStringKey
{
    /// <summary>
    /// Applies webhook updates in order and returns once every resulting event is durably stored.
    /// Redelivered updates are acknowledged without new events.
    /// </summary>
    [Alias("Ingest")]
    Task<IngestResult> IngestAsync(IReadOnlyList<ConversationUpdate> updates);

    /// <summary>A page of messages, or null when the conversation has no history.</summary>
    [Alias("GetMessages")]
    Task<MessagePage?> GetMessagesAsync(MessagePageQuery query);

    /// <summary>
    /// Queues a business message: stored in the outbox before anything is sent, then handed to the number's sender.
    /// Refused without storing anything when the key is reused (the earlier message is returned), the content is
    /// invalid, or free-form content meets a closed 24-hour window.
    /// </summary>
    [Alias("SendMessage")]
    Task<SendMessageResult> SendMessageAsync(SendMessageCommand command);

    /// <summary>Sends an outbound message again whose outcome is unknown or that failed for a passing reason.</summary>
    [Alias("RetrySend")]
    Task<SendMessageResult> RetrySendAsync(string messageId);
}
