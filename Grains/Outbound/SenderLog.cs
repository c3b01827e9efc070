using Microsoft.Extensions.Logging;
using WaApp.Grains.Abstractions.Outbound;

namespace WaApp.Grains.Outbound;

/// <summary>Log events of <see cref="SenderGrain"/>. Recipients and texts are personal data: never logged here.</summary>
internal static partial class SenderLog
{
    [LoggerMessage(1, LogLevel.Information, "Sender {PhoneNumberId} started at {MessagesPerSecond} messages per second")]
    public static partial void Started(ILogger logger, string phoneNumberId, int messagesPerSecond);

    [LoggerMessage(2, LogLevel.Warning, "Sender {PhoneNumberId} rejected a {Lane} message: the lane already holds {Capacity} messages")]
    public static partial void QueueFull(ILogger logger, string phoneNumberId, SendLane lane, int capacity);

    [LoggerMessage(3, LogLevel.Warning, "Sender {PhoneNumberId} pauses the number for {Delay} after Graph error {Code} (attempt {Attempt})")]
    public static partial void NumberPaused(ILogger logger, string phoneNumberId, TimeSpan delay, int code, int attempt);

    [LoggerMessage(4, LogLevel.Information, "Sender {PhoneNumberId} holds one recipient for {Delay} after the pair rate limit (attempt {Attempt})")]
    public static partial void RecipientHeld(ILogger logger, string phoneNumberId, TimeSpan delay, int attempt);

    [LoggerMessage(5, LogLevel.Information, "Sender {PhoneNumberId} retries a message in {Delay} after Graph error {Code} (attempt {Attempt})")]
    public static partial void RetryScheduled(ILogger logger, string phoneNumberId, TimeSpan delay, int code, int attempt);

    [LoggerMessage(6, LogLevel.Warning, "Sender {PhoneNumberId} gave up on a message after {Attempts} attempts: Graph error {Code}")]
    public static partial void GaveUp(ILogger logger, string phoneNumberId, int attempts, int code);

    [LoggerMessage(7, LogLevel.Warning, "Sender {PhoneNumberId} dropped {Count} messages that waited longer than {MaxQueueTime}")]
    public static partial void Expired(ILogger logger, string phoneNumberId, int count, TimeSpan maxQueueTime);

    [LoggerMessage(8, LogLevel.Warning, "Sender {PhoneNumberId} refused a message before queueing it: {Problem}")]
    public static partial void Invalid(ILogger logger, string phoneNumberId, string problem);

    [LoggerMessage(9, LogLevel.Error, "Sender {PhoneNumberId} failed while sending a message; its outcome is unknown")]
    public static partial void SendCrashed(ILogger logger, string phoneNumberId, Exception exception);

    [LoggerMessage(10, LogLevel.Error, "Sender {PhoneNumberId} paused all sending after Graph error {Code} ({Waiting} messages wait); see the business's sending status")]
    public static partial void SendingPaused(ILogger logger, string phoneNumberId, int code, int waiting);

    [LoggerMessage(11, LogLevel.Warning, "Sender {PhoneNumberId} resumed sending because {Why} ({Waiting} messages wait)")]
    public static partial void SendingResumed(ILogger logger, string phoneNumberId, string why, int waiting);

    [LoggerMessage(12, LogLevel.Warning, "Sender {PhoneNumberId} could not store its sending pause; it holds until the activation ends")]
    public static partial void PauseNotStored(ILogger logger, string phoneNumberId, Exception exception);
}
