using WaApp.EventSourcing.Grains;
using WaApp.EventSourcing.Storage;
using WaApp.EventSourcing.Streams;
using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Events;
using WaApp.Grains.LiveFeed;
using WaApp.Grains.Metrics;

namespace WaApp.Grains.Conversations;

/// <summary>
/// One business number and one customer, event-sourced on the event store: every call confirms its events
/// before it returns, so a webhook is acknowledged only once what it carried is durable.
/// </summary>
public sealed partial class ConversationGrain(
    IEventSourcedStreamFactory streams,
    IEventStore store,
    TimeProvider clock,
    ILiveFeedPublisher liveFeed,
    OutboundMetrics metrics)
    : EventSourcedGrain<ConversationState, ConversationEvent>(streams, clock, reportsConfirmedEvents: true),
      IConversationGrain
{
    private const int MaxPageSize = 200;

    private const int HistoryReplayPage = 500;

    public async Task<IngestResult> IngestAsync(IReadOnlyList<ConversationUpdate> updates)
    {
        var applied = 0;
        var duplicates = 0;
        var commitBytes = 0;
        foreach (var original in updates)
        {
            var update = CommitBudget.Fit(original);
            // TentativeState already holds what earlier updates of this batch raised, so in-batch repeats dedupe too.
            if (ToEvent(update) is { } @event)
            {
                // A commit is one DynamoDB item: a large batch for one customer is stored in several, in order.
                var bytes = CommitBudget.Estimate(update);
                if (commitBytes > 0 && commitBytes + bytes > CommitBudget.MaxCommitBytes)
                {
                    await ConfirmEvents();
                    commitBytes = 0;
                }

                commitBytes += bytes;
                if (@event is MessageReceived received)
                {
                    await RaiseInboundAsync(received);
                }
                else
                {
                    Raise(@event);
                }

                applied++;
            }
            else
            {
                duplicates++;
            }
        }

        // Also waits for events an earlier, timed-out call raised: a redelivery is acknowledged only once the
        // original is durable.
        await ConfirmEvents();
        ReportToBusiness();
        DispatchAutoReplies();
        return new IngestResult(applied, duplicates, Version);
    }

    public async Task<MessagePage?> GetMessagesAsync(MessagePageQuery query)
    {
        var messages = State.Messages;
        if (Version == 0 || messages.Count == 0)
        {
            return null;
        }

        var limit = Math.Clamp(query.Limit, 1, MaxPageSize);
        int start;
        int end;
        if (query.After is { } after)
        {
            start = (int)Math.Clamp(after, 0, messages.Count);
            end = Math.Min(messages.Count, start + limit);
        }
        else
        {
            end = query.Before is { } before ? (int)Math.Clamp(before - 1, 0, messages.Count) : messages.Count;
            start = Math.Max(0, end - limit);
        }

        var records = messages.GetRange(start, end - start);
        if (records.Exists(static record => record.IsCompacted))
        {
            records = await WithStoredContentAsync(records);
        }

        var items = records.ConvertAll(State.View);
        // Sequences are 1-based positions, so the first item's sequence is start + 1 even when the page is empty.
        long? olderBefore = start > 0 ? start + 1 : null;
        long? newerAfter = end > start ? messages[end - 1].Sequence : Math.Min(query.After ?? end, messages.Count);
        return new MessagePage(items, olderBefore, newerAfter);
    }

    // Older messages keep no text in memory (ConversationState.RecentContentLimit): replay the log far enough to
    // rebuild them, on copies, so the grain's state stays compact.
    private async Task<List<MessageRecord>> WithStoredContentAsync(List<MessageRecord> records)
    {
        var history = ConversationState.ForHistory();
        var lastSequence = records[^1].Sequence;
        var fromVersion = 0;
        while (history.Messages.Count < lastSequence && fromVersion < Version)
        {
            var events = await Stream.ReadEventsAsync(fromVersion, HistoryReplayPage);
            if (events.Count == 0)
            {
                break;
            }

            foreach (var (_, @event) in events)
            {
                history.Apply(@event);
            }

            fromVersion = events[^1].Version + 1;
        }

        return records.ConvertAll(record =>
        {
            if (!record.IsCompacted || history.Find(record.Id) is not { } stored)
            {
                return record;
            }

            var copy = new MessageRecord { Sequence = record.Sequence, Id = record.Id, Direction = record.Direction, Type = record.Type, Timestamp = record.Timestamp, Status = record.Status };
            copy.Restore(stored);
            return copy;
        });
    }

    // The event an update adds to the log, or null when the log already has it (a redelivery).
    private ConversationEvent? ToEvent(ConversationUpdate update) => update switch
    {
        InboundMessage message when TentativeState.Contains(message.MessageId) => null,
        InboundMessage { Content.Reaction: { TargetMessageId: { Length: > 0 } target } reaction } message => reaction.IsRemoval
            ? new ReactionRemoved(message.MessageId, target, message.Timestamp, message.RawJson)
            : new ReactionReceived(message.MessageId, target, reaction.Emoji!, message.Timestamp, message.RawJson),
        InboundMessage message => new MessageReceived(message),
        StatusReport status when TentativeState.HasStatus(status.MessageId, status.Status) => null,
        StatusReport status => new StatusUpdated(status),
        PreferenceReport preference when TentativeState.HasPreference(preference) => null,
        PreferenceReport preference => new UserPreferenceChanged(preference),
        _ => null,
    };

    protected override string StreamKind => "conversation";

    protected override ConversationEvent Stamp(ConversationEvent @event, DateTimeOffset recordedAt) => @event with { RecordedAt = recordedAt };
}
