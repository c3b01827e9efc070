using Microsoft.Extensions.Logging;

namespace WaApp.Grains.Media;

/// <summary>Log events of inbound file fetches. Media ids and business numbers only: never the customer or the file.</summary>
internal static partial class MediaLog
{
    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Stored media {MediaId} of {PhoneNumberId} ({Size} bytes) after {Attempts} attempt(s)")]
    public static partial void Stored(ILogger logger, string mediaId, string phoneNumberId, long size, int attempts);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "Fetching media {MediaId} of {PhoneNumberId} failed on attempt {Attempt}; retrying in {Delay}: {Reason}")]
    public static partial void Retrying(ILogger logger, string mediaId, string phoneNumberId, int attempt, TimeSpan delay, string reason);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Warning, Message = "Media {MediaId} of {PhoneNumberId} cannot be stored: {Reason}")]
    public static partial void Failed(ILogger logger, string mediaId, string phoneNumberId, string reason);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Warning, Message = "Telling the conversation about media {MediaId} failed; the reminder repeats it")]
    public static partial void ReportFailed(ILogger logger, Exception exception, string mediaId);
}
