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

    [LoggerMessage(EventId = 5103, EventName = "MediaReuploadFailed", Level = LogLevel.Warning,
        Message = "A media message of {PhoneNumberId} named an id Meta no longer holds and its file could not be uploaded again: {Reason}")]
    public static partial void MediaReuploadFailed(ILogger logger, string phoneNumberId, string reason);
}
