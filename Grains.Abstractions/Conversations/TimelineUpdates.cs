namespace WaApp.Grains.Abstractions.Conversations;

/// <summary>The customer edited <paramref name="OriginalMessageId"/>; <paramref name="MessageId"/> is the edit's own wamid (its dedupe key).</summary>
/// <param name="Text">The new readable text (body or caption).</param>
/// <param name="Content">The new content, typed.</param>
[GenerateSerializer, Immutable, Alias("waapp.MessageEditReport")]
public sealed record MessageEditReport(
    string MessageId,
    string OriginalMessageId,
    DateTimeOffset Timestamp,
    string? Text,
    MessageContent? Content,
    string RawJson) : ConversationUpdate;

/// <summary>The customer deleted <paramref name="OriginalMessageId"/> for everyone; <paramref name="MessageId"/> is the deletion's own wamid.</summary>
[GenerateSerializer, Immutable, Alias("waapp.MessageRevokeReport")]
public sealed record MessageRevokeReport(string MessageId, string OriginalMessageId, DateTimeOffset Timestamp, string RawJson) : ConversationUpdate;

/// <summary>One Calling API event of call <paramref name="CallId"/>.</summary>
/// <param name="Event"><c>connect</c>, <c>terminate</c> or <c>status</c>.</param>
/// <param name="Incoming">True when the customer called the business.</param>
/// <param name="Status">Meta's status: <c>COMPLETED</c>/<c>FAILED</c> (terminate) or <c>RINGING</c>/<c>ACCEPTED</c>/<c>REJECTED</c> (status).</param>
[GenerateSerializer, Immutable, Alias("waapp.CallReport")]
public sealed record CallReport(
    string CallId,
    string Event,
    bool Incoming,
    string? Status,
    DateTimeOffset Timestamp,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    int? DurationSeconds,
    string RawJson) : ConversationUpdate;

/// <summary>
/// A message that did not go through WaApp: the business sent it from the WhatsApp Business app (an echo, origin
/// <see cref="BusinessApp"/>), or it comes from the chat history Meta imports (origin <see cref="History"/>).
/// </summary>
/// <param name="Status">What the Business app knew of its delivery (history), lower-case; null when unknown.</param>
[GenerateSerializer, Immutable, Alias("waapp.ImportedMessage")]
public sealed record ImportedMessage(
    string MessageId,
    MessageDirection Direction,
    string Origin,
    DateTimeOffset Timestamp,
    string Type,
    string? Text,
    MessageContent? Content,
    string? Status,
    string RawJson) : ConversationUpdate
{
    public const string BusinessApp = "business_app";
    public const string History = "history";
}

/// <summary>Something happened to the group (Groups API): created, deleted, participants joined or left, settings or status changed.</summary>
/// <param name="EventId">Derived from the event's JSON, so a redelivery is recognised.</param>
/// <param name="Field">The webhook field, e.g. <c>group_participants_update</c>.</param>
/// <param name="Type">Meta's type, e.g. <c>group_participants_add</c>.</param>
/// <param name="Summary">What a person reads in the timeline.</param>
/// <param name="Subject">The group's subject when the event names it.</param>
[GenerateSerializer, Immutable, Alias("waapp.GroupEventReport")]
public sealed record GroupEventReport(
    string EventId,
    string Field,
    string Type,
    DateTimeOffset Timestamp,
    string Summary,
    string? Subject,
    string RawJson) : ConversationUpdate;
