using WaApp.EventSourcing.Grains;
using WaApp.EventSourcing.Streams;
using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Conversations;
using WaApp.Grains.Abstractions.Outbound;
using WaApp.Grains.Abstractions.Subscriptions;
using WaApp.Grains.Abstractions.Templates;
using WaApp.Grains.Subscriptions;
using WaApp.WhatsApp.Templates;

namespace WaApp.Grains.Business;

/// <summary>
/// A business account's notice log, event-sourced like conversations so a webhook is acknowledged only once durable.
/// A ban or messaging restriction (<see cref="AccountRestrictions"/>) also pauses the senders of the account's numbers.
/// The log is also where <c>template.status</c> subscriptions read template webhooks from (a stream per WABA).
/// </summary>
public sealed class BusinessAccountGrain(IEventSourcedStreamFactory streams, SubscriptionRouteTable subscriptions, TimeProvider clock)
    : EventSourcedGrain<BusinessAccountState, BusinessAccountEvent>(streams, clock),
      IBusinessAccountGrain
{
    private const int MaxLimit = 200;

    public async Task<int> RecordAsync(IReadOnlyList<BusinessNotice> notices)
    {
        var recorded = 0;
        var templatesRecorded = false;
        var commitBytes = 0;
        foreach (var notice in notices.Select(Fit))
        {
            if (!TentativeState.Contains(notice))
            {
                // Never raise what cannot be stored: it would block this account's log for good. A commit is one item.
                var @event = new BusinessNoticeReceived(notice);
                var bytes = SerializedSize(@event);
                if (bytes > CommitBudget.MaxCommitBytes)
                {
                    continue;
                }

                if (commitBytes > 0 && commitBytes + bytes > CommitBudget.MaxCommitBytes)
                {
                    await ConfirmEvents();
                    commitBytes = 0;
                }

                commitBytes += bytes;
                Raise(@event);
                recorded++;
                templatesRecorded |= TemplateWebhookChange.IsTemplateField(notice.Field);
            }
        }

        // Also waits for events of an earlier call that timed out: a redelivery is acknowledged once they are durable.
        await ConfirmEvents();
        if (templatesRecorded)
        {
            NotifySubscriptions(recorded);
        }

        // The catalog applies template webhooks before the 200 (a pause must stop the next send); its Graph sync runs later.
        if (notices.Where(notice => TemplateWebhookChange.IsTemplateField(notice.Field)).ToList() is { Count: > 0 } templateNotices)
        {
            await GrainFactory.GetGrain<ITemplateCatalogGrain>(this.GetPrimaryKeyString()).ApplyNoticesAsync(templateNotices);
        }

        // Every notice of the batch, not only new ones: a redelivery (we did not answer 200) must not lose a ban.
        if (notices.Select(AccountRestrictions.PauseReason).OfType<string>().FirstOrDefault() is { } reason)
        {
            await PauseNumbersAsync(notices, reason);
        }

        return recorded;
    }

    // Template subscriptions hear of the commit one-way (stream and versions, no payload, no store operation) and read
    // the log themselves; a lost notice is found by their periodic read of the account's log.
    private void NotifySubscriptions(int committed)
    {
        foreach (var subscriptionId in subscriptions.ForAccount(this.GetPrimaryKeyString()))
        {
            GrainFactory.GetGrain<ISubscriptionGrain>(subscriptionId).NotifyAsync(StreamId, Version - committed, Version).Ignore();
        }
    }

    // Meta's notices are small; a larger one (a mutated or broken webhook) keeps its facts and loses its raw JSON.
    private static BusinessNotice Fit(BusinessNotice notice) => notice.RawJson.Length <= CommitBudget.MaxRawJsonChars
        ? notice
        : notice with
        {
            RawJson = CommitBudget.Marker(notice.RawJson),
            Subject = CommitBudget.Cut(notice.Subject),
            Event = CommitBudget.Cut(notice.Event),
            Error = notice.Error is { } error ? error with { Title = CommitBudget.Cut(error.Title), Message = CommitBudget.Cut(error.Message), Details = CommitBudget.Cut(error.Details), Href = CommitBudget.Cut(error.Href) } : null,
        };

    /// <summary>Pauses the senders of this account's numbers: the ones the notices name, else every known number of the account.</summary>
    private async Task PauseNumbersAsync(IReadOnlyList<BusinessNotice> notices, string reason)
    {
        var numbers = notices.Select(notice => notice.PhoneNumberId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (numbers.Count == 0)
        {
            // account_update names no number; ban notices are rare, so asking every business is affordable.
            var all = await GrainFactory.GetGrain<IBusinessDirectoryGrain>(IBusinessDirectoryGrain.Key).ListAsync();
            var summaries = await Task.WhenAll(all.Select(id => GrainFactory.GetGrain<IBusinessGrain>(id).GetSummaryAsync()));
            numbers = summaries.Where(summary => summary?.WabaId == this.GetPrimaryKeyString()).Select(summary => summary!.PhoneNumberId).ToHashSet(StringComparer.Ordinal);
        }

        await Task.WhenAll(numbers.Select(number => GrainFactory.GetGrain<ISenderGrain>(number).PauseSendingAsync(reason)));
    }

    public Task<IReadOnlyList<BusinessNotice>> GetNoticesAsync(int limit)
    {
        var notices = State.Notices;
        var count = Math.Clamp(limit, 1, MaxLimit);
        return Task.FromResult<IReadOnlyList<BusinessNotice>>(notices.Skip(Math.Max(0, notices.Count - count)).ToList());
    }

    /// <summary>The synced definition's category; the newest status notice's when the catalog does not know it.</summary>
    public async Task<string?> GetTemplateCategoryAsync(string name, string languageCode)
    {
        var synced = await GrainFactory.GetGrain<ITemplateCatalogGrain>(this.GetPrimaryKeyString()).FindAsync(name);
        return synced.Templates.FirstOrDefault(template => template.Language == languageCode)?.Category
            ?? TemplateNotices.LatestCategory(State.Notices, name, languageCode);
    }

    protected override string StreamKind => "business-account";

    protected override BusinessAccountEvent Stamp(BusinessAccountEvent @event, DateTimeOffset recordedAt) => @event with { RecordedAt = recordedAt };
}
