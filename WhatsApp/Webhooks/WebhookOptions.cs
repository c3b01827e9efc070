namespace WaApp.WhatsApp.Webhooks;

/// <summary>
/// How the receiving end of Meta's webhooks behaves: which secrets sign them, the handshake token, the largest body
/// and how long a delivery may wait for storage. The keys are the external contract of design section 6 and stay
/// where operators set them: <see cref="SectionName"/> (<c>WhatsApp__AppSecrets__0</c>, <c>WhatsApp__VerifyToken</c>,
/// <c>WhatsApp__MaxWebhookBodyBytes</c>) and <see cref="AcknowledgeSectionName"/> (<c>Webhook__AcknowledgeTimeout</c>,
/// <c>Webhook__MaxConcurrentRequests</c>).
/// </summary>
public sealed class WebhookOptions
{
    /// <summary>The section of the secrets, the verify token and the body limit.</summary>
    public const string SectionName = "WhatsApp";

    /// <summary>The section of <see cref="AcknowledgeTimeout"/> and <see cref="MaxConcurrentRequests"/>.</summary>
    public const string AcknowledgeSectionName = "Webhook";

    /// <summary>App secrets that sign webhooks; more than one during a rotation.</summary>
    public List<string> AppSecrets { get; set; } = [];

    /// <summary>The token Meta echoes in the GET verification handshake.</summary>
    public string VerifyToken { get; set; } = string.Empty;

    /// <summary>Largest webhook body accepted: Meta sends up to 3 MB.</summary>
    public int MaxWebhookBodyBytes { get; set; } = 3 * 1024 * 1024;

    /// <summary>
    /// The longest a webhook waits for its updates to be stored before answering 503 so Meta retries
    /// (design section 5: bounded, 10 s by default).
    /// </summary>
    public TimeSpan AcknowledgeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many webhook POSTs one gateway works on at once; more wait in a short queue, then get 503 and Meta retries.
    /// Bounds the memory webhooks can take: each may hold a body of up to <see cref="MaxWebhookBodyBytes"/> and what
    /// is parsed from it (a few times its size). 32 suits a gateway of 2 cores and 1 GB (under 400 MB at worst).
    /// </summary>
    public int MaxConcurrentRequests { get; set; } = 64;
}
