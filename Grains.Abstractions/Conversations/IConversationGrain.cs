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
}
