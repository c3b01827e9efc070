namespace WaApp.WebGateway.Webhooks;

/// <summary>Webhook log events. Never logs phone numbers or message text above Debug.</summary>
internal static partial class WebhookLog
{
    [LoggerMessage(EventId = 1001, EventName = "WebhookSignatureRejected", Level = LogLevel.Warning,
        Message = "Rejected a webhook POST with a missing or invalid X-Hub-Signature-256 ({BodyBytes} bytes).")]
    public static partial void SignatureRejected(ILogger logger, int bodyBytes);

    [LoggerMessage(EventId = 1002, EventName = "WebhookBodyTooLarge", Level = LogLevel.Warning,
        Message = "Rejected a webhook POST larger than {LimitBytes} bytes.")]
    public static partial void BodyTooLarge(ILogger logger, int limitBytes);

    [LoggerMessage(EventId = 1003, EventName = "WebhookMalformed", Level = LogLevel.Warning,
        Message = "Rejected a signed webhook that is not a WhatsApp envelope: {Reason}")]
    public static partial void Malformed(ILogger logger, string reason);

    [LoggerMessage(EventId = 1004, EventName = "WebhookStored", Level = LogLevel.Debug,
        Message = "Stored a webhook with {UpdateCount} updates for {GrainCount} conversations and business accounts.")]
    public static partial void Stored(ILogger logger, int updateCount, int grainCount);

    [LoggerMessage(EventId = 1005, EventName = "WebhookStorageTooSlow", Level = LogLevel.Error,
        Message = "Answering 503: updates for {GrainCount} conversations and business accounts were not stored within {Timeout}; Meta will retry.")]
    public static partial void StorageTooSlow(ILogger logger, int grainCount, TimeSpan timeout);

    [LoggerMessage(EventId = 1006, EventName = "WebhookDispatchFailed", Level = LogLevel.Error,
        Message = "Answering 503: storing updates for {GrainCount} conversations and business accounts failed; Meta will retry.")]
    public static partial void DispatchFailed(ILogger logger, int grainCount, Exception exception);

    [LoggerMessage(EventId = 1007, EventName = "WebhookVerificationRefused", Level = LogLevel.Warning,
        Message = "Refused a webhook verification handshake (mode '{Mode}').")]
    public static partial void VerificationRefused(ILogger logger, string mode);

    [LoggerMessage(EventId = 1008, EventName = "WebhookNotWhatsApp", Level = LogLevel.Warning,
        Message = "Acknowledged and ignored a signed webhook for object '{Object}', not whatsapp_business_account.")]
    public static partial void NotWhatsApp(ILogger logger, string @object);

    [LoggerMessage(EventId = 1009, EventName = "WebhookDashboardSampleIgnored", Level = LogLevel.Information,
        Message = "Acknowledged and ignored {EntryCount} App Dashboard test entries (entry id 0).")]
    public static partial void DashboardSampleIgnored(ILogger logger, int entryCount);

    [LoggerMessage(EventId = 1010, EventName = "WebhookUpdateUnroutable", Level = LogLevel.Warning,
        Message = "Acknowledged a '{Field}' update that cannot be routed: {Reason}")]
    public static partial void Unroutable(ILogger logger, string field, string reason);

    [LoggerMessage(EventId = 1011, EventName = "WebhookBodyNotReceived", Level = LogLevel.Warning,
        Message = "Answering {StatusCode}: the webhook body did not arrive (slower than the minimum data rate, or shorter than announced).")]
    public static partial void BodyNotReceived(ILogger logger, int statusCode);
}
