namespace WaApp.WhatsApp.Graph;

/// <summary>
/// Media by uploaded id (preferred) or by public link. Caption on image, video and document only; file name on
/// documents only.
/// </summary>
public sealed record MediaPayload
{
    private MediaPayload()
    {
    }

    public string? Id { get; private init; }

    public string? Link { get; private init; }

    public string? Caption { get; init; }

    public string? Filename { get; init; }

    public static MediaPayload FromId(string mediaId, string? caption = null, string? filename = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mediaId);
        return new MediaPayload { Id = mediaId, Caption = caption, Filename = filename };
    }

    public static MediaPayload FromLink(Uri link, string? caption = null, string? filename = null)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (!link.IsAbsoluteUri || (link.Scheme != Uri.UriSchemeHttps && link.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("A media link must be an absolute http(s) URL.", nameof(link));
        }

        return new MediaPayload { Link = link.AbsoluteUri, Caption = caption, Filename = filename };
    }
}
