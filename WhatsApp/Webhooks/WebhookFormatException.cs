namespace WaApp.WhatsApp.Webhooks;

/// <summary>An authentic webhook body that is not JSON, or not a WhatsApp Business Account envelope.</summary>
public sealed class WebhookFormatException(string message, Exception? innerException = null) : Exception(message, innerException);
