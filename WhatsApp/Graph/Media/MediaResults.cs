namespace WaApp.WhatsApp.Graph.Media;

/// <summary>What <c>GET /{version}/{media-id}</c> answered.</summary>
public abstract record MediaLookup
{
    /// <param name="Url">The download URL: valid for about 5 minutes, and only with the bearer token.</param>
    /// <param name="Sha256">Base64 SHA-256 of the file, as Meta reports it.</param>
    public sealed record Found(Uri Url, string? MimeType, string? Sha256, long? FileSize) : MediaLookup;

    /// <summary>Meta does not know the id (expired after 7 days, deleted, or another number's): retrying cannot help.</summary>
    public sealed record Gone(string Reason) : MediaLookup;

    /// <summary>A transient failure (5xx, timeout, unreachable, rate limit): try again later.</summary>
    public sealed record Failed(string Reason) : MediaLookup;
}

/// <summary>What a download answered.</summary>
public abstract record MediaDownload
{
    public sealed record Downloaded(long Size) : MediaDownload;

    /// <summary>The URL is no longer valid (404, 401, 403): ask Meta for a fresh one.</summary>
    public sealed record UrlExpired(int Status) : MediaDownload;

    /// <summary>The file is larger than the limit given: nothing more was read.</summary>
    public sealed record TooLarge(long Limit) : MediaDownload;

    public sealed record Failed(string Reason) : MediaDownload;
}

/// <summary>What <c>POST /{version}/{phone-number-id}/media</c> answered.</summary>
public abstract record MediaUpload
{
    public sealed record Uploaded(string MediaId) : MediaUpload;

    /// <summary>Meta refused the file (e.g. 131053: type or size): sending it again cannot help.</summary>
    public sealed record Refused(GraphError Error) : MediaUpload;

    public sealed record Failed(string Reason) : MediaUpload;
}
