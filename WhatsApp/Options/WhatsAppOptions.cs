namespace WaApp.WhatsApp.Options;

/// <summary>Settings of the <c>WhatsApp</c> configuration section (design section 6).</summary>
public sealed class WhatsAppOptions
{
    public const string SectionName = "WhatsApp";

    /// <summary>App secrets that sign webhooks; more than one during a rotation.</summary>
    public List<string> AppSecrets { get; set; } = [];

    /// <summary>The token Meta echoes in the GET verification handshake.</summary>
    public string VerifyToken { get; set; } = string.Empty;

    /// <summary>Bearer token for Graph API calls.</summary>
    public string? AccessToken { get; set; }

    /// <summary>Graph API root; the Cloud API simulator's URL in development.</summary>
    public Uri GraphApiBaseUrl { get; set; } = new("https://graph.facebook.com/");

    /// <summary>Pinned Graph API version.</summary>
    public string ApiVersion { get; set; } = "v24.0";

    /// <summary>Largest webhook body accepted: Meta sends up to 3 MB.</summary>
    public int MaxWebhookBodyBytes { get; set; } = 3 * 1024 * 1024;
}
