using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace WaApp.ServiceDefaults.Media;

/// <summary>What one of Meta's media ids stands for: the kept upload's object key, its type and file name.</summary>
public sealed record UploadedMediaEntry(string ObjectKey, string MimeType, string FileName);

/// <summary>
/// Maps Meta's ids of the business's uploads to the files kept in the bucket, one small object per id. The gateway
/// records an id when it uploads; the silo reads it to upload the same file again once Meta's copy has expired (30
/// days), and records the new id. Kept in the bucket next to the files, so no store write is added to any request.
/// </summary>
public sealed class UploadedMediaIndex(IAmazonS3 s3, IOptions<MediaOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private string Bucket => options.Value.BucketName;

    public async Task RecordAsync(string key, UploadedMediaEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await s3.PutObjectAsync(
            new PutObjectRequest
            {
                BucketName = Bucket,
                Key = key,
                ContentBody = JsonSerializer.Serialize(entry, Json),
                ContentType = "application/json",
                UseChunkEncoding = false,
            },
            cancellationToken);
    }

    /// <summary>The entry, or null when this id was never recorded (an upload made outside WaApp, or before the index).</summary>
    public async Task<UploadedMediaEntry?> FindAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = Bucket, Key = key }, cancellationToken);
            using var reader = new StreamReader(response.ResponseStream, Encoding.UTF8);
            return JsonSerializer.Deserialize<UploadedMediaEntry>(await reader.ReadToEndAsync(cancellationToken), Json);
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
