using Microsoft.Extensions.Logging;
using WaApp.EventSourcing.Grains;
using WaApp.EventSourcing.Storage;
using WaApp.EventSourcing.Streams;
using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.Contacts;
using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Events;
using WaApp.Grains.Business;
using WaApp.Grains.Conversations.Views;
using WaApp.Grains.LiveFeed;
using WaApp.Grains.Metrics;
using WaApp.Grains.Subscriptions;

using WaApp.WhatsApp.Webhooks;

namespace WaApp.Grains.Conversations;

/// <summary>
/// One business number and one customer, event-sourced on the event store: every call confirms its events
/// before it returns, so a webhook is acknowledged only once what it carried is durable. This file holds activation,
/// the reads and the report after every confirmed change; each flow has its own file: <c>.Ingest.cs</c> (customer
/// messages, statuses, reactions, processing rules), <c>.AgentActions.cs</c> (assign, close, reopen, read) and
/// <c>.Outbox.cs</c> (queue, send results, retries).
/// </summary>
public sealed partial class ConversationGrain(
    IEventSourcedStreamFactory streams,
    IEventStore store,
    TimeProvider clock,
    ILiveFeedPublisher liveFeed,
    OutboundMetrics metrics,
    ConversationMetrics ingestMetrics,
    SubscriptionRouteTable subscriptions,
    BusinessSettingsCache businessSettings,
    BusinessActivityReporter businessReports,
    ILogger<ConversationGrain> logger)
    : EventSourcedGrain<ConversationState, ConversationEvent>(streams, clock, reportsConfirmedEvents: true),
      IConversationGrain
{
    private const int MaxPageSize = 200;
    private const int MaxHistoryPage = 200;
    private const int HistoryReplayPage = 500;
    private const int ContactIdsReadLimit = 20;

    // The profile name the contact was last told of (this activation's view); a new name is reported once.
    private string? _reportedProfileName;

    // Parsed once per activation: Orleans decodes the primary key into a new string on every read, and a webhook's
    // report reads the key several times.
    private ConversationKey? _key;

    private ConversationKey Key => _key ??= ConversationKey.Parse(this.GetPrimaryKeyString());

    protected override string StreamKind => "conversation";

    // Ingest runs on a new conversation without reading it first (one write, no read); see EventSourcedGrain.
    protected override bool AssumesNewStream => true;

    protected override Task OnStateReadAsync()
    {
        // The stored conversation reported its name when it last changed.
        _reportedProfileName = State.ProfileName;
        // Replies raised by a decision that lost to the stored stream were never stored.
        _autoReplies = null;
        // A conversation whose claim was still pending when its last activation ended settles now, after this call.
        _settledInMemory = false;
        EnsureSettling();
        if (State.Media.Values.Any(static record => record.Status == Abstractions.Media.MediaStatus.Pending))
        {
            NudgeMediaWhilePending();
        }

        return RecordInterruptedSendsAsync();
    }

    // A forward (its key became an alias of another customer's conversation) is no conversation of its own.
    public Task<ConversationSummary?> GetSummaryAsync() => Task.FromResult(Version == 0 || State.RedirectedTo is not null ? null : Summary());

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

        var state = State;
        var items = records.ConvertAll(record => MessageViewBuilder.Build(state, record));
        // Sequences are 1-based positions, so the first item's sequence is start + 1 even when the page is empty.
        long? olderBefore = start > 0 ? start + 1 : null;
        long? newerAfter = end > start ? messages[end - 1].Sequence : Math.Min(query.After ?? end, messages.Count);
        return new MessagePage(items, olderBefore, newerAfter);
    }

    public async Task<ConversationHistoryPage?> GetHistoryAsync(int fromVersion, int limit)
    {
        if (Version == 0)
        {
            return null;
        }

        var page = await store.ReadAsync(StreamId, Math.Max(0, fromVersion), Math.Clamp(limit, 1, MaxHistoryPage), CancellationToken.None);
        var items = page.Events.Select(recorded => new ConversationEventRecord(recorded.Version, recorded.Event.TypeName, recorded.CommittedAt, recorded.Event.Json)).ToList();
        int? next = page.IsEndOfStream || items.Count == 0 ? null : page.NextVersion;
        return new ConversationHistoryPage(items, next);
    }

    protected override ConversationEvent Stamp(ConversationEvent @event, DateTimeOffset recordedAt) => @event with { RecordedAt = recordedAt };

    // Older messages keep no text in memory (ConversationState.RecentContentLimit): replay the log far enough to
    // rebuild them, on copies, so the grain's state stays compact.
    private async Task<List<MessageRecord>> WithStoredContentAsync(List<MessageRecord> records)
    {
        var history = ConversationState.ForHistory();
        var lastSequence = records[^1].Sequence;
        var fromVersion = 0;
        // An edit comes later in the log than its message: an edited message needs the log replayed to the end.
        var untilEnd = records.Exists(static record => record.IsCompacted && record.EditedAt is not null);
        while ((untilEnd || history.Messages.Count < lastSequence) && fromVersion < Version)
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
            // A deleted message's content stays gone, even though its event still holds it.
            if (!record.IsCompacted || record.DeletedAt is not null || history.Find(record.Id) is not { } stored)
            {
                return record;
            }

            var copy = new MessageRecord
            {
                Sequence = record.Sequence, Id = record.Id, Direction = record.Direction, Type = record.Type, Timestamp = record.Timestamp, Status = record.Status,
                Origin = record.Origin, EditedAt = record.EditedAt, Sender = record.Sender,
            };
            copy.Restore(stored);
            return copy;
        });
    }

    /// <summary>
    /// One report per confirmed batch, sent to the business with the silo's other reports of the number
    /// (<see cref="BusinessActivityReporter"/>): the business applies it in memory and flushes on its timer; gateways
    /// watching the business get a live frame per event, at once.
    /// </summary>
    private void ReportToBusiness()
    {
        // Only confirmed events: one raised meanwhile (a send's outcome) is still in the unconfirmed tail and is
        // reported after its own confirmation, so the versions given to the live feed are exact.
        var events = TakeConfirmedEvents();
        if (events.Count == 0)
        {
            return;
        }

        StartMediaFetches(events);

        var state = State;
        var snapshot = ConversationSummaryBuilder.Snapshot(state, Key.ContactId, Version, Clock.GetUtcNow());
        businessReports.Report(Key.PhoneNumberId, new ConversationActivity(snapshot, MessageCountersBuilder.Count(events), Version - events.Count));
        var nameChanged = state.ProfileName is not null && state.ProfileName != _reportedProfileName;
        var consentMayHaveChanged = events.Any(static @event => @event is ConsentChanged or UserPreferenceChanged);
        // A group is no contact: its conversation has no consent and no profile to report.
        var isGroup = GroupIds.IsGroup(Key.ContactId);
        if (!isGroup && Version == events.Count && !consentMayHaveChanged)
        {
            // A new conversation is not reported: the contact derives it (and the name it brought) from this
            // conversation when it is read (GetContactReportAsync), so a new customer costs one write, not two.
            _reportedProfileName = state.ProfileName;
        }
        else if (!isGroup && (nameChanged || consentMayHaveChanged))
        {
            ReportToContact(state, events);
        }

        if (liveFeed.IsWatched(Key.PhoneNumberId))
        {
            liveFeed.Publish(Key.PhoneNumberId, LiveFrameBuilder.Build(state, Key.PhoneNumberId, snapshot, events, Version - events.Count + 1));
        }

        NotifySubscriptions(events.Count);
    }

    // Event subscriptions hear of the commit one-way (stream and versions, no payload, no store operation); their
    // dispatchers read the log themselves. A number without subscriptions costs a dictionary lookup.
    private void NotifySubscriptions(int committed)
    {
        foreach (var subscriptionId in subscriptions.For(Key.PhoneNumberId))
        {
            GrainFactory.GetGrain<Abstractions.Subscriptions.ISubscriptionGrain>(subscriptionId).NotifyAsync(StreamId, Version - committed, Version).Ignore();
        }
    }

    public async Task<ContactConversationReport?> GetContactReportAsync()
    {
        if (Version == 0)
        {
            return null;
        }

        // The state keeps no wa_id or user id (they would cost every active conversation memory): the first customer
        // message has them; it is read back only when a contact is read, never on the webhook path.
        var state = State;
        var first = (await Stream.ReadEventsAsync(0, ContactIdsReadLimit))
            .Select(static recorded => recorded.Event).OfType<MessageReceived>().FirstOrDefault()?.Message;
        var lastInbound = state.Messages.FindLast(static message => message.Direction == MessageDirection.Inbound);
        return ContactReport(state, first?.FromWaId, first?.FromUserId, lastInbound?.Timestamp);
    }

    // The contact keeps the profile and the per-business view (which numbers a user talks to, and the consent towards
    // each); told when the customer's name changes and whenever the consent may have changed, never per message (a
    // new conversation it derives on demand, see GetContactReportAsync). One-way: a lost report is repeated by the
    // next change, and sends are decided here, never by the contact.
    private void ReportToContact(ConversationState state, IReadOnlyList<ConversationEvent> events)
    {
        var latest = events.OfType<MessageReceived>().LastOrDefault()?.Message;
        _reportedProfileName = state.ProfileName;
        var report = ContactReport(state, latest?.FromWaId, latest?.FromUserId, latest?.Timestamp);
        GrainFactory.GetGrain<IContactGrain>(Key.ContactId).ReportConversationAsync(report).Ignore();
    }

    private ContactConversationReport ContactReport(ConversationState state, string? waId, string? userId, DateTimeOffset? nameSeenAt)
    {
        var consent = state.Consent;
        var profile = state.ProfileName is null ? null : new ContactObservation(
            Key.PhoneNumberId, state.ProfileName, null, waId, userId, nameSeenAt ?? Clock.GetUtcNow());
        return new ContactConversationReport(
            Key.PhoneNumberId,
            state.Messages.Count > 0 ? state.Messages[0].Timestamp : Clock.GetUtcNow(),
            consent.OptedOut,
            consent.MarketingStopped,
            consent.OptOutChangedAt,
            consent.MarketingChangedAt,
            profile);
    }

    private ConversationSummary Summary() => ConversationSummaryBuilder.Summary(State, Key, Version, Clock.GetUtcNow());
}
