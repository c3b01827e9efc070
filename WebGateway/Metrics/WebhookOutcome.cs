namespace WaApp.WebGateway.Metrics;

/// <summary>The <c>outcome</c> of a webhook POST, named after what the status code means for Meta's delivery.</summary>
public static class WebhookOutcome
{
    public const string Stored = "stored";
    public const string SignatureRejected = "signature_rejected";
    public const string Malformed = "malformed";
    public const string TooLarge = "too_large";
    public const string Unavailable = "unavailable";
    public const string TooSlow = "too_slow";

    /// <summary>Refused before reading: the gateway was already working on its limit of webhooks (503).</summary>
    public const string Busy = "busy";
    public const string Error = "error";

    public static string FromStatusCode(int statusCode) => statusCode switch
    {
        StatusCodes.Status200OK => Stored,
        StatusCodes.Status401Unauthorized => SignatureRejected,
        StatusCodes.Status400BadRequest => Malformed,
        StatusCodes.Status413PayloadTooLarge => TooLarge,
        StatusCodes.Status503ServiceUnavailable => Unavailable,
        StatusCodes.Status408RequestTimeout => TooSlow,
        _ => Error,
    };
}
