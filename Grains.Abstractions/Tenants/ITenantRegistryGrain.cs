using WaApp.Grains.Abstractions.Subscriptions;

namespace WaApp.Grains.Abstractions.Tenants;

/// <summary>
/// Every tenant, the numbers each owns (with its encrypted Meta access token) and its API keys (hashes only), in one
/// activation (key <see cref="Key"/>) stored as one grain-state item. Written only by the admin API, which is rare;
/// gateways read it through <see cref="SyncAsync"/>, which hands out a versioned copy only when it changed, so a key
/// check or a webhook never costs a store read.
/// </summary>
[Alias("waapp.ITenantRegistryGrain")]
public interface ITenantRegistryGrain : IGrainWithStringKey
{
    public const string Key = "all";

    [Alias("CreateTenant")]
    Task<TenantDetails> CreateTenantAsync(string name);

    [Alias("ListTenants")]
    Task<IReadOnlyList<TenantDetails>> ListTenantsAsync();

    /// <summary>The tenant with its numbers and keys (never tokens or key hashes), or null when there is none.</summary>
    [Alias("GetTenant")]
    Task<TenantDetails?> GetTenantAsync(string tenantId);

    /// <summary>Registers (or updates) a number of the tenant; the access token is encrypted before it is stored.</summary>
    [Alias("AddNumber")]
    Task<TenantChange> AddNumberAsync(string tenantId, TenantNumberRegistration number);

    [Alias("RemoveNumber")]
    Task<TenantChange> RemoveNumberAsync(string tenantId, string phoneNumberId);

    /// <summary>Stores a new key by its hash; the key itself never reaches the cluster.</summary>
    [Alias("AddKey")]
    Task<TenantChange> AddKeyAsync(string tenantId, TenantKeyRegistration key);

    [Alias("RevokeKey")]
    Task<TenantChange> RevokeKeyAsync(string tenantId, string keyId);

    /// <summary>
    /// A gateway's refresh: reports when its keys were last used and gets the directory when its version differs from
    /// <paramref name="knownVersion"/> (null when it is current).
    /// </summary>
    [Alias("Sync")]
    Task<TenantDirectorySnapshot?> SyncAsync(long knownVersion, IReadOnlyDictionary<string, DateTimeOffset> keysUsed);

    /// <summary>The decrypted access token of a number's business account, or null when no tenant registered one.</summary>
    [Alias("GetAccessToken")]
    Task<string?> GetAccessTokenAsync(string phoneNumberId);

    /// <summary>Registers an event subscription of the tenant; its secret is sealed like access tokens.</summary>
    [Alias("AddSubscription")]
    Task<TenantChange> AddSubscriptionAsync(string tenantId, SubscriptionRegistration subscription);

    /// <summary>The tenant's subscriptions (never secrets), or null when there is no such tenant.</summary>
    [Alias("ListSubscriptions")]
    Task<IReadOnlyList<SubscriptionDetails>?> ListSubscriptionsAsync(string tenantId);

    [Alias("RemoveSubscription")]
    Task<TenantChange> RemoveSubscriptionAsync(string tenantId, string subscriptionId);

    /// <summary>What the subscription's dispatcher delivers with (its secret opened), or null when it was deleted.</summary>
    [Alias("GetSubscriptionTarget")]
    Task<SubscriptionTarget?> GetSubscriptionTargetAsync(string subscriptionId);

    /// <summary>A silo's refresh of which subscriptions hear of which numbers; null when <paramref name="knownVersion"/> is current.</summary>
    [Alias("GetSubscriptionRoutes")]
    Task<SubscriptionRoutes?> GetSubscriptionRoutesAsync(long knownVersion);
}
