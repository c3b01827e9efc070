namespace WaApp.WhatsApp.Graph;

/// <summary>What a sender should do after a failed send (reference §7.1).</summary>
public enum GraphErrorClass
{
    /// <summary>Transient or throughput trouble for the whole number: retry the same message later with exponential backoff and jitter.</summary>
    RetryWithBackoff,

    /// <summary>Too many messages to this one user (131056): retry this recipient after 4^n seconds, keep sending to others.</summary>
    RetryRecipientLater,

    /// <summary>The 24-hour customer service window is closed (131047): only an approved template can reach the user.</summary>
    NeedsTemplate,

    /// <summary>The message itself cannot succeed (bad parameter, undeliverable, template mismatch…): do not retry it.</summary>
    NeverRetry,

    /// <summary>Token, permission, account or billing trouble: stop sending from this number and alert a human.</summary>
    StopSending,
}
