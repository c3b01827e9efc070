using WaApp.EventSourcing.Grains;
using WaApp.EventSourcing.Streams;
using WaApp.Grains.Abstractions.Business;

namespace WaApp.Grains.Business;

/// <summary>A business account's notice log, event-sourced like conversations so a webhook is acknowledged only once durable.</summary>
public sealed class BusinessAccountGrain(IEventSourcedStreamFactory streams, TimeProvider clock)
    : EventSourcedGrain<BusinessAccountState, BusinessAccountEvent>(streams, clock),
      IBusinessAccountGrain
{
    private const int MaxLimit = 200;

    public async Task<int> RecordAsync(IReadOnlyList<BusinessNotice> notices)
    {
        var recorded = 0;
        foreach (var notice in notices)
        {
            if (!TentativeState.Contains(notice))
            {
                Raise(new BusinessNoticeReceived(notice));
                recorded++;
            }
        }

        // Also waits for events of an earlier call that timed out: a redelivery is acknowledged once they are durable.
        await ConfirmEvents();
        return recorded;
    }

    public Task<IReadOnlyList<BusinessNotice>> GetNoticesAsync(int limit)
    {
        var notices = State.Notices;
        var count = Math.Clamp(limit, 1, MaxLimit);
        return Task.FromResult<IReadOnlyList<BusinessNotice>>(notices.Skip(Math.Max(0, notices.Count - count)).ToList());
    }

    protected override string StreamKind => "business-account";

    protected override BusinessAccountEvent Stamp(BusinessAccountEvent @event, DateTimeOffset recordedAt) => @event with { RecordedAt = recordedAt };
}
