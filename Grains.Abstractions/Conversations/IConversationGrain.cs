using WaApp.Grains.Abstractions.Contacts;
using WaApp.Grains.Abstractions.Outbound;

namespace WaApp.Grains.Abstractions.Conversations;

/// <summary>One business phone number and one customer; key <see cref="ConversationKey"/>.ToString().</summary>
[Alias("waapp.IConversationGrain")]
public interface IConversationGrain : IGrainWithStringKey
{
    /// <summary>
    /// Applies webhook updates in order and returns once every resulting event is durably stored.
    /// Redelivered updates are acknowledged without new events. <paramref name="updates"/> is not copied on a call
    /// within one process (every caller builds the list for the call and never changes it after; its items are
    /// immutable records).
    /// </summary>
    [Alias("Ingest")]
    Task<IngestResult> IngestAsync([Immutable] IReadOnlyList<ConversationUpdate> updates);

    /// <summary>A page of messages, or null when the conversation has no history.</summary>
    /// <summary>
    /// Makes this conversation a forward to <paramref name="conversationId"/>, the customer's conversation under their
    /// WaApp id: later updates addressed here are ingested there. Returns once durable; repeating it changes nothing.
    /// </summary>
    [Alias("Redirect")]
    Task RedirectAsync(string conversationId);

    /// <summary>
    /// Settles a new conversation whose last activation ended before it learned whose it is (its first commit recorded
    /// a pending alias claim); changes nothing otherwise. Called one-way by business recovery after a crash, so such a
    /// conversation settles even if nobody writes to it or reads it again.
    /// </summary>
    [Alias("ResumeSettle")]
    Task ResumeSettleAsync();

    [Alias("GetMessages")]
    Task<MessagePage?> GetMessagesAsync(MessagePageQuery query);

    /// <summary>The conversation's inbox summary, or null when it has no history.</summary>
    [Alias("GetSummary")]
    Task<ConversationSummary?> GetSummaryAsync();

    /// <summary>
    /// What this conversation tells its contact (that it exists, the customer's name and consent), or null when it has
    /// no history. The contact reads it on demand, so a new customer's first message writes only the conversation.
    /// </summary>
    [Alias("GetContactReport")]
    Task<ContactConversationReport?> GetContactReportAsync();

    /// <summary>Stored events from <paramref name="fromVersion"/> (the audit trail), or null when the conversation has no history.</summary>
    [Alias("GetHistory")]
    Task<ConversationHistoryPage?> GetHistoryAsync(int fromVersion, int limit);

    /// <summary>Marks messages read up to <paramref name="upToSequence"/> (null: all). Null when the conversation has no history.</summary>
    [Alias("MarkRead")]
    Task<ConversationSummary?> MarkReadAsync(string by, long? upToSequence);

    /// <summary>Assigns the conversation to <paramref name="agent"/> (null: unassigns). Null when the conversation has no history.</summary>
    /// <summary>
    /// Shows the customer "typing…" (Meta: up to 25 s, or until the next message) on their newest message, which also
    /// marks the conversation read. Null when the conversation has no history.
    /// </summary>
    [Alias("ShowTyping")]
    Task<ReadReceiptOutcome?> ShowTypingAsync(string by);

    [Alias("Assign")]
    Task<ConversationSummary?> AssignAsync(string? agent, string by);

    [Alias("Close")]
    Task<ConversationSummary?> CloseAsync(string by);

    [Alias("Reopen")]
    Task<ConversationSummary?> ReopenAsync(string by);

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

    /// <summary>The file of message <paramref name="messageId"/>, or null when the message has none (or is unknown).</summary>
    [Alias("GetMedia")]
    Task<Media.MessageMedia?> GetMediaAsync(string messageId);

    /// <summary>Records how fetching a file ended (from its <see cref="Media.IMediaGrain"/>); a repeated outcome changes nothing.</summary>
    [Alias("RecordMedia")]
    Task RecordMediaAsync(Media.MediaFetchOutcome outcome);

    /// <summary>Fetches a failed file again. Null when the message has no file; otherwise its media, pending again if it had failed.</summary>
    [Alias("RetryMedia")]
    Task<Media.MessageMedia?> RetryMediaAsync(string messageId, string by);
}
