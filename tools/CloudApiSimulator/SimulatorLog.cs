using WaApp.CloudApiSimulator.Sending;

namespace WaApp.CloudApiSimulator;

/// <summary>Log events of the simulator. Recipients and texts stay at Debug, like in WaApp itself.</summary>
internal static partial class SimulatorLog
{
    [LoggerMessage(1, LogLevel.Information, "Accepted a {MessageType} message from {PhoneNumberId}")]
    public static partial void MessageAccepted(ILogger logger, string messageType, string phoneNumberId);

    [LoggerMessage(2, LogLevel.Information, "Refused a send from {PhoneNumberId} with code {Code}: {Details}")]
    public static partial void MessageRefused(ILogger logger, string phoneNumberId, int code, string? details);

    [LoggerMessage(3, LogLevel.Information, "Injected fault {Fault} into a send from {PhoneNumberId}")]
    public static partial void FaultInjected(ILogger logger, FaultKind fault, string phoneNumberId);

    [LoggerMessage(4, LogLevel.Information, "Injected an inbound message to {PhoneNumberId}; gateway answered {WebhookStatus}")]
    public static partial void InboundInjected(ILogger logger, string phoneNumberId, int? webhookStatus);

    [LoggerMessage(5, LogLevel.Debug, "Webhook {Kind} {Status} delivered with HTTP {ResponseStatus} on attempt {Attempt}")]
    public static partial void WebhookDelivered(ILogger logger, string kind, string? status, int responseStatus, int attempt);

    [LoggerMessage(6, LogLevel.Warning, "Webhook {Kind} {Status} not acknowledged (HTTP {ResponseStatus}, {Failure}) on attempt {Attempt} of {Attempts}")]
    public static partial void WebhookFailed(ILogger logger, string kind, string? status, int? responseStatus, string? failure, int attempt, int attempts);

    [LoggerMessage(7, LogLevel.Debug, "No Simulator:WebhookUrl is configured; the {Kind} webhook is not sent")]
    public static partial void WebhookSkipped(ILogger logger, string kind);

    [LoggerMessage(8, LogLevel.Error, "Playing the statuses of a message from {PhoneNumberId} failed")]
    public static partial void StatusPlaybackFailed(ILogger logger, Exception exception, string phoneNumberId);

    [LoggerMessage(9, LogLevel.Information, "Cloud API simulator listening on {Addresses}; webhooks go to {WebhookUrl}")]
    public static partial void Listening(ILogger logger, string addresses, string webhookUrl);

    [LoggerMessage(10, LogLevel.Information, "Injected a {Kind} webhook to {PhoneNumberId}; gateway answered {WebhookStatus}")]
    public static partial void TimelineInjected(ILogger logger, string kind, string phoneNumberId, int? webhookStatus);

    [LoggerMessage(12, LogLevel.Information, "Injected media fault {Fault} into a download")]
    public static partial void MediaFaultInjected(ILogger logger, WaApp.CloudApiSimulator.Media.MediaFaultKind fault);

    [LoggerMessage(13, LogLevel.Information, "Stored an uploaded {MimeType} file of {Size} bytes for {PhoneNumberId}")]
    public static partial void MediaUploaded(ILogger logger, string phoneNumberId, string mimeType, long size);
}
