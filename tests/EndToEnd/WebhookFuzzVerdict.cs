using System.Net;

namespace WaApp.EndToEnd;

/// <summary>What the gateway may answer a mutated webhook; anything else is a finding.</summary>
public static class WebhookFuzzVerdict
{
    /// <param name="resigned">The mutant carries its own valid signature (otherwise the original's).</param>
    /// <param name="unchanged">The mutant is byte-for-byte the original, so the original's signature is valid.</param>
    /// <param name="storageDownOnPurpose">
    /// The test made storage unavailable: only then is 503 (Meta retries) an honest answer to a valid body.
    /// A 503 otherwise means a body Meta would redeliver for ever.
    /// </param>
    public static bool IsExpected(HttpStatusCode status, bool resigned, bool unchanged, bool storageDownOnPurpose)
    {
        if (status == HttpStatusCode.RequestEntityTooLarge)
        {
            return true;
        }

        if (resigned || unchanged)
        {
            return status is HttpStatusCode.OK or HttpStatusCode.BadRequest
                || (status == HttpStatusCode.ServiceUnavailable && storageDownOnPurpose);
        }

        return status == HttpStatusCode.Unauthorized;
    }
}
