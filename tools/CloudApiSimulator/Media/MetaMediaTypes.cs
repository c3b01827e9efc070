namespace WaApp.CloudApiSimulator.Media;

/// <summary>Meta's supported media types and their size limits ("Supported media types" in the Cloud API docs).</summary>
public static class MetaMediaTypes
{
    private static readonly Dictionary<string, long> Limits = new(StringComparer.OrdinalIgnoreCase)
    {
        ["audio/aac"] = 16 * Mb,
        ["audio/amr"] = 16 * Mb,
        ["audio/mpeg"] = 16 * Mb,
        ["audio/mp4"] = 16 * Mb,
        ["audio/ogg"] = 16 * Mb,
        ["text/plain"] = 100 * Mb,
        ["application/pdf"] = 100 * Mb,
        ["application/vnd.ms-excel"] = 100 * Mb,
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = 100 * Mb,
        ["application/msword"] = 100 * Mb,
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"] = 100 * Mb,
        ["application/vnd.ms-powerpoint"] = 100 * Mb,
        ["application/vnd.openxmlformats-officedocument.presentationml.presentation"] = 100 * Mb,
        ["image/jpeg"] = 5 * Mb,
        ["image/png"] = 5 * Mb,
        // Stickers: 100 KB static, 500 KB animated; the upload does not say which, so the larger bound applies.
        ["image/webp"] = 500 * 1024,
        ["video/3gpp"] = 16 * Mb,
        ["video/mp4"] = 16 * Mb,
    };

    private const long Mb = 1024 * 1024;

    /// <summary>The largest file Meta accepts of this MIME type; null when Meta does not accept the type.</summary>
    public static long? MaxBytes(string mimeType)
    {
        var semicolon = mimeType.IndexOf(';', StringComparison.Ordinal);
        var type = (semicolon < 0 ? mimeType : mimeType[..semicolon]).Trim();
        return Limits.TryGetValue(type, out var limit) ? limit : null;
    }
}
