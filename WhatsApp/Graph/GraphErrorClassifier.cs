using System.Net;

namespace WaApp.WhatsApp.Graph;

/// <summary>
/// Maps a Meta error code to what a sender should do, per the Cloud API error-code table (reference §7.1).
/// Codes not in the table: HTTP 429 or 5xx answers are treated as transient (<see cref="GraphErrorClass.RetryWithBackoff"/>,
/// bounded by the caller); the 132xxx template family and everything else as <see cref="GraphErrorClass.NeverRetry"/>,
/// because retrying an error we do not understand risks a loop or a double send, while a person can retry explicitly.
/// </summary>
public static class GraphErrorClassifier
{
    private static readonly Dictionary<int, GraphErrorClass> Known = new()
    {
        // Token, permissions, account standing, billing: nothing for this number will succeed until a human acts.
        [0] = GraphErrorClass.StopSending,
        [190] = GraphErrorClass.StopSending,
        [3] = GraphErrorClass.StopSending,
        [10] = GraphErrorClass.StopSending,
        [368] = GraphErrorClass.StopSending,
        [131031] = GraphErrorClass.StopSending,
        [131042] = GraphErrorClass.StopSending,
        [133010] = GraphErrorClass.StopSending,

        // Spam rate limit: stop (bulk) sending from the number; quality must recover before sending resumes.
        [131048] = GraphErrorClass.StopSending,

        // Throughput and transient trouble: the same message may succeed later.
        [1] = GraphErrorClass.RetryWithBackoff,
        [2] = GraphErrorClass.RetryWithBackoff,
        [4] = GraphErrorClass.RetryWithBackoff,
        [80007] = GraphErrorClass.RetryWithBackoff,
        [130429] = GraphErrorClass.RetryWithBackoff,
        [131000] = GraphErrorClass.RetryWithBackoff,
        [131016] = GraphErrorClass.RetryWithBackoff,
        [131057] = GraphErrorClass.RetryWithBackoff,

        // Pair rate limit: only this recipient is throttled.
        [131056] = GraphErrorClass.RetryRecipientLater,

        // Re-engagement: the 24-hour window is closed.
        [131047] = GraphErrorClass.NeedsTemplate,

        // The message or recipient is the problem: retrying the same request cannot help.
        [100] = GraphErrorClass.NeverRetry,
        [130472] = GraphErrorClass.NeverRetry,
        [131008] = GraphErrorClass.NeverRetry,
        [131009] = GraphErrorClass.NeverRetry,
        [131021] = GraphErrorClass.NeverRetry,
        [131026] = GraphErrorClass.NeverRetry,
        [131030] = GraphErrorClass.NeverRetry,
        // Per-user marketing cap: Meta says not to resend the same marketing message at once, so never in the same send.
        [131049] = GraphErrorClass.NeverRetry,
        [131050] = GraphErrorClass.NeverRetry,
        [131051] = GraphErrorClass.NeverRetry,
        [131052] = GraphErrorClass.NeverRetry,
        [131053] = GraphErrorClass.NeverRetry,
        [132000] = GraphErrorClass.NeverRetry,
        [132001] = GraphErrorClass.NeverRetry,
        [132005] = GraphErrorClass.NeverRetry,
        [132007] = GraphErrorClass.NeverRetry,
        [132012] = GraphErrorClass.NeverRetry,
        [132015] = GraphErrorClass.NeverRetry,
        [132016] = GraphErrorClass.NeverRetry,
    };

    /// <summary>
    /// Codes that stop every message of the number, not just this one: a bad token, a locked account, a billing
    /// problem, a policy block. Sending the rest of the queue would only fail the same way (and look like abuse),
    /// so the sender pauses the number until a person acts.
    /// </summary>
    private static readonly HashSet<int> NumberWide = [0, 190, 131031, 131042, 368];

    /// <summary>Codes that mean the access token itself is bad: a new token is the fix.</summary>
    private static readonly HashSet<int> TokenCodes = [0, 190];

    /// <summary>Every code the table names explicitly (the 200–299 permission range is handled as a range).</summary>
    public static IReadOnlyCollection<int> KnownCodes => Known.Keys;

    /// <summary>True when <paramref name="code"/> means nothing from this number can be sent until a person acts.</summary>
    public static bool PausesNumber(int code) => NumberWide.Contains(code);

    /// <summary>True when <paramref name="code"/> means the access token is invalid or expired.</summary>
    public static bool IsTokenError(int code) => TokenCodes.Contains(code);

    /// <summary>Classifies Meta's <paramref name="code"/>; <paramref name="httpStatus"/> only matters for codes the table does not name.</summary>
    public static GraphErrorClass Classify(int code, HttpStatusCode? httpStatus = null)
    {
        if (Known.TryGetValue(code, out var known))
        {
            return known;
        }

        if (code is >= 200 and <= 299)
        {
            // Permission errors (#200–#299): a configuration problem of the token or app.
            return GraphErrorClass.StopSending;
        }

        if (code is >= 132000 and < 133000)
        {
            // Template errors: fix the template or its parameters.
            return GraphErrorClass.NeverRetry;
        }

        return httpStatus is { } status && ((int)status == 429 || (int)status >= 500)
            ? GraphErrorClass.RetryWithBackoff
            : GraphErrorClass.NeverRetry;
    }
}
