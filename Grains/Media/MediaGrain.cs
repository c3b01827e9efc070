using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Media;
using WaApp.WhatsApp.Graph.Media;

namespace WaApp.Grains.Media;

/// <summary>
/// Fetches one customer file into the bucket: ask Meta for a fresh URL, download with the bearer token, verify the
/// sha256, store, and tell the conversation. Durable work: the request is stored and a reminder is registered before the
/// first attempt, so a fetch survives silo restarts and resumes until Meta's media id expires (7 days). Transient
/// failures retry with exponential backoff (a grain timer, with the reminder as the safety net); an expired download
/// URL is refreshed at once. An expired media id, a file over Meta's limit for its type, or a sha256 mismatch end the
/// fetch as failed: retrying cannot change them (an agent can ask again).
/// </summary>
public sealed class MediaGrain(
    [PersistentState("media")] IPersistentState<MediaFetchState> state,
    IGraphMediaClient graph,
    IMediaObjectStore store,
    IOptionsMonitor<MediaFetchOptions> options,
    TimeProvider clock,
    ILogger<MediaGrain> logger) : Grain, IMediaGrain, IRemindable
{
    private const string ReminderName = "media-fetch";

    private IGrainTimer? _retryTimer;

    public async Task FetchAsync(MediaFetchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var current = state.State;
        var startOver = current.Request is null || (request.Retry && current.Outcome is { Stored: false });
        if (startOver)
        {
            state.State = new MediaFetchState { Request = request, NextAttemptAt = clock.GetUtcNow() };
            await state.WriteStateAsync();
            await this.RegisterOrUpdateReminder(ReminderName, options.CurrentValue.ReminderPeriod, options.CurrentValue.ReminderPeriod);
        }

        await ProgressAsync();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => ProgressAsync();

    /// <summary>Whatever is next: an attempt when one is due, the report of an ended fetch, or nothing.</summary>
    private async Task ProgressAsync()
    {
        var current = state.State;
        if (current.Request is null)
        {
            await StopReminderAsync();
            return;
        }

        if (current.Outcome is null && clock.GetUtcNow() >= current.NextAttemptAt)
        {
            await AttemptAsync(current.Request);
        }

        if (state.State.Outcome is not null && !state.State.Reported)
        {
            await ReportAsync();
        }
    }

    private async Task AttemptAsync(MediaFetchRequest request)
    {
        var settings = options.CurrentValue;
        var current = state.State;
        current.Attempts++;
        using var timeout = new CancellationTokenSource(settings.AttemptTimeout);
        var result = await TryFetchAsync(request, timeout.Token);
        switch (result)
        {
            case Attempt.Done done:
                current.Outcome = done.Outcome;
                if (done.Outcome.Stored)
                {
                    MediaLog.Stored(logger, request.MediaId, request.PhoneNumberId, done.Outcome.Size ?? 0, current.Attempts);
                }
                else
                {
                    MediaLog.Failed(logger, request.MediaId, request.PhoneNumberId, done.Outcome.Error ?? string.Empty);
                }

                break;
            case Attempt.Transient transient when clock.GetUtcNow() >= request.ReceivedAt + settings.MediaIdLifetime:
                current.Outcome = Failure(request, $"gave up after {current.Attempts} attempts: {transient.Reason}");
                MediaLog.Failed(logger, request.MediaId, request.PhoneNumberId, current.Outcome.Error!);
                break;
            case Attempt.Transient transient:
                var delay = Backoff(settings, current.Attempts);
                current.LastError = transient.Reason;
                current.NextAttemptAt = clock.GetUtcNow() + delay;
                MediaLog.Retrying(logger, request.MediaId, request.PhoneNumberId, current.Attempts, delay, transient.Reason);
                _retryTimer?.Dispose();
                _retryTimer = this.RegisterGrainTimer(ProgressAsync, new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
                break;
        }

        await state.WriteStateAsync();
    }

    private async Task<Attempt> TryFetchAsync(MediaFetchRequest request, CancellationToken cancellationToken)
    {
        try
        {
            // Stored by an earlier attempt that was cut short before it could say so (a silo killed after the write).
            if (await store.FindAsync(request.PhoneNumberId, request.MediaId, cancellationToken) is { } stored
                && (request.Sha256 is null || stored.Sha256 == request.Sha256))
            {
                return new Attempt.Done(new MediaFetchOutcome(request.MessageId, request.MediaId, true, stored.ContentType, stored.Size, stored.Sha256, null));
            }

            var limit = MediaLimits.MaxBytesFor(request.Kind);
            // A download URL lives about 5 minutes: an expired one is replaced by asking Meta again, once.
            for (var lookups = 0; lookups < 2; lookups++)
            {
                switch (await graph.GetMediaAsync(request.MediaId, request.PhoneNumberId, cancellationToken))
                {
                    case MediaLookup.Gone gone:
                        return new Attempt.Done(Failure(request, $"media expired or unknown at Meta ({gone.Reason})"));
                    case MediaLookup.Failed failed:
                        return new Attempt.Transient(failed.Reason);
                    case MediaLookup.Found found:
                        if (found.FileSize > limit)
                        {
                            return new Attempt.Done(Failure(request, $"too large: {found.FileSize} bytes, the limit for {request.Kind} is {limit}"));
                        }

                        if (request.Sha256 is { } expected && found.Sha256 is { } reported && expected != reported)
                        {
                            return new Attempt.Done(Failure(request, "sha256 mismatch (the webhook and Meta's media lookup disagree)"));
                        }

                        using (var buffer = new MemoryStream())
                        {
                            switch (await graph.DownloadAsync(found.Url, limit, buffer, cancellationToken))
                            {
                                case MediaDownload.UrlExpired:
                                    continue;
                                case MediaDownload.TooLarge:
                                    return new Attempt.Done(Failure(request, $"too large: more than {limit} bytes, the limit for {request.Kind}"));
                                case MediaDownload.Failed failed:
                                    return new Attempt.Transient(failed.Reason);
                            }

                            var sha256 = Convert.ToBase64String(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
                            var expectedSha = request.Sha256 ?? found.Sha256;
                            if (expectedSha is not null && expectedSha != sha256)
                            {
                                return new Attempt.Done(Failure(request, "sha256 mismatch"));
                            }

                            // Content type from Meta, never from a file name the customer chose.
                            var contentType = found.MimeType ?? request.MimeType ?? "application/octet-stream";
                            buffer.Position = 0;
                            await store.StoreAsync(request.PhoneNumberId, request.MediaId, buffer, contentType, sha256, cancellationToken);
                            return new Attempt.Done(new MediaFetchOutcome(request.MessageId, request.MediaId, true, contentType, buffer.Length, sha256, null));
                        }
                }
            }

            return new Attempt.Transient("the download URL expired twice in a row");
        }
        catch (OperationCanceledException)
        {
            return new Attempt.Transient("the attempt timed out");
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Storage errors (S3 unavailable, throttled): the bytes are fetched again next time.
            return new Attempt.Transient($"{exception.GetType().Name}: {exception.Message}");
        }
    }

    private async Task ReportAsync()
    {
        var outcome = state.State.Outcome!;
        try
        {
            await GrainFactory.GetGrain<IConversationGrain>(state.State.Request!.Conversation).RecordMediaAsync(outcome);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The reminder comes back and repeats the report; the conversation ignores a repeat.
            MediaLog.ReportFailed(logger, exception, outcome.MediaId);
            return;
        }

        state.State.Reported = true;
        await state.WriteStateAsync();
        await StopReminderAsync();
    }

    private async Task StopReminderAsync()
    {
        _retryTimer?.Dispose();
        _retryTimer = null;
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private static TimeSpan Backoff(MediaFetchOptions settings, int attempts)
    {
        var factor = Math.Pow(2, Math.Min(attempts - 1, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(settings.FirstRetryDelay.Ticks * factor, settings.MaxRetryDelay.Ticks));
        return delay;
    }

    private static MediaFetchOutcome Failure(MediaFetchRequest request, string reason) =>
        new(request.MessageId, request.MediaId, false, null, null, null, reason);

    private abstract record Attempt
    {
        public sealed record Done(MediaFetchOutcome Outcome) : Attempt;

        public sealed record Transient(string Reason) : Attempt;
    }
}
