namespace WaApp.Grains.Abstractions.Events;

/// <summary>
/// Meta no longer held the file a queued media message named by id (uploads expire after 30 days) and refused the
/// send; WaApp uploaded its kept copy again and sends the message once more, by <paramref name="NewMediaId"/>. Done at
/// most once per message, so the refusal is recorded here rather than as a failure.
/// </summary>
/// <param name="Code">Meta's error code on the refused send (131053).</param>
/// <param name="Details">Meta's details on the refused send.</param>
[GenerateSerializer, Immutable, Alias("conversation.message-media-reuploaded.v1")]
public sealed record MessageMediaReuploaded(string MessageId, string ExpiredMediaId, string NewMediaId, int Code, string? Details) : ConversationEvent;
