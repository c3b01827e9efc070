namespace WaApp.WhatsApp.Graph;

/// <summary>
/// How long to wait before retry number <c>attempt</c> (1 = the first retry) after a retryable Graph error, per the
/// reference: 4^n seconds for the pair rate limit (131056), about a minute for account maintenance (131057),
/// minutes for app and WABA call limits (4, 80007), and a bounded exponential backoff for throughput (130429)
/// and transient errors. Callers add their own jitter and attempt limit.
/// </summary>
public static class GraphRetryAdvice
{
    /// <summary>No advised delay is longer than this.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(15);

    /// <summary>The advised delay, or null when the error should not be retried at all.</summary>
    public static TimeSpan? DelayBeforeRetry(GraphError error, int attempt)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        if (error.Class is not (GraphErrorClass.RetryWithBackoff or GraphErrorClass.RetryRecipientLater))
        {
            return null;
        }

        var exponent = attempt - 1;
        var seconds = error.Code switch
        {
            131056 => Math.Pow(4, exponent),
            131057 => 60,
            4 or 80007 => 60 * Math.Pow(2, exponent),
            130429 => 0.5 * Math.Pow(2, exponent),
            _ => Math.Pow(2, exponent),
        };
        return seconds < MaxDelay.TotalSeconds ? TimeSpan.FromSeconds(seconds) : MaxDelay;
    }
}
