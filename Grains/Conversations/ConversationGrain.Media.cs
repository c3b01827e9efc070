using WaApp.Grains.Abstractions.Events;
using WaApp.Grains.Abstractions.Media;

namespace WaApp.Grains.Conversations;

/// <summary>
/// Media: once a message with a file is durable, its <see cref="IMediaGrain"/> is told to fetch it (one-way, after the
/// webhook's answer, never before); the outcome comes back as <see cref="RecordMediaAsync"/> and is stored as an event.
/// </summary>
public sealed partial class ConversationGrain
{
    // A one-way call can be lost (e.g. to a silo that just died) before the media grain stored the request: while
    // this conversation is active and has pending files, it repeats the call now and then. The media grain dedupes.
    private static readonly TimeSpan MediaNudgePeriod = TimeSpan.FromSeconds(20);

    private IGrainTimer? _mediaNudge;

    public Task<MessageMedia?> GetMediaAsync(string messageId) =>
        Task.FromResult(State.Media.GetValueOrDefault(messageId)?.ToView());

    public async Task RecordMediaAsync(MediaFetchOutcome outcome)
    {
        await ConfirmEvents();
        if (TentativeState.Media.GetValueOrDefault(outcome.MessageId) is not { } record || record.MediaId != outcome.MediaId)
        {
            return;
        }

        // A repeated outcome (a fetch that reports again after a restart) changes nothing.
        ConversationEvent? @event = outcome.Stored
            ? record.Status == MediaStatus.Stored ? null : new MediaStored(outcome.MessageId, outcome.MediaId, outcome.MimeType, outcome.Size ?? 0, outcome.Sha256)
            : record.Status != MediaStatus.Pending ? null : new MediaFailed(outcome.MessageId, outcome.MediaId, outcome.Error ?? "unknown error");
        if (@event is null)
        {
            return;
        }

        Raise(@event);
        await ConfirmEvents();
        ReportToBusiness();
    }

    public async Task<MessageMedia?> RetryMediaAsync(string messageId, string by)
    {
        await ConfirmEvents();
        if (TentativeState.Media.GetValueOrDefault(messageId) is not { } record)
        {
            return null;
        }

        if (record.Status == MediaStatus.Failed && record.MediaId.Length > 0)
        {
            Raise(new MediaRetried(messageId, by));
            await ConfirmEvents();
            ReportToBusiness();
        }
        else if (record.Status == MediaStatus.Pending)
        {
            // Still pending: nudge the fetch (it resumes if its silo was lost and its reminder has not fired yet).
            Fetch(messageId, record, retry: false);
        }

        return State.Media.GetValueOrDefault(messageId)?.ToView();
    }

    // For every confirmed event that makes a file pending, its fetch starts; the media grain dedupes repeats.
    private void StartMediaFetches(IReadOnlyList<ConversationEvent> events)
    {
        var media = State.Media;
        foreach (var @event in events)
        {
            switch (@event)
            {
                case MessageReceived received when media.GetValueOrDefault(received.Message.MessageId) is { Status: MediaStatus.Pending } record:
                    Fetch(received.Message.MessageId, record, retry: false);
                    break;
                case MessageImported imported when media.GetValueOrDefault(imported.Message.MessageId) is { Status: MediaStatus.Pending } record:
                    Fetch(imported.Message.MessageId, record, retry: false);
                    break;
                case MediaRetried retried when media.GetValueOrDefault(retried.MessageId) is { Status: MediaStatus.Pending } record:
                    Fetch(retried.MessageId, record, retry: true);
                    break;
            }
        }
    }

    private void NudgeMediaWhilePending()
    {
        _mediaNudge ??= this.RegisterGrainTimer(NudgePendingMediaAsync, new GrainTimerCreationOptions(MediaNudgePeriod, MediaNudgePeriod));
    }

    private Task NudgePendingMediaAsync()
    {
        var pending = State.Media.Where(static pair => pair.Value.Status == MediaStatus.Pending).ToList();
        if (pending.Count == 0)
        {
            _mediaNudge?.Dispose();
            _mediaNudge = null;
            return Task.CompletedTask;
        }

        foreach (var (messageId, record) in pending)
        {
            Fetch(messageId, record, retry: false);
        }

        return Task.CompletedTask;
    }

    private void Fetch(string messageId, MediaRecord record, bool retry)
    {
        NudgeMediaWhilePending();
        var request = new MediaFetchRequest(
            this.GetPrimaryKeyString(), messageId, Key.PhoneNumberId, record.MediaId, record.Kind, record.MimeType, record.Sha256, record.ReceivedAt, retry);
        GrainFactory.GetGrain<IMediaGrain>(IMediaGrain.KeyOf(Key.PhoneNumberId, record.MediaId)).FetchAsync(request).Ignore();
    }
}
