using WaApp.EventSourcing.Streams;
using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Events;
using WaApp.Grains.Conversations.Views;

namespace WaApp.Grains.Conversations;

/// <summary>
/// Reads a conversation's stored log the way its business counts it: the snapshot the inbox list shows and the counts
/// of the events after a version the business already counted. Used by the business to recover activity whose
/// one-way reports a crash lost; it reads the store, never the conversation grain, so a business activating while
/// that conversation waits on it (for settings) cannot deadlock. A conversation it finds with a pending identity claim
/// is woken one-way to settle (see <c>ConversationGrain.IdentitySettle.cs</c>).
/// </summary>
public sealed class ConversationActivityReader(IEventSourcedStreamFactory streams, TimeProvider clock, IGrainFactory grains)
{
    private const int PageSize = 500;

    /// <summary>
    /// The conversation as stored, with the counts of its events from <paramref name="countedVersion"/> on; null when
    /// it has no events or is only a forward to another conversation (no conversation of its own).
    /// </summary>
    public async Task<ConversationActivity?> ReadSinceAsync(ConversationKey key, int countedVersion, CancellationToken cancellationToken)
    {
        var stream = streams.Create<ConversationState, ConversationEvent>("conversation/" + key, static (state, @event) => state.Apply(@event));
        var (version, state) = await stream.ReadStateFromStorageAsync(cancellationToken);
        if (version == 0 || state.RedirectedTo is not null)
        {
            return null;
        }

        if (state.PendingIdentityClaim is not null)
        {
            // Its activation may have died before it learned whose conversation it is: wake it, one-way (this reader
            // never waits on a conversation), so it settles even if nobody writes to it or reads it again.
            grains.GetGrain<IConversationGrain>(key.ToString()).ResumeSettleAsync().Ignore();
        }

        var added = MessageCounters.Zero;
        var from = Math.Max(0, countedVersion);
        while (from < version)
        {
            var events = await stream.ReadEventsAsync(from, Math.Min(PageSize, version - from), cancellationToken);
            if (events.Count == 0)
            {
                break;
            }

            added = added.Add(MessageCountersBuilder.Count(events.Where(recorded => recorded.Version < version).Select(static recorded => recorded.Event)));
            from = events[^1].Version + 1;
        }

        var snapshot = ConversationSummaryBuilder.Snapshot(state, key.ContactId, version, clock.GetUtcNow());
        return new ConversationActivity(snapshot, added, Math.Max(0, countedVersion));
    }
}
