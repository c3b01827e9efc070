namespace WaApp.WebGateway.Webhooks;

internal static partial class WebhookLog
{
    // In its own file: the identity resolver's one message, next to the webhook log it belongs to.
    [LoggerMessage(EventId = 1040, EventName = "WebhookIdentitiesUnavailable", Level = LogLevel.Error,
        Message = "Answering 503: the alias index could not resolve or record the customers' identities in time; Meta will retry.")]
    public static partial void IdentitiesUnavailable(ILogger logger, Exception exception);
}
