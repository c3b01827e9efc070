using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace WaApp.ServiceDefaults.Media;

/// <summary>A stored file's facts, from its S3 metadata.</summary>
/// <param name="Sha256">Base64 SHA-256 of the bytes, as Meta writes it.</param>
public sealed record StoredMedia(long Size, string ContentType, string? Sha256);

/// <summary>A stored file being read: dispose it to release the connection.</summary>
/// <param name="ContentRange">The <c>Content-Range</c> S3 answered for a range read; null for the whole file.</param>
public sealed record MediaContentStream(Stream Content, long Length, string ContentType, string? ContentRange) : IDisposable
{
    public void Dispose() => Content.Dispose();
}

/// <summary>
/// The media bucket (S3, or an S3-compatible local server) for both hosts: the silo writes customers' files, the
/// gateway reads them back and writes uploads. Objects are written whole from a seekable buffer, so a file is either
/// fully there or absent (never half-stored).
/// </summary>
public sealed class MediaStorage(IAmazonS3 s3, IOptions<MediaOptions> options)
{
    private const string Sha256Metadata = "sha256";

    private string Bucket => options.Value.BucketName;

    public async Task<StoredMedia?> HeadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var head = await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = Bucket, Key = key }, cancellationToken);
            return new StoredMedia(head.ContentLength, head.Headers.ContentType ?? "application/octet-stream", head.Metadata[Sha256Metadata]);
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <param name="content">The whole file, seekable: S3 needs its length and the SDK may resend it.</param>
    /// <param name="sha256">Base64 SHA-256, kept in the object's metadata.</param>
    public async Task PutAsync(string key, Stream content, string contentType, string sha256, CancellationToken cancellationToken)
    {
        var request = new PutObjectRequest
        {
            BucketName = Bucket,
            Key = key,
            InputStream = content,
            AutoCloseStream = false,
            ContentType = contentType,
            UseChunkEncoding = false,
        };
        request.Metadata[Sha256Metadata] = sha256;
        await s3.PutObjectAsync(request, cancellationToken);
    }

    /// <summary>The file, or the bytes <paramref name="from"/>..<paramref name="to"/> of it; null when it is not stored.</summary>
    public async Task<MediaContentStream?> GetAsync(string key, long? from, long? to, CancellationToken cancellationToken)
    {
        var request = new GetObjectRequest { BucketName = Bucket, Key = key };
        if (from is { } start)
        {
            request.ByteRange = new ByteRange(start, to ?? long.MaxValue);
        }

        try
        {
            var response = await s3.GetObjectAsync(request, cancellationToken);
            var range = response.HttpStatusCode == HttpStatusCode.PartialContent ? response.ContentRange : null;
            return new MediaContentStream(response.ResponseStream, response.ContentLength, response.Headers.ContentType ?? "application/octet-stream", range);
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Creates the bucket when it is missing (local S3 servers start empty).</summary>
    public async Task EnsureBucketAsync(CancellationToken cancellationToken)
    {
        try
        {
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = Bucket }, cancellationToken);
        }
        catch (AmazonS3Exception exception) when (exception.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
        {
        }
    }
}
