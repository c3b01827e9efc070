using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.Contacts;
using WaApp.WhatsApp.Webhooks;

namespace WaApp.WebGateway.Webhooks;

/// <summary>Where the updates of one webhook go.</summary>
/// <param name="Conversations">Per conversation, in body order: stored before the webhook is acknowledged.</param>
/// <param name="BusinessAccounts">Per WABA: stored before the webhook is acknowledged.</param>
/// <param name="Contacts">Per user: sent one-way, never delays the acknowledgement.</param>
/// <param name="Unroutable">Items naming no number or user: logged and acknowledged.</param>
public sealed record WebhookDeliveryPlan(
    IReadOnlyList<ConversationBatch> Conversations,
    IReadOnlyList<BusinessAccountBatch> BusinessAccounts,
    IReadOnlyList<ContactBatch> Contacts,
    IReadOnlyList<UnroutableUpdate> Unroutable)
{
    public int DurableUpdateCount => Conversations.Sum(batch => batch.Updates.Count) + BusinessAccounts.Sum(batch => batch.Notices.Count);
}

public sealed record BusinessAccountBatch(string BusinessAccountId, IReadOnlyList<BusinessNotice> Notices);

public sealed record ContactBatch(string ContactId, IReadOnlyList<ContactObservation> Observations);
