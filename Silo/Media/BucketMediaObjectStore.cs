using WaApp.Grains.Abstractions.Media;
using WaApp.Grains.Media;
using WaApp.ServiceDefaults.Media;

namespace WaApp.Silo.Media;

/// <summary>The grains' file store on the media bucket: customers' files under <see cref="MediaObjectKey.Inbound"/>.</summary>
internal sealed class BucketMediaObjectStore(MediaStorage storage) : IMediaObjectStore
{
    public async Task<StoredMediaObject?> FindAsync(string phoneNumberId, string mediaId, CancellationToken cancellationToken) =>
        await storage.HeadAsync(MediaObjectKey.Inbound(phoneNumberId, mediaId), cancellationToken) is { } stored
            ? new StoredMediaObject(stored.Size, stored.ContentType, stored.Sha256)
            : null;

    public Task StoreAsync(string phoneNumberId, string mediaId, Stream content, string contentType, string sha256, CancellationToken cancellationToken) =>
        storage.PutAsync(MediaObjectKey.Inbound(phoneNumberId, mediaId), content, contentType, sha256, cancellationToken);
}
