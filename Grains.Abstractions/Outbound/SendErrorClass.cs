namespace WaApp.Grains.Abstractions.Outbound;

/// <summary>What to do after a failed send (the Cloud API error-code table).</summary>
[GenerateSerializer, Alias("waapp.SendErrorClass")]
public enum SendErrorClass
{
    /// <summary>Transient or throughput trouble: the same message may succeed later.</summary>
    RetryWithBackoff = 0,

    /// <summary>Too many messages to this user (131056): retry this recipient later.</summary>
    RetryRecipientLater = 1,

    /// <summary>The 24-hour window is closed (131047): only an approved template reaches the user.</summary>
    NeedsTemplate = 2,

    /// <summary>The message itself cannot succeed: do not retry it.</summary>
    NeverRetry = 3,

    /// <summary>Token, permission, account or billing trouble: nothing from this number goes out until a human acts.</summary>
    StopSending = 4,
}
