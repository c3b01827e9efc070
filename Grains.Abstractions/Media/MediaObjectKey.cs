namespace WaApp.Grains.Abstractions.Media;

/// <summary>
/// Where a file lives in the bucket: by business number and Meta's media id, so a file is stored once however often
/// its webhook is redelivered, and a business's files share one prefix (for export or deletion).
/// </summary>
public static class MediaObjectKey
{
    /// <summary>A file a customer sent.</summary>
    public static string Inbound(string phoneNumberId, string mediaId) => $"media/{Safe(phoneNumberId)}/in/{Safe(mediaId)}";

    /// <summary>A file the business uploaded, by its SHA-256 (hex), so the same file is stored once.</summary>
    public static string Uploaded(string phoneNumberId, string sha256Hex) => $"media/{Safe(phoneNumberId)}/out/{Safe(sha256Hex)}";

    /// <summary>
    /// Which kept upload Meta's media id <paramref name="mediaId"/> stands for (a small JSON object naming the
    /// <see cref="Uploaded"/> key): when Meta's copy expires after 30 days, the file is uploaded again from the bucket.
    /// </summary>
    public static string UploadedId(string phoneNumberId, string mediaId) => $"media/{Safe(phoneNumberId)}/out-ids/{Safe(mediaId)}";

    // Ids are digits (and wamid-like characters); anything else is replaced so a key never gains a path segment.
    private static string Safe(string value) => string.Create(value.Length, value, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            span[i] = char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_';
        }
    });
}
