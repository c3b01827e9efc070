namespace WaApp.Grains.Abstractions.Media;

/// <summary>A message's file as agents see it (<c>media</c> in the messages list).</summary>
/// <param name="Status">See <see cref="MediaStatus"/>.</param>
/// <param name="Size">Bytes, once stored.</param>
/// <param name="Sha256">Base64 SHA-256: Meta's, verified once stored.</param>
/// <param name="Error">Why the file could not be stored.</param>
/// <param name="MediaId">Meta's media id; the bucket key is derived from it.</param>
[GenerateSerializer, Immutable, Alias("waapp.MessageMedia")]
public sealed record MessageMedia(
    [property: Id(0)] string Status,
    [property: Id(1)] string? MimeType,
    [property: Id(2)] long? Size,
    [property: Id(3)] string? Sha256,
    [property: Id(4)] string? Filename,
    [property: Id(5)] string? Caption,
    [property: Id(6)] string? Error,
    [property: Id(7)] string? MediaId);
