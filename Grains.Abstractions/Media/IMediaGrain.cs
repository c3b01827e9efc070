namespace WaApp.Grains.Abstractions.Media;

/// <summary>
/// Fetches one file a customer sent into the business's bucket, durably: key <see cref="KeyOf"/>. One grain per media
/// id, so a redelivered webhook or a repeated request never downloads or stores the file twice.
/// </summary>
[Alias("waapp.IMediaGrain")]
public interface IMediaGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts (or resumes) fetching; returns at once. The outcome goes to the conversation as
    /// <see cref="Conversations.IConversationGrain.RecordMediaAsync"/>. A fetch that already ended reports its outcome again.
    /// </summary>
    [OneWay]
    [Alias("Fetch")]
    Task FetchAsync(MediaFetchRequest request);

    public static string KeyOf(string phoneNumberId, string mediaId) => $"{phoneNumberId}:{mediaId}";
}

/// <summary>What the fetch of one inbound file needs, from the stored message.</summary>
/// <param name="Conversation">The conversation grain's key, told the outcome.</param>
/// <param name="MessageId">The wamid of the message that carried the file.</param>
/// <param name="Kind"><c>image</c>, <c>audio</c>, <c>video</c>, <c>document</c> or <c>sticker</c>: sets the size limit.</param>
/// <param name="Sha256">Base64 SHA-256 from the webhook; the bytes must match it.</param>
/// <param name="ReceivedAt">When the message was sent: Meta keeps the file 7 days from then.</param>
/// <param name="Retry">An agent asked again after a failure: start over even if the last fetch failed.</param>
[GenerateSerializer, Immutable, Alias("waapp.MediaFetchRequest")]
public sealed record MediaFetchRequest(
    [property: Id(0)] string Conversation,
    [property: Id(1)] string MessageId,
    [property: Id(2)] string PhoneNumberId,
    [property: Id(3)] string MediaId,
    [property: Id(4)] string Kind,
    [property: Id(5)] string? MimeType,
    [property: Id(6)] string? Sha256,
    [property: Id(7)] DateTimeOffset ReceivedAt,
    [property: Id(8)] bool Retry = false);

/// <summary>How a fetch ended: stored (with what the bucket holds) or failed for good (with why).</summary>
[GenerateSerializer, Immutable, Alias("waapp.MediaFetchOutcome")]
public sealed record MediaFetchOutcome(
    [property: Id(0)] string MessageId,
    [property: Id(1)] string MediaId,
    [property: Id(2)] bool Stored,
    [property: Id(3)] string? MimeType,
    [property: Id(4)] long? Size,
    [property: Id(5)] string? Sha256,
    [property: Id(6)] string? Error);
