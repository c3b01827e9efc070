using Microsoft.Extensions.Logging;

namespace WaApp.WhatsApp.Graph;

/// <summary>Log events of the Graph API client. Recipients and texts are personal data: never logged here.</summary>
internal static partial class GraphApiLog
{
    [LoggerMessage(1, LogLevel.Debug, "Graph API accepted a {MessageType} message from {PhoneNumberId}")]
    public static partial void Accepted(ILogger logger, string messageType, string phoneNumberId);

    [LoggerMessage(2, LogLevel.Warning, "Graph API refused a {MessageType} message from {PhoneNumberId}: code {Code} ({ErrorClass}), HTTP {HttpStatus}, trace {FbTraceId}")]
    public static partial void Refused(ILogger logger, string messageType, string phoneNumberId, int code, GraphErrorClass errorClass, int? httpStatus, string? fbTraceId);

    [LoggerMessage(3, LogLevel.Warning, "Graph API outcome of a {MessageType} message from {PhoneNumberId} is unknown: {Reason}")]
    public static partial void OutcomeUnknown(ILogger logger, string messageType, string phoneNumberId, string reason);

    [LoggerMessage(4, LogLevel.Warning, "Graph API could not be reached for {PhoneNumberId}: {Reason}")]
    public static partial void Unreachable(ILogger logger, string phoneNumberId, string reason);

    [LoggerMessage(5, LogLevel.Error, "No WhatsApp access token is configured (WhatsApp__AccessToken); nothing can be sent from {PhoneNumberId}")]
    public static partial void NoAccessToken(ILogger logger, string phoneNumberId);
}
