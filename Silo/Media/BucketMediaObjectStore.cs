using WaApp.Grains.Abstractions.Media;
using WaApp.Grains.Media;
using WaApp.ServiceDefaults.Media;

namespace WaApp.Silo.Media;

/// <summary>
/// The grains' file store on the media bucket: customers' files under <see cref="MediaObjectKey.Inbound"/>. The bucket
/// client is resolved on first use, so a silo without media settings still activates fetches: they store their
/// request and reminder, fail as transient, and resume once the settings are fixed.
/// </summary>
internal sealed class BucketMediaObjectStore(IServiceProvider services) : IMediaObjectStore
{
    private MediaStorage Storage => services.GetRequiredService<MediaStorage>();

    public async Task<StoredMediaObject?> FindAsync(string phoneNumberId, string mediaId, CancellationToken cancellationToken) =>
        await Storage.HeadAsync(MediaObjectKey.Inbound(phoneNumberId, mediaId), cancellationToken) is { } stored
            ? new StoredMediaObject(stored.Size, stored.ContentType, stored.Sha256)
            : null;

    public Task StoreAsync(string phoneNumberId, string mediaId, Stream content, string contentType, string sha256, CancellationToken cancellationToken) =>
        Storage.PutAsync(MediaObjectKey.Inbound(phoneNumberId, mediaId), content, contentType, sha256, cancellationToken);
}
