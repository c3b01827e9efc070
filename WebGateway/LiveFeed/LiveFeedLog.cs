namespace WaApp.WebGateway.LiveFeed;

/// <summary>Live feed log events; subscriptions name business ids only, never customers' numbers.</summary>
internal static partial class LiveFeedLog
{
    [LoggerMessage(EventId = 3001, EventName = "LiveSocketOpened", Level = LogLevel.Information,
        Message = "Live feed socket opened watching {BusinessCount} businesses and {ConversationCount} conversations; {SocketCount} open.")]
    public static partial void Opened(ILogger logger, int businessCount, int conversationCount, int socketCount);

    [LoggerMessage(EventId = 3002, EventName = "LiveSocketClosed", Level = LogLevel.Information,
        Message = "Live feed socket closed after {FramesSent} frames; {SocketCount} open.")]
    public static partial void Closed(ILogger logger, long framesSent, int socketCount);

    [LoggerMessage(EventId = 3003, EventName = "LiveSocketTooSlow", Level = LogLevel.Warning,
        Message = "Disconnecting a live feed socket that fell behind ({WaitingFrames} frames waiting).")]
    public static partial void TooSlow(ILogger logger, int waitingFrames);

    [LoggerMessage(EventId = 3004, EventName = "LiveFeedRegistrationFailed", Level = LogLevel.Warning,
        Message = "Could not register this gateway's live feed with the cluster ({ExceptionType}); retrying.")]
    public static partial void RegistrationFailed(ILogger logger, string exceptionType);
}
