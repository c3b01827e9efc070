using WaApp.WebGateway.Webhooks;
using WaApp.WhatsApp.Webhooks;

namespace WaApp.WebGateway.Tenants;

/// <summary>
/// Once tenants exist, a webhook update for a number (or business account) no tenant owns is stored nowhere: it is
/// dropped from the plan and counted, and the webhook is still acknowledged so Meta does not retry it for days.
/// Decided from the gateway's copy of the directory, so it costs the webhook path no store operation.
/// </summary>
public static class TenantWebhookFilter
{
    /// <summary>
    /// The updates a tenant owns (all of them while no tenant exists), before anything else looks at them, so an
    /// unowned update costs no identity lookup either.
    /// </summary>
    public static IReadOnlyList<WebhookUpdate> Owned(IReadOnlyList<WebhookUpdate> updates, TenantDirectory directory, out int dropped)
    {
        dropped = 0;
        if (!directory.HasTenants)
        {
            return updates;
        }

        // Nearly every webhook is wholly owned: that case is checked without allocating.
        var allOwned = true;
        foreach (var update in updates)
        {
            allOwned &= IsOwned(update, directory);
        }

        if (allOwned)
        {
            return updates;
        }

        var owned = updates.Where(update => IsOwned(update, directory)).ToList();
        dropped = updates.Count - owned.Count;
        return owned;
    }

    public static WebhookDeliveryPlan Apply(WebhookDeliveryPlan plan, TenantDirectory directory, out int dropped)
    {
        dropped = 0;
        if (!directory.HasTenants || AllOwned(plan, directory))
        {
            return plan;
        }

        var conversations = plan.Conversations.Where(batch => directory.OwnerOf(batch.Key.PhoneNumberId) is not null).ToList();
        var accounts = plan.BusinessAccounts.Where(batch => directory.OwnerOfAccount(batch.BusinessAccountId) is not null).ToList();
        var contacts = plan.Contacts
            .Select(batch => batch with { Observations = [.. batch.Observations.Where(observation => observation.PhoneNumberId is { } number && directory.OwnerOf(number) is not null)] })
            .Where(batch => batch.Observations.Count > 0)
            .ToList();
        var businesses = plan.Businesses.Where(business => directory.OwnerOf(business.PhoneNumberId) is not null).ToList();
        dropped = plan.Conversations.Except(conversations).Sum(batch => batch.Updates.Count)
            + plan.BusinessAccounts.Except(accounts).Sum(batch => batch.Notices.Count);
        return dropped == 0 && contacts.Count == plan.Contacts.Count
            ? plan
            : plan with { Conversations = conversations, BusinessAccounts = accounts, Contacts = contacts, Businesses = businesses };
    }

    private static bool IsOwned(WebhookUpdate update, TenantDirectory directory) => update.Source.PhoneNumberId is { Length: > 0 } number
        ? directory.OwnerOf(number) is not null
        : update.Source.BusinessAccountId is { Length: > 0 } account && directory.OwnerOfAccount(account) is not null;

    // The same rules as the filtering in Apply, as loops: true when Apply would drop nothing.
    private static bool AllOwned(WebhookDeliveryPlan plan, TenantDirectory directory)
    {
        foreach (var batch in plan.Conversations)
        {
            if (directory.OwnerOf(batch.Key.PhoneNumberId) is null)
            {
                return false;
            }
        }

        foreach (var batch in plan.BusinessAccounts)
        {
            if (directory.OwnerOfAccount(batch.BusinessAccountId) is null)
            {
                return false;
            }
        }

        foreach (var batch in plan.Contacts)
        {
            foreach (var observation in batch.Observations)
            {
                if (observation.PhoneNumberId is not { } number || directory.OwnerOf(number) is null)
                {
                    return false;
                }
            }
        }

        foreach (var business in plan.Businesses)
        {
            if (directory.OwnerOf(business.PhoneNumberId) is null)
            {
                return false;
            }
        }

        return true;
    }
}
