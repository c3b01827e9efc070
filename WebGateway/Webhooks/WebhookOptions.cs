namespace WaApp.WebGateway.Webhooks;

/// <summary>The <c>Webhook</c> configuration section: how long a POST may wait for durable storage.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhook";

    /// <summary>
    /// The longest a webhook waits for its updates to be stored before answering 503 so Meta retries
    /// (design section 5: bounded, 10 s by default).
    /// </summary>
    public TimeSpan AcknowledgeTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
