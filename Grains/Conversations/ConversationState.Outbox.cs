using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Events;
using WaApp.Grains.Outbound;

namespace WaApp.Grains.Conversations;

/// <summary>Outbox: the business's messages from queueing to Meta's answer, and retries.</summary>
public sealed partial class ConversationState
{
    [Id(30)]
    private Dictionary<string, OutboundRecord>? _outbox;

    /// <summary>Outbound messages by our message id.</summary>
    public IReadOnlyDictionary<string, OutboundRecord> Outbox
    {
        get => LazyCollections.View(_outbox);
        set => _outbox = LazyCollections.From(value);
    }

    [Id(31)]
    private Dictionary<string, string>? _idempotencyKeys;

    /// <summary>Our message id per caller idempotency key.</summary>
    public IReadOnlyDictionary<string, string> IdempotencyKeys
    {
        get => LazyCollections.View(_idempotencyKeys);
        set => _idempotencyKeys = LazyCollections.From(value);
    }

    [Id(32)]
    private Dictionary<string, string>? _outboundWamids;

    /// <summary>Our message id per wamid, for status webhooks of messages this conversation sent.</summary>
    public IReadOnlyDictionary<string, string> OutboundWamids
    {
        get => LazyCollections.View(_outboundWamids);
        set => _outboundWamids = LazyCollections.From(value);
    }

    /// <summary>Messages queued whose outcome is not recorded yet.</summary>
    public IEnumerable<OutboundRecord> PendingSends => Outbox.Values.Where(record => record.Outcome == OutboundRecord.Queued);

    public MessageRecord? FindMessage(string messageId) => Find(messageId);

    /// <summary>Our id of the message Meta calls <paramref name="wamid"/> (the wamid itself for inbound messages).</summary>
    public string MessageIdOfWamid(string wamid) => OutboundWamids.GetValueOrDefault(wamid) ?? wamid;

    /// <summary>
    /// The message a status is about: by wamid, or for one of our sends by its wamid or by the send id Meta echoes
    /// in <c>biz_opaque_callback_data</c>. The echo reconciles a send whose answer never came (status unknown):
    /// a status proves Meta accepted it.
    /// </summary>
    private MessageRecord? FindOutbound(StatusReport report)
    {
        if (OutboundWamids.TryGetValue(report.MessageId, out var sendId))
        {
            return Find(sendId);
        }

        if (report.BizOpaqueCallbackData is { } callback && Outbox.TryGetValue(callback, out var record) && record.Wamid is null)
        {
            record.Wamid = report.MessageId;
            record.Outcome = OutboundRecord.Accepted;
            (record.ErrorCode, record.ErrorTitle, record.ErrorDetails, record.ErrorClass) = (null, null, null, null);
            record.CompactIfSettled();
            LazyCollections.Map(ref _outboundWamids)[report.MessageId] = record.MessageId;
            return Find(record.MessageId);
        }

        return Find(report.MessageId);
    }

    private bool ApplyOutbox(ConversationEvent @event)
    {
        switch (@event)
        {
            case MessageQueued queued:
                Queue(queued);
                return true;
            case MessageSent sent when Outbox.TryGetValue(sent.MessageId, out var record):
                record.Outcome = OutboundRecord.Accepted;
                record.Wamid = sent.Wamid;
                record.CompactIfSettled();
                LazyCollections.Map(ref _outboundWamids)[sent.Wamid] = sent.MessageId;
                // Statuses can arrive before Meta's answer is recorded: they were kept under the wamid.
                SetStatus(sent.MessageId, Deliveries.GetValueOrDefault(sent.Wamid)?.Status ?? OutboundRecord.Accepted);
                return true;
            case MessageFailed failed when Outbox.TryGetValue(failed.MessageId, out var record):
                record.Outcome = OutboundRecord.Failed;
                (record.ErrorCode, record.ErrorTitle, record.ErrorDetails, record.ErrorClass) = (failed.Code, failed.Title, failed.Details, failed.Class);
                record.CompactIfSettled();
                SetStatus(failed.MessageId, OutboundRecord.Failed);
                return true;
            case MessageOutcomeUnknown unknown when Outbox.TryGetValue(unknown.MessageId, out var record):
                // An answer or a status that arrived first wins: "unknown" only replaces "queued".
                if (record.Outcome == OutboundRecord.Queued)
                {
                    record.Outcome = OutboundRecord.Unknown;
                    record.ErrorDetails = unknown.Reason;
                    SetStatus(unknown.MessageId, OutboundRecord.Unknown);
                }

                return true;
            case MessageRetried retried when Outbox.TryGetValue(retried.MessageId, out var record):
                record.Outcome = OutboundRecord.Queued;
                (record.ErrorCode, record.ErrorTitle, record.ErrorDetails, record.ErrorClass) = (null, null, null, null);
                record.Dispatches++;
                SetStatus(retried.MessageId, OutboundRecord.Queued);
                return true;
            case MessageMediaReuploaded reuploaded when Outbox.TryGetValue(reuploaded.MessageId, out var record):
                // Still queued: the same message goes out again, now naming the file's new id.
                record.MediaReuploaded = true;
                record.Content = record.Content is { } content ? OutboundMediaIds.WithMediaId(content, reuploaded.NewMediaId) : null;
                record.Dispatches++;
                return true;
            case MessageSent or MessageFailed or MessageOutcomeUnknown or MessageRetried or MessageMediaReuploaded:
                // The outbox entry is missing only if the log is corrupt; keep replaying the rest.
                return true;
            default:
                return false;
        }
    }

    private void Queue(MessageQueued queued)
    {
        if (Outbox.ContainsKey(queued.MessageId) || IdempotencyKeys.ContainsKey(queued.IdempotencyKey))
        {
            return;
        }

        LazyCollections.Map(ref _outbox)[queued.MessageId] = new OutboundRecord
        {
            MessageId = queued.MessageId,
            IdempotencyKey = queued.IdempotencyKey,
            To = queued.To,
            Content = queued.Content,
            Lane = queued.Lane,
            ReplyTo = queued.ReplyTo,
            Dispatches = 1,
            RequestFingerprint = SendFingerprint.Of(queued.Content, queued.Lane, queued.ReplyTo),
        };
        LazyCollections.Map(ref _idempotencyKeys)[queued.IdempotencyKey] = queued.MessageId;
        AddMessage(new MessageRecord
        {
            Id = queued.MessageId,
            Direction = MessageDirection.Outbound,
            Type = queued.Content.Type,
            Text = queued.Content.Preview,
            Timestamp = queued.RecordedAt,
            Status = OutboundRecord.Queued,
        });
        LastActivityAt = Max(LastActivityAt, queued.RecordedAt);
    }

    private void SetStatus(string messageId, string status)
    {
        if (FindMessage(messageId) is { } message)
        {
            message.Status = status;
        }
    }
}
