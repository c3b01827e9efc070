using Microsoft.Extensions.Logging;

namespace WaApp.Grains.Conversations;

/// <summary>Log events of conversation grains; streams are named masked, never with the customer's id.</summary>
internal static partial class ConversationLog
{
    [LoggerMessage(EventId = 5101, EventName = "ConversationUpdateRefused", Level = LogLevel.Warning,
        Message = "Refused a {UpdateType} for {Stream}: {Bytes} bytes even reduced, more than one commit can hold; the rest of the webhook is stored")]
    public static partial void UpdateRefused(ILogger logger, string stream, string updateType, int bytes);

    [LoggerMessage(EventId = 5102, EventName = "ReadReceiptNotSent", Level = LogLevel.Information,
        Message = "A read receipt was not sent: {Reason}")]
    public static partial void ReadReceiptNotSent(ILogger logger, string reason);

    [LoggerMessage(EventId = 5103, EventName = "ConversationIdentityNotSettled", Level = LogLevel.Warning,
        Message = "A new conversation could not learn yet whether its customer was already known by their business-scoped user id; its reports and automatic replies wait and it tries again")]
    public static partial void IdentityNotSettled(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5104, EventName = "ConversationHandedOver", Level = LogLevel.Information,
        Message = "A new conversation belonged to a customer known by their business-scoped user id: {Count} updates handed over, it forwards from now on")]
    public static partial void HandedOver(ILogger logger, int count);

    [LoggerMessage(EventId = 5105, EventName = "MediaReuploadFailed", Level = LogLevel.Warning,
        Message = "A media message of {PhoneNumberId} named an id Meta no longer holds and its file could not be uploaded again: {Reason}")]
    public static partial void MediaReuploadFailed(ILogger logger, string phoneNumberId, string reason);
}
