using WaApp.Grains.Abstractions.Subscriptions;
using WaApp.Grains.Abstractions.Tenants;

namespace WaApp.Grains.Tenants;

/// <summary>
/// Event subscriptions live in the registry beside the numbers they cover: created and deleted rarely, read by silos
/// as a versioned routing table (which subscriptions hear of which number) that costs no store operation.
/// </summary>
public sealed partial class TenantRegistryGrain
{
    /// <summary>Subscriptions per tenant: each is one dispatcher activation and one more POST per event.</summary>
    public const int MaxSubscriptionsPerTenant = 20;

    public async Task<TenantChange> AddSubscriptionAsync(string tenantId, SubscriptionRegistration subscription)
    {
        if (!state.State.Tenants.TryGetValue(tenantId, out var tenant))
        {
            return new TenantChange(TenantChangeOutcome.TenantNotFound);
        }

        if (tenant.Subscriptions.Count >= MaxSubscriptionsPerTenant)
        {
            return new TenantChange(TenantChangeOutcome.Full);
        }

        tenant.Subscriptions[subscription.Id] = new TenantSubscriptionRecord
        {
            Id = subscription.Id,
            Url = subscription.Url,
            Events = [.. subscription.Events],
            EncryptedSecret = protector.Seal(SubscriptionSecretContext(subscription.Id), subscription.Secret),
            CreatedAt = subscription.CreatedAt,
        };
        await CommitAsync();
        return TenantChange.Applied;
    }

    public Task<IReadOnlyList<SubscriptionDetails>?> ListSubscriptionsAsync(string tenantId) =>
        Task.FromResult<IReadOnlyList<SubscriptionDetails>?>(state.State.Tenants.TryGetValue(tenantId, out var tenant)
            ? [.. tenant.Subscriptions.Values.OrderBy(subscription => subscription.CreatedAt).Select(subscription => SubscriptionDetails(tenant, subscription))]
            : null);

    public async Task<TenantChange> RemoveSubscriptionAsync(string tenantId, string subscriptionId)
    {
        if (!state.State.Tenants.TryGetValue(tenantId, out var tenant))
        {
            return new TenantChange(TenantChangeOutcome.TenantNotFound);
        }

        if (!tenant.Subscriptions.Remove(subscriptionId))
        {
            return new TenantChange(TenantChangeOutcome.ItemNotFound);
        }

        await CommitAsync();
        return TenantChange.Applied;
    }

    public Task<SubscriptionTarget?> GetSubscriptionTargetAsync(string subscriptionId)
    {
        foreach (var tenant in state.State.Tenants.Values)
        {
            if (tenant.Subscriptions.TryGetValue(subscriptionId, out var subscription)
                && protector.Open(SubscriptionSecretContext(subscriptionId), subscription.EncryptedSecret) is { } secret)
            {
                return Task.FromResult<SubscriptionTarget?>(new SubscriptionTarget(
                    SubscriptionDetails(tenant, subscription), secret, [.. tenant.Numbers.Keys.Order(StringComparer.Ordinal)])
                {
                    BusinessAccountIds = AccountsOf(tenant),
                });
            }
        }

        return Task.FromResult<SubscriptionTarget?>(null);
    }

    public Task<SubscriptionRoutes?> GetSubscriptionRoutesAsync(long knownVersion)
    {
        if (knownVersion == state.State.Version)
        {
            return Task.FromResult<SubscriptionRoutes?>(null);
        }

        var byNumber = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var byAccount = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string> all = [];
        foreach (var tenant in state.State.Tenants.Values.Where(tenant => tenant.Subscriptions.Count > 0))
        {
            List<string> ids = [.. tenant.Subscriptions.Keys];
            all.AddRange(ids);
            foreach (var number in tenant.Numbers.Keys)
            {
                byNumber[number] = ids;
            }

            // Only subscriptions that asked for template events hear of the account's: the others would read its log for nothing.
            List<string> templateIds = [.. tenant.Subscriptions.Values.Where(subscription => subscription.Events.Contains(SubscriptionEventTypes.TemplateStatus)).Select(subscription => subscription.Id)];
            foreach (var account in templateIds.Count > 0 ? AccountsOf(tenant) : [])
            {
                // A WABA whose numbers two tenants registered is both tenants' account: its templates serve both.
                if (!byAccount.TryGetValue(account, out var listeners))
                {
                    byAccount[account] = listeners = [];
                }

                listeners.AddRange(templateIds);
            }
        }

        return Task.FromResult<SubscriptionRoutes?>(new SubscriptionRoutes(state.State.Version, byNumber, all)
        {
            SubscriptionsByAccount = byAccount.ToDictionary(pair => pair.Key, IReadOnlyList<string> (pair) => pair.Value, StringComparer.Ordinal),
        });
    }

    private static List<string> AccountsOf(TenantRecord tenant) =>
        [.. tenant.Numbers.Values.Select(number => number.BusinessAccountId).Where(account => account.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static SubscriptionDetails SubscriptionDetails(TenantRecord tenant, TenantSubscriptionRecord subscription) =>
        new(subscription.Id, tenant.Id, subscription.Url, subscription.Events, subscription.CreatedAt);

    // Sealed with its own associated data, so a sealed secret cannot stand in for a token (or another subscription's secret).
    private static string SubscriptionSecretContext(string subscriptionId) => $"subscription-secret:{subscriptionId}";
}
