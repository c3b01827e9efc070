using System.Globalization;
using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.Contacts;
using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Events;
using WaApp.Grains.LiveFeed;
using WaApp.Grains.Rules;

namespace WaApp.Grains.Conversations;

/// <summary>
/// The inbox side of a conversation: processing rules on inbound messages, agent actions, the audit trail, and the
/// one-way report to the business after every confirmed change.
/// </summary>
public sealed partial class ConversationGrain
{
    private const string AutoMarkAsReadActor = "auto-mark-as-read";
    private const int MaxHistoryPage = 200;

    // Automatic replies raised but not yet handed to the sender (they go once their commit is confirmed).
    private readonly List<string> _autoReplies = [];
    private BusinessSettings? _settingsForCall;

    private ConversationKey Key => ConversationKey.Parse(this.GetPrimaryKeyString());

    public Task<ConversationSummary?> GetSummaryAsync() => Task.FromResult(Version == 0 ? null : Summary());

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

    public Task<ConversationSummary?> MarkReadAsync(string by, long? upToSequence) =>
        ActAsync(state =>
        {
            var upTo = Math.Min(upToSequence ?? long.MaxValue, state.Messages.Count);
            return upTo > state.ReadUpTo ? new ConversationMarkedRead(by, upTo) : null;
        });

    public Task<ConversationSummary?> AssignAsync(string? agent, string by) =>
        ActAsync(state => state.AssignedTo != agent ? new ConversationAssigned(agent, by) : null);

    public Task<ConversationSummary?> CloseAsync(string by) =>
        ActAsync(state => state.IsClosed ? null : new ConversationClosed(by));

    public Task<ConversationSummary?> ReopenAsync(string by) =>
        ActAsync(state => state.IsClosed ? new ConversationReopened(by) : null);

    /// <summary>Raises the agent's event unless it would change nothing; an unknown conversation gets none (null).</summary>
    private async Task<ConversationSummary?> ActAsync(Func<ConversationState, ConversationEvent?> decide)
    {
        await ConfirmEvents();
        if (Version == 0)
        {
            return null;
        }

        if (decide(TentativeState) is { } @event)
        {
            Raise(@event);
            await ConfirmEvents();
            ReportToBusiness();
        }

        return Summary();
    }

    /// <summary>
    /// Stores a new inbound message and what the processing rules make of it: a consent change, automatic
    /// replies (queued in the outbox, sent once the commit is durable) and the auto mark-as-read, all in one commit.
    /// </summary>
    private async Task RaiseInboundAsync(MessageReceived received)
    {
        var message = received.Message;
        var before = TentativeState;
        var firstContact = before.LastUserMessageAt is null && MessageTypes.IsUserMessage(message.Type);
        var optedOut = before.Consent.OptedOut;
        var lastAway = before.LastAwayMessageAt;
        Raise(received);

        var settings = _settingsForCall ??= await GrainFactory.GetGrain<IBusinessGrain>(Key.PhoneNumberId).GetSettingsAsync();
        var decision = MessageRules.Decide(
            new InboundMessageContext(message.Type, message.Text, message.Timestamp, firstContact, optedOut, lastAway, Clock.GetUtcNow()),
            settings);
        if (decision.MarkAsRead)
        {
            Raise(new ConversationMarkedRead(AutoMarkAsReadActor, TentativeState.Messages.Count));
        }

        if (decision.ConsentChange is { } change)
        {
            Raise(new ConsentChanged(change, message.Timestamp, message.MessageId));
        }

        for (var i = 0; i < decision.Replies.Count; i++)
        {
            var reply = decision.Replies[i];
            // Derived from the inbound wamid, so the same message can never queue the same reply twice.
            var id = $"waapp.auto.{i}.{message.MessageId}";
            Raise(new AutoReplyQueued(id, reply.Kind, reply.Text, message.MessageId, message.Timestamp, Key.ContactId));
            _autoReplies.Add(id);
        }
    }

    /// <summary>
    /// One one-way call per confirmed batch: the business applies it in memory and flushes on its timer; gateways
    /// watching the business get a live frame per event.
    /// </summary>
    private void ReportToBusiness()
    {
        _settingsForCall = null;
        // Only confirmed events: one raised meanwhile (a send's outcome) is still in the unconfirmed tail and is
        // reported after its own confirmation, so the versions given to the live feed are exact.
        var events = TakeConfirmedEvents();
        var confirmed = events.Count;
        if (confirmed == 0)
        {
            return;
        }

        var state = State;
        var snapshot = new ConversationSnapshot(
            Key.ContactId,
            Version,
            state.LastActivityAt ?? Clock.GetUtcNow(),
            state.ProfileName,
            state.UnreadCount,
            !state.IsClosed,
            state.AssignedTo,
            state.Window.ExpiresAt,
            Preview(state.Messages.LastOrDefault()));
        GrainFactory.GetGrain<IBusinessGrain>(Key.PhoneNumberId).ReportActivityAsync(new ConversationActivity(snapshot, Count(events))).Ignore();
        if (Version == confirmed || events.Any(static @event => @event is ConsentChanged or UserPreferenceChanged))
        {
            ReportToContact(state);
        }

        if (liveFeed.IsWatched(Key.PhoneNumberId))
        {
            liveFeed.Publish(Key.PhoneNumberId, LiveFrameBuilder.Build(state, Key.PhoneNumberId, snapshot, events, Version - confirmed + 1));
        }
    }

    // The contact keeps the per-business view (which numbers a user talks to, and the consent towards each); told
    // when the conversation's first events are durable and whenever its consent may have changed. One-way: a lost
    // report is repeated by the next consent change, and sends are decided here, never by the contact.
    private void ReportToContact(ConversationState state)
    {
        var consent = state.Consent;
        var report = new ContactConversationReport(
            Key.PhoneNumberId,
            state.Messages.Count > 0 ? state.Messages[0].Timestamp : Clock.GetUtcNow(),
            consent.OptedOut,
            consent.MarketingStopped,
            consent.OptOutChangedAt,
            consent.MarketingChangedAt);
        GrainFactory.GetGrain<IContactGrain>(Key.ContactId).ReportConversationAsync(report).Ignore();
    }

    private static MessagePreview? Preview(MessageRecord? message) => message is null
        ? null
        : new MessagePreview(
            message.Direction == MessageDirection.Inbound ? "inbound" : "outbound",
            message.Type,
            Shorten(message.Text),
            message.Timestamp);

    private static string? Shorten(string? text)
    {
        if (text is not { Length: > MessagePreview.MaxTextLength })
        {
            return text;
        }

        // Never split a surrogate pair (an emoji) in two.
        var length = char.IsHighSurrogate(text[MessagePreview.MaxTextLength - 1]) ? MessagePreview.MaxTextLength - 1 : MessagePreview.MaxTextLength;
        return text[..length];
    }

    private static MessageCounters Count(IEnumerable<ConversationEvent> events)
    {
        long inbound = 0;
        long outbound = 0;
        var byType = new Dictionary<string, long>(StringComparer.Ordinal);
        var byStatus = new Dictionary<string, long>(StringComparer.Ordinal);
        var failures = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var @event in events)
        {
            switch (@event)
            {
                case MessageReceived received:
                    inbound++;
                    Increment(byType, received.Message.Type);
                    break;
                case ReactionReceived or ReactionRemoved:
                    inbound++;
                    Increment(byType, MessageTypes.Reaction);
                    break;
                case AutoReplyQueued:
                    outbound++;
                    Increment(byType, MessageTypes.Text);
                    break;
                case MessageQueued queued:
                    outbound++;
                    Increment(byType, queued.Content.Type);
                    break;
                case MessageFailed failed:
                    Increment(failures, failed.Code.ToString(CultureInfo.InvariantCulture));
                    break;
                case StatusUpdated { Report: var report }:
                    Increment(byStatus, report.Status);
                    foreach (var error in report.Errors ?? [])
                    {
                        Increment(failures, error.Code?.ToString(CultureInfo.InvariantCulture) ?? "unknown");
                    }

                    break;
            }
        }

        return new MessageCounters(inbound, outbound, byType, byStatus, failures);
    }

    private static void Increment(Dictionary<string, long> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    private ConversationSummary Summary()
    {
        var state = State;
        var now = Clock.GetUtcNow();
        return new ConversationSummary(
            Key.PhoneNumberId,
            Key.ContactId,
            Version,
            state.ProfileName,
            state.Messages.Count,
            state.UnreadCount,
            state.ReadUpTo,
            !state.IsClosed,
            state.AssignedTo,
            state.LastActivityAt,
            state.Window.ExpiresAt,
            state.Window.IsOpenAt(now),
            state.Consent.OptedOut,
            state.Consent.MarketingStopped,
            state.PendingSends.Count());
    }
}
