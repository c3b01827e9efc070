using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Events;
using WaApp.Grains.Abstractions.Media;

namespace WaApp.Grains.Conversations;

/// <summary>Media: each inbound file's way from <c>pending</c> (the message arrived) to <c>stored</c> or <c>failed</c>.</summary>
public sealed partial class ConversationState
{
    [Id(50)]
    private Dictionary<string, MediaRecord>? _media;

    /// <summary>Files of inbound messages by wamid.</summary>
    public IReadOnlyDictionary<string, MediaRecord> Media
    {
        get => LazyCollections.View(_media);
        set => _media = LazyCollections.From(value);
    }

    /// <summary>Why a file whose webhook named an impossible media id is failed.</summary>
    public const string InvalidMediaIdError = "invalid media id: the webhook named an id longer than any Meta media id, so the file cannot be fetched";

    /// <summary>A new inbound message with a file: pending until its fetch ends.</summary>
    private void TrackMedia(MessageReceived received) =>
        TrackMedia(received.Message.MessageId, received.Message.Content, received.Message.Timestamp);

    /// <summary>
    /// A message with a file from any source: a customer's, or an echo or history message of the WhatsApp Business
    /// app (coexistence), whose media ids Meta serves the same way. Pending until its fetch ends.
    /// </summary>
    private void TrackMedia(string messageId, MessageContent? content, DateTimeOffset timestamp)
    {
        if (content?.Media is { InvalidMediaId: true } invalid && !Media.ContainsKey(messageId))
        {
            // Nothing can be fetched under that id: the agent sees a failed file (never retried) instead of none.
            LazyCollections.Map(ref _media)[messageId] = new MediaRecord
            {
                MediaId = string.Empty,
                Kind = invalid.Kind,
                Status = MediaStatus.Failed,
                MimeType = invalid.MimeType,
                Filename = invalid.Filename,
                Caption = invalid.Caption,
                Error = InvalidMediaIdError,
                ReceivedAt = timestamp,
            };
            return;
        }

        if (content?.Media is not { MediaId: { Length: > 0 } mediaId } media || Media.ContainsKey(messageId))
        {
            return;
        }

        LazyCollections.Map(ref _media)[messageId] = new MediaRecord
        {
            MediaId = mediaId,
            Kind = media.Kind,
            MimeType = media.MimeType,
            Sha256 = media.Sha256,
            Filename = media.Filename,
            Caption = media.Caption,
            ReceivedAt = timestamp,
        };
    }

    /// <summary>Applies the media events; false for events this flow does not own.</summary>
    private bool ApplyMedia(ConversationEvent @event)
    {
        switch (@event)
        {
            case MediaStored stored when Media.TryGetValue(stored.MessageId, out var record):
                record.Status = MediaStatus.Stored;
                record.MimeType = stored.MimeType ?? record.MimeType;
                record.Size = stored.Size;
                record.Sha256 = stored.Sha256 ?? record.Sha256;
                record.Error = null;
                return true;
            case MediaFailed failed when Media.TryGetValue(failed.MessageId, out var record):
                record.Status = MediaStatus.Failed;
                record.Error = failed.Reason;
                return true;
            case MediaRetried retried when Media.TryGetValue(retried.MessageId, out var record) && record.MediaId.Length > 0:
                record.Status = MediaStatus.Pending;
                record.Error = null;
                return true;
            case MediaStored or MediaFailed or MediaRetried:
                // About a message this state never tracked (e.g. a history replay): nothing to change.
                return true;
            default:
                return false;
        }
    }
}
