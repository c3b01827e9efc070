using System.Globalization;
using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Events;
using WaApp.Grains.Rules;

namespace WaApp.Grains.Conversations;

/// <summary>
/// The timeline beyond plain messages: the customer's edits and deletions, call log entries, messages that did not go
/// through WaApp (Business app echoes, imported history) and group events. None of them is a customer writing anew:
/// they never move the 24-hour window, never bump the unread count and never get automatic replies.
/// </summary>
public sealed partial class ConversationState
{
    [Id(40)]
    private Dictionary<string, List<PendingChange>>? _pendingChanges;

    /// <summary>Edits and deletions of messages this conversation has not seen yet, by the edited message's wamid.</summary>
    public IReadOnlyDictionary<string, List<PendingChange>> PendingChanges
    {
        get => LazyCollections.View(_pendingChanges);
        set => _pendingChanges = LazyCollections.From(value);
    }

    /// <summary>True when this call event was already applied (a redelivery).</summary>
    public bool HasCallEvent(CallReport call) => MessageIds.Contains(CallEventKey(call));

    private bool ApplyTimeline(ConversationEvent @event)
    {
        switch (@event)
        {
            case MessageEdited edited:
                ApplyEdit(edited.Edit);
                return true;
            case MessageRevoked revoked:
                ApplyRevoke(revoked.Revoke);
                return true;
            case CallLogged call:
                ApplyCall(call.Call);
                return true;
            case MessageImported imported:
                ApplyImported(imported.Message);
                return true;
            case GroupEventRecorded group:
                ApplyGroupEvent(group.Event);
                return true;
            default:
                return false;
        }
    }

    private void ApplyEdit(MessageEditReport edit)
    {
        if (!MessageIds.Add(edit.MessageId))
        {
            return;
        }

        if (Find(edit.OriginalMessageId) is { } message)
        {
            Edit(message, edit);
        }
        else
        {
            // Meta does not order webhooks: the edit is kept and applied when the message arrives.
            Pending(edit.OriginalMessageId).Add(new PendingChange { Edit = edit });
        }
    }

    private void ApplyRevoke(MessageRevokeReport revoke)
    {
        if (!MessageIds.Add(revoke.MessageId))
        {
            return;
        }

        if (Find(revoke.OriginalMessageId) is { } message)
        {
            Delete(message, revoke.Timestamp);
        }
        else
        {
            Pending(revoke.OriginalMessageId).Add(new PendingChange { Revoke = revoke });
        }
    }

    /// <summary>Edits and deletions that arrived before <paramref name="message"/>, applied in the customer's order.</summary>
    private void ApplyPendingChanges(MessageRecord message)
    {
        if (_pendingChanges is not { Count: > 0 } || !_pendingChanges.Remove(message.Id, out var changes))
        {
            return;
        }

        foreach (var change in changes.OrderBy(static change => change.Timestamp))
        {
            if (change.Revoke is { } revoke)
            {
                Delete(message, revoke.Timestamp);
            }
            else if (change.Edit is { } edit)
            {
                Edit(message, edit);
            }
        }
    }

    private static void Edit(MessageRecord message, MessageEditReport edit)
    {
        if (message.DeletedAt is not null)
        {
            return;
        }

        message.Edits ??= [];
        var shownSince = message.EditedAt ?? message.Timestamp;
        if (edit.Timestamp >= shownSince)
        {
            message.Edits.Add(new MessageVersion { Text = message.Text, At = shownSince });
            message.Text = edit.Text;
            message.Content = edit.Content ?? message.Content;
            message.EditedAt = edit.Timestamp;
        }
        else
        {
            // An older edit arriving late is history, not the current text.
            message.Edits.Add(new MessageVersion { Text = edit.Text, At = edit.Timestamp });
            message.Edits.Sort(static (a, b) => a.At.CompareTo(b.At));
        }
    }

    private static void Delete(MessageRecord message, DateTimeOffset at)
    {
        message.DeletedAt ??= at;
        message.Content = null;
        message.Text = null;
        message.Edits = null;
    }

    /// <summary>
    /// Edits and deletions of messages never seen are kept up to this many messages; beyond, the oldest wait is given
    /// up (its event stays in the log), so edits of messages from before WaApp cannot grow the state without bound.
    /// </summary>
    public const int MaxPendingChanges = 1000;

    private List<PendingChange> Pending(string messageId)
    {
        var pending = LazyCollections.Map(ref _pendingChanges);
        if (!pending.TryGetValue(messageId, out var changes))
        {
            if (pending.Count >= MaxPendingChanges)
            {
                // Deterministic (the same on every replay): the entry whose change is the oldest goes.
                var oldest = pending.MinBy(static pair => (pair.Value.Min(static change => change.Timestamp), pair.Key))!.Key;
                pending.Remove(oldest);
            }

            pending[messageId] = changes = [];
        }

        return changes;
    }

    private void ApplyCall(CallReport call)
    {
        if (!MessageIds.Add(CallEventKey(call)))
        {
            return;
        }

        if (Find(call.CallId) is not { } record)
        {
            record = new MessageRecord
            {
                Id = call.CallId,
                Direction = call.Incoming ? MessageDirection.Inbound : MessageDirection.Outbound,
                Type = MessageTypes.Call,
                Timestamp = call.StartedAt ?? call.Timestamp,
            };
            AddMessage(record);
        }

        var log = NextCallLog(record.Content?.Call, call);
        record.Content = new MessageContent { Call = log };
        record.Text = CallText(log);
        record.Status = log.Outcome;
        LastActivityAt = Max(LastActivityAt, call.Timestamp);
    }

    /// <summary>
    /// The call log after one more event. Events of one call may arrive in any order: once the call ended
    /// (terminate), a late connect or status changes nothing.
    /// </summary>
    private static CallLog NextCallLog(CallLog? current, CallReport call)
    {
        var direction = call.Incoming ? CallLog.Incoming : CallLog.Outgoing;
        var ended = current?.EndedAt is not null;
        var status = call.Status?.ToUpperInvariant();
        switch (call.Event)
        {
            case "terminate":
                var duration = call.DurationSeconds is > 0 ? call.DurationSeconds : null;
                var outcome = duration is not null ? CallLog.Connected
                    : current?.Outcome == CallLog.Rejected ? CallLog.Rejected
                    : CallLog.Missed;
                return new CallLog(direction, outcome, duration, call.StartedAt ?? current?.StartedAt, call.EndedAt ?? call.Timestamp);
            case "status" when !ended && status == "ACCEPTED":
                return new CallLog(direction, CallLog.Connected, null, current?.StartedAt ?? call.Timestamp, null);
            case "status" when !ended && status == "REJECTED":
                return new CallLog(direction, CallLog.Rejected, null, current?.StartedAt, null);
            default:
                return current ?? new CallLog(direction, CallLog.Ringing, null, call.StartedAt, null);
        }
    }

    private static string CallText(CallLog log)
    {
        var who = log.Direction == CallLog.Incoming ? "Incoming call" : "Outgoing call";
        return log.DurationSeconds is { } seconds
            ? string.Create(CultureInfo.InvariantCulture, $"{who}, {log.Outcome}, {seconds / 60}:{seconds % 60:00}")
            : $"{who}, {log.Outcome}";
    }

    private static string CallEventKey(CallReport call) => $"{call.CallId}#{call.Event}#{call.Status}";

    private void ApplyImported(ImportedMessage imported)
    {
        if (MessageIds.Contains(imported.MessageId))
        {
            return;
        }

        AddMessage(new MessageRecord
        {
            Id = imported.MessageId,
            Direction = imported.Direction,
            Type = imported.Type,
            Text = imported.Text,
            Timestamp = imported.Timestamp,
            Status = imported.Status ?? (imported.Direction == MessageDirection.Inbound ? MessageRecord.ReceivedStatus : "sent"),
            Content = imported.Content,
            Origin = imported.Origin,
        });
        TrackMedia(imported.MessageId, imported.Content, imported.Timestamp);
        LastActivityAt = Max(LastActivityAt, imported.Timestamp);
    }

    private void ApplyGroupEvent(GroupEventReport group)
    {
        if (MessageIds.Contains(group.EventId))
        {
            return;
        }

        AddMessage(new MessageRecord
        {
            Id = group.EventId,
            Direction = MessageDirection.Inbound,
            Type = MessageTypes.GroupEvent,
            Text = group.Summary,
            Timestamp = group.Timestamp,
        });
        ProfileName = group.Subject ?? ProfileName;
        LastActivityAt = Max(LastActivityAt, group.Timestamp);
    }
}

/// <summary>An edit or deletion waiting for the message it is about.</summary>
[GenerateSerializer, Alias("waapp.PendingChange")]
public sealed class PendingChange
{
    [Id(0)]
    public MessageEditReport? Edit { get; set; }

    [Id(1)]
    public MessageRevokeReport? Revoke { get; set; }

    [System.Text.Json.Serialization.JsonIgnore]
    public DateTimeOffset Timestamp => Revoke?.Timestamp ?? Edit?.Timestamp ?? DateTimeOffset.MinValue;
}
