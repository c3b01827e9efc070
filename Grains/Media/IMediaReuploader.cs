namespace WaApp.Grains.Media;

/// <summary>What uploading a business's file again answered.</summary>
public abstract record MediaReupload
{
    private MediaReupload()
    {
    }

    /// <summary>Meta holds the file again under <paramref name="MediaId"/>.</summary>
    public sealed record Uploaded(string MediaId) : MediaReupload;

    /// <summary>It could not be uploaded again: the id is not one WaApp uploaded, the kept file is gone, or Meta refused or failed.</summary>
    public sealed record NotUploaded(string Reason) : MediaReupload;
}

/// <summary>
/// Uploads a business's file to Meta again from the copy kept in the bucket, when Meta's copy of an uploaded media id
/// has expired (Meta keeps uploads 30 days). The silo host provides it; without it, such sends simply fail.
/// </summary>
public interface IMediaReuploader
{
    Task<MediaReupload> ReuploadAsync(string phoneNumberId, string expiredMediaId, CancellationToken cancellationToken);
}
