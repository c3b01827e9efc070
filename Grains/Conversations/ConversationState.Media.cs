using WaApp.Grains.Abstractions.Events;
using WaApp.Grains.Abstractions.Media;

namespace WaApp.Grains.Conversations;

/// <summary>Media: each inbound file's way from <c>pending</c> (the message arrived) to <c>stored</c> or <c>failed</c>.</summary>
public sealed partial class ConversationState
{
    /// <summary>Files of inbound messages by wamid.</summary>
    [Id(50)]
    public Dictionary<string, MediaRecord> Media { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Why a file whose webhook named an impossible media id is failed.</summary>
    public const string InvalidMediaIdError = "invalid media id: the webhook named an id longer than any Meta media id, so the file cannot be fetched";

    /// <summary>A new inbound message with a file: pending until its fetch ends.</summary>
    private void TrackMedia(MessageReceived received)
    {
        var message = received.Message;
        if (message.Content?.Media is { InvalidMediaId: true } invalid && !Media.ContainsKey(message.MessageId))
        {
            // Nothing can be fetched under that id: the agent sees a failed file (never retried) instead of none.
            Media[message.MessageId] = new MediaRecord
            {
                MediaId = string.Empty,
                Kind = invalid.Kind,
                Status = MediaStatus.Failed,
                MimeType = invalid.MimeType,
                Filename = invalid.Filename,
                Caption = invalid.Caption,
                Error = InvalidMediaIdError,
                ReceivedAt = message.Timestamp,
            };
            return;
        }

        if (message.Content?.Media is not { MediaId: { Length: > 0 } mediaId } media || Media.ContainsKey(message.MessageId))
        {
            return;
        }

        Media[message.MessageId] = new MediaRecord
        {
            MediaId = mediaId,
            Kind = media.Kind,
            MimeType = media.MimeType,
            Sha256 = media.Sha256,
            Filename = media.Filename,
            Caption = media.Caption,
            ReceivedAt = message.Timestamp,
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
