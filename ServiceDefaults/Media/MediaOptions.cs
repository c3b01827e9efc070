namespace WaApp.ServiceDefaults.Media;

/// <summary>Where media files are kept: the <c>Media</c> configuration section (environment: <c>Media__*</c>).</summary>
public sealed class MediaOptions
{
    public const string SectionName = "Media";

    /// <summary>The S3 bucket that holds every media file (inbound downloads and uploads).</summary>
    public string BucketName { get; set; } = "waapp-media";

    /// <summary>An S3-compatible endpoint (e.g. the local s3rver, <c>http://127.0.0.1:4569</c>); none: AWS S3 in <see cref="Region"/>.</summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>The AWS region of the bucket when no <see cref="ServiceUrl"/> is given; none: the SDK's default chain.</summary>
    public string? Region { get; set; }

    /// <summary>Static credentials, for local S3 servers only; AWS uses the task role (the SDK's default chain).</summary>
    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>
    /// Days a media file is kept. The bucket's lifecycle rule in the CloudFormation stack enforces it; here it only
    /// tells clients how long a file stays available. 0 keeps files until deleted.
    /// </summary>
    public int RetentionDays { get; set; } = 365;

    /// <summary>Creates the bucket at start-up when it is missing (local servers; true in Development).</summary>
    public bool CreateBucketIfNotExists { get; set; }

    /// <summary>How long one S3 request may take.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
