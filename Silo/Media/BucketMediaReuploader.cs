using WaApp.Grains.Abstractions.Media;
using WaApp.Grains.Media;
using WaApp.ServiceDefaults.Media;
using WaApp.WhatsApp.Graph.Media;

namespace WaApp.Silo.Media;

/// <summary>
/// Uploads a file again from the bucket: the index names the kept upload behind the expired id, the file is read
/// whole (Meta's upload needs its length; uploads are at most 100 MB), uploaded, and the new id recorded for next time.
/// </summary>
internal sealed partial class BucketMediaReuploader(IServiceProvider services, IGraphMediaClient meta, ILogger<BucketMediaReuploader> logger) : IMediaReuploader
{
    public async Task<MediaReupload> ReuploadAsync(string phoneNumberId, string expiredMediaId, CancellationToken cancellationToken)
    {
        var index = services.GetRequiredService<UploadedMediaIndex>();
        var entry = await index.FindAsync(MediaObjectKey.UploadedId(phoneNumberId, expiredMediaId), cancellationToken);
        if (entry is null)
        {
            return new MediaReupload.NotUploaded("the media id was not uploaded through WaApp, so no copy of it is kept");
        }

        using var buffer = new MemoryStream();
        using (var stored = await services.GetRequiredService<MediaStorage>().GetAsync(entry.ObjectKey, from: null, to: null, cancellationToken))
        {
            if (stored is null)
            {
                return new MediaReupload.NotUploaded("the kept copy of the file is no longer in the bucket (its retention may have ended)");
            }

            await stored.Content.CopyToAsync(buffer, cancellationToken);
        }

        buffer.Position = 0;
        switch (await meta.UploadAsync(phoneNumberId, buffer, entry.MimeType, entry.FileName, cancellationToken))
        {
            case MediaUpload.Uploaded uploaded:
                await index.RecordAsync(MediaObjectKey.UploadedId(phoneNumberId, uploaded.MediaId), entry, cancellationToken);
                Reuploaded(logger, expiredMediaId, phoneNumberId, uploaded.MediaId);
                return new MediaReupload.Uploaded(uploaded.MediaId);
            case MediaUpload.Refused refused:
                return new MediaReupload.NotUploaded($"Meta refused the file again: ({refused.Error.Code}) {refused.Error.Title}");
            case MediaUpload.Failed failed:
                return new MediaReupload.NotUploaded($"uploading the file again failed: {failed.Reason}");
            default:
                return new MediaReupload.NotUploaded("the upload gave an answer WaApp does not understand");
        }
    }

    [LoggerMessage(EventId = 6201, Level = LogLevel.Information, Message = "Uploaded media {ExpiredMediaId} of {PhoneNumberId} again as {MediaId}: Meta's copy had expired")]
    private static partial void Reuploaded(ILogger logger, string expiredMediaId, string phoneNumberId, string mediaId);
}
