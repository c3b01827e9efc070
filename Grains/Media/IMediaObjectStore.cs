namespace WaApp.Grains.Media;

/// <summary>A file in the business's bucket, as the bucket describes it.</summary>
/// <param name="Sha256">Base64 SHA-256 recorded when it was stored.</param>
public sealed record StoredMediaObject(long Size, string ContentType, string? Sha256);

/// <summary>
/// Where inbound files are kept (S3 in production, s3rver locally); the silo host provides it. Keys follow
/// <see cref="Abstractions.Media.MediaObjectKey"/>. Throws on storage failures; the fetch retries them.
/// </summary>
public interface IMediaObjectStore
{
    Task<StoredMediaObject?> FindAsync(string phoneNumberId, string mediaId, CancellationToken cancellationToken);

    /// <param name="content">The whole, verified file (seekable).</param>
    Task StoreAsync(string phoneNumberId, string mediaId, Stream content, string contentType, string sha256, CancellationToken cancellationToken);
}
