namespace WaApp.Grains.Abstractions.Events;

/// <summary>The customer's file is in the business's bucket, verified against Meta's sha256.</summary>
[GenerateSerializer, Immutable, Alias("conversation.media-stored.v1")]
public sealed record MediaStored(
    [property: Id(0)] string MessageId,
    [property: Id(1)] string MediaId,
    [property: Id(2)] string? MimeType,
    [property: Id(3)] long Size,
    [property: Id(4)] string? Sha256) : ConversationEvent;

/// <summary>The customer's file could not be stored and will not be retried by itself (expired, too large, mismatched).</summary>
[GenerateSerializer, Immutable, Alias("conversation.media-failed.v1")]
public sealed record MediaFailed(
    [property: Id(0)] string MessageId,
    [property: Id(1)] string MediaId,
    [property: Id(2)] string Reason) : ConversationEvent;

/// <summary>An agent asked to fetch a failed file again: it is pending until the new outcome.</summary>
[GenerateSerializer, Immutable, Alias("conversation.media-retried.v1")]
public sealed record MediaRetried(
    [property: Id(0)] string MessageId,
    [property: Id(1)] string By) : ConversationEvent;
