namespace WaApp.WhatsApp.Graph.Media;

/// <summary>The Cloud API media endpoints. Every call reports its outcome as a value; only caller cancellation throws.</summary>
public interface IGraphMediaClient
{
    /// <summary><c>GET /{version}/{media-id}</c>, guarded by <paramref name="phoneNumberId"/> when given.</summary>
    Task<MediaLookup> GetMediaAsync(string mediaId, string? phoneNumberId, CancellationToken cancellationToken = default);

    /// <summary>Downloads a URL from <see cref="MediaLookup.Found"/> with the bearer token into <paramref name="destination"/>, reading at most <paramref name="maxBytes"/>.</summary>
    Task<MediaDownload> DownloadAsync(Uri url, long maxBytes, Stream destination, CancellationToken cancellationToken = default);

    /// <summary><c>POST /{version}/{phone-number-id}/media</c> (multipart <c>file</c>, <c>type</c>, <c>messaging_product</c>).</summary>
    Task<MediaUpload> UploadAsync(string phoneNumberId, Stream content, string mimeType, string fileName, CancellationToken cancellationToken = default);
}
