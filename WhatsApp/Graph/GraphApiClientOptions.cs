namespace WaApp.WhatsApp.Graph;

/// <summary>
/// Everything <see cref="GraphApiClient"/> sends with: where (base URL, pinned version), as whom (access token) and
/// how patiently (timeouts, connect retries). The endpoint and token keep their design section 6 keys in
/// <see cref="SectionName"/> (<c>WhatsApp__AccessToken</c>, <c>WhatsApp__GraphApiBaseUrl</c>, <c>WhatsApp__ApiVersion</c>);
/// the tunables live in <see cref="TuningSectionName"/> (<c>WhatsApp__GraphApi__RequestTimeout</c>, …).
/// </summary>
public sealed class GraphApiClientOptions
{
    /// <summary>The section of the endpoint and the token.</summary>
    public const string SectionName = "WhatsApp";

    /// <summary>The section of the timeouts and connect retries.</summary>
    public const string TuningSectionName = "WhatsApp:GraphApi";

    /// <summary>
    /// Bearer token for Graph API calls. Unset is allowed (a silo can ingest webhooks without sending); every send
    /// then fails with a clear "no access token" error.
    /// </summary>
    public string? AccessToken { get; set; }

    /// <summary>Graph API root; the Cloud API simulator's URL in development.</summary>
    public Uri GraphApiBaseUrl { get; set; } = new("https://graph.facebook.com/");

    /// <summary>Pinned Graph API version.</summary>
    public string ApiVersion { get; set; } = "v24.0";

    /// <summary>How long one request may take before its outcome is reported as unknown.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long to wait for a TCP/TLS connection; a connect failure proves nothing was sent.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Retries when the connection could not be established (DNS, refused, TLS). These are the only retries the
    /// client makes itself: once a POST may have reached Meta, retrying could send the message twice.
    /// </summary>
    public int ConnectRetryCount { get; set; } = 2;

    /// <summary>First delay between connect retries (exponential with jitter).</summary>
    public TimeSpan ConnectRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);
}
