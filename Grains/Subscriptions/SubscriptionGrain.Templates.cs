using WaApp.Grains.Abstractions.Subscriptions;

namespace WaApp.Grains.Subscriptions;

/// <summary>
/// Template events come from the business accounts' notice logs (one stream per WABA, where the gateway stores every
/// template webhook before answering it, deduplicated). A tenant has few accounts, so instead of the activity index
/// the dispatcher keeps a cursor on each account's log for good and reads it to its end on activation and at every
/// sweep: a notification lost to a crash delays an event by one sweep at most, and a restart resumes from the last
/// written cursor (re-delivering, never skipping).
/// </summary>
public sealed partial class SubscriptionGrain
{
    private bool WantsTemplates => _events.Contains(SubscriptionEventTypes.TemplateStatus);

    /// <summary>Makes every account cursor read its log to the end; an account without one starts at the subscription's creation.</summary>
    private void CatchUpAccounts()
    {
        if (_target is not { } target || !WantsTemplates)
        {
            return;
        }

        foreach (var account in target.BusinessAccountIds)
        {
            var streamId = SubscriptionPayload.StreamOfAccount(account);
            if (!state.State.Cursors.TryGetValue(streamId, out var cursor))
            {
                // The whole log is read once, and only what was committed since the subscription exists is delivered.
                state.State.Cursors[streamId] = new SubscriptionCursor { Next = 0, Head = 1, NotBefore = target.Details.CreatedAt, TouchedAt = clock.GetUtcNow() };
                _dirty = true;
            }
            else if (cursor.Head <= cursor.Next)
            {
                // Not written: where the log ends is found again by reading, so a quiet account costs no write.
                cursor.Head = cursor.Next + 1;
            }
        }
    }

    /// <summary>A replay from a time: every account log is read again from its start, delivering what was committed since then.</summary>
    private void RewindAccountsSince(DateTimeOffset since)
    {
        if (_target is not { } target || !WantsTemplates)
        {
            return;
        }

        foreach (var account in target.BusinessAccountIds)
        {
            Rewind(SubscriptionPayload.StreamOfAccount(account), 0, since);
        }
    }
}
