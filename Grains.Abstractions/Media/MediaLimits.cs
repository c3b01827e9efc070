namespace WaApp.Grains.Abstractions.Media;

/// <summary>
/// Meta's per-type size limits and accepted MIME types for WhatsApp media (Cloud API "supported media types"):
/// what is larger is refused both ways, on upload and on download, never half-stored.
/// </summary>
public static class MediaLimits
{
    public const long ImageBytes = 5 * 1024 * 1024;
    public const long AudioBytes = 16 * 1024 * 1024;
    public const long VideoBytes = 16 * 1024 * 1024;
    public const long DocumentBytes = 100 * 1024 * 1024;
    public const long StaticStickerBytes = 100 * 1024;
    public const long AnimatedStickerBytes = 500 * 1024;

    /// <summary>The largest file of any kind (a document): more is never read.</summary>
    public const long MaxBytes = DocumentBytes;

    /// <summary>The largest file of <paramref name="kind"/> (<c>image</c>, <c>audio</c>, <c>video</c>, <c>document</c>, <c>sticker</c>).</summary>
    public static long MaxBytesFor(string kind) => kind switch
    {
        "image" => ImageBytes,
        "audio" => AudioBytes,
        "video" => VideoBytes,
        "sticker" => AnimatedStickerBytes,
        _ => DocumentBytes,
    };

    /// <summary>The kind WhatsApp sends a file of this MIME type as; null when WhatsApp accepts it in none.</summary>
    public static string? KindFor(string mimeType) => BaseType(mimeType) switch
    {
        "image/jpeg" or "image/png" => "image",
        "image/webp" => "sticker",
        "audio/aac" or "audio/amr" or "audio/mpeg" or "audio/mp4" or "audio/ogg" => "audio",
        "video/mp4" or "video/3gpp" => "video",
        "text/plain" or "application/pdf" or "application/vnd.ms-excel" or "application/msword"
            or "application/vnd.ms-powerpoint"
            or "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            or "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            or "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "document",
        _ => null,
    };

    /// <summary>
    /// True when a browser may show the file inline: images, audio and video. Everything else (HTML, SVG, PDF…) is
    /// served as an attachment, so a file a customer sent can never run script in the inbox's origin. SVG is an
    /// image type that carries script, so it is not inline either.
    /// </summary>
    public static bool IsInline(string? mimeType)
    {
        var type = BaseType(mimeType ?? string.Empty);
        return type != "image/svg+xml" && (type.StartsWith("image/", StringComparison.Ordinal) || type.StartsWith("audio/", StringComparison.Ordinal) || type.StartsWith("video/", StringComparison.Ordinal));
    }

    /// <summary>True for audio and video, which players seek in with range requests.</summary>
    public static bool IsSeekable(string? mimeType)
    {
        var type = BaseType(mimeType ?? string.Empty);
        return type.StartsWith("audio/", StringComparison.Ordinal) || type.StartsWith("video/", StringComparison.Ordinal);
    }

    /// <summary>The MIME type without parameters, lowercase (<c>audio/ogg; codecs=opus</c> → <c>audio/ogg</c>).</summary>
    public static string BaseType(string mimeType)
    {
        var semicolon = mimeType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon < 0 ? mimeType : mimeType[..semicolon]).Trim().ToLowerInvariant();
    }
}
