namespace WaApp.WhatsApp.Webhooks;

/// <summary>
/// The body is not a WhatsApp webhook envelope: invalid JSON, not a JSON object, or missing <c>object</c> or
/// <c>entry</c>. The gateway answers 400. Problems inside single items never raise it: those are kept raw.
/// </summary>
public sealed class WebhookFormatException : FormatException
{
    public WebhookFormatException(string message)
        : base(message)
    {
    }

    public WebhookFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
