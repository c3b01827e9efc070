using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using WaApp.Grains.Abstractions.Tenants;

namespace WaApp.Grains.Tenants;

/// <summary>
/// The tenant registry (see <see cref="ITenantRegistryGrain"/>). Every admin change is one conditional write of the
/// registry item and bumps <see cref="TenantRegistryState.Version"/>; gateways poll <see cref="SyncAsync"/>, which
/// costs no store operation. Last-use times arrive with those polls and are written on a timer, never per request.
/// </summary>
public sealed partial class TenantRegistryGrain(
    [PersistentState("tenant-registry")] IPersistentState<TenantRegistryState> state,
    AccessTokenProtector protector,
    IOptions<TenantOptions> options,
    TimeProvider clock)
    : Grain, ITenantRegistryGrain
{
    private bool _lastUseDirty;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var interval = options.Value.LastUseFlushInterval;
        this.RegisterGrainTimer(FlushLastUseAsync, new GrainTimerCreationOptions(interval, interval));
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (reason.ReasonCode != DeactivationReasonCode.ApplicationError)
        {
            await FlushLastUseAsync(cancellationToken);
        }
    }

    public async Task<TenantDetails> CreateTenantAsync(string name)
    {
        var tenant = new TenantRecord { Id = $"tn_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}", Name = name, CreatedAt = clock.GetUtcNow() };
        state.State.Tenants[tenant.Id] = tenant;
        await CommitAsync();
        return Details(tenant);
    }

    public Task<IReadOnlyList<TenantDetails>> ListTenantsAsync() =>
        Task.FromResult<IReadOnlyList<TenantDetails>>([.. state.State.Tenants.Values.OrderBy(tenant => tenant.CreatedAt).Select(Details)]);

    public Task<TenantDetails?> GetTenantAsync(string tenantId) =>
        Task.FromResult(state.State.Tenants.TryGetValue(tenantId, out var tenant) ? Details(tenant) : null);

    public async Task<TenantChange> AddNumberAsync(string tenantId, TenantNumberRegistration number)
    {
        if (!state.State.Tenants.TryGetValue(tenantId, out var tenant))
        {
            return new TenantChange(TenantChangeOutcome.TenantNotFound);
        }

        if (state.State.Tenants.Values.Any(other => other.Id != tenantId && other.Numbers.ContainsKey(number.PhoneNumberId)))
        {
            return new TenantChange(TenantChangeOutcome.OwnedByAnotherTenant);
        }

        var record = tenant.Numbers.TryGetValue(number.PhoneNumberId, out var existing) ? existing : new TenantNumberRecord { PhoneNumberId = number.PhoneNumberId };
        record.BusinessAccountId = number.BusinessAccountId;
        if (number.AccessToken is { Length: > 0 } token)
        {
            record.EncryptedAccessToken = protector.Seal(number.PhoneNumberId, token);
        }

        if (number.AppSecret is { Length: > 0 } appSecret)
        {
            record.EncryptedAppSecret = protector.Seal(AppSecretContext(number.PhoneNumberId), appSecret);
        }

        tenant.Numbers[number.PhoneNumberId] = record;
        await CommitAsync();
        return TenantChange.Applied;
    }

    public async Task<TenantChange> RemoveNumberAsync(string tenantId, string phoneNumberId)
    {
        if (!state.State.Tenants.TryGetValue(tenantId, out var tenant))
        {
            return new TenantChange(TenantChangeOutcome.TenantNotFound);
        }

        if (!tenant.Numbers.Remove(phoneNumberId))
        {
            return new TenantChange(TenantChangeOutcome.ItemNotFound);
        }

        await CommitAsync();
        return TenantChange.Applied;
    }

    public async Task<TenantChange> AddKeyAsync(string tenantId, TenantKeyRegistration key)
    {
        if (!state.State.Tenants.TryGetValue(tenantId, out var tenant))
        {
            return new TenantChange(TenantChangeOutcome.TenantNotFound);
        }

        tenant.Keys[key.KeyId] = new TenantKeyRecord
        {
            Id = key.KeyId,
            Hash = key.Hash,
            Role = key.Role,
            PhoneNumberIds = [.. key.PhoneNumberIds],
            CreatedAt = key.CreatedAt,
        };
        await CommitAsync();
        return TenantChange.Applied;
    }

    public async Task<TenantChange> RevokeKeyAsync(string tenantId, string keyId)
    {
        if (!state.State.Tenants.TryGetValue(tenantId, out var tenant))
        {
            return new TenantChange(TenantChangeOutcome.TenantNotFound);
        }

        // A revoked key is gone from the directory, so gateways refuse it as soon as they see the new version.
        if (!tenant.Keys.Remove(keyId))
        {
            return new TenantChange(TenantChangeOutcome.ItemNotFound);
        }

        await CommitAsync();
        return TenantChange.Applied;
    }

    public Task<TenantDirectorySnapshot?> SyncAsync(long knownVersion, IReadOnlyDictionary<string, DateTimeOffset> keysUsed)
    {
        foreach (var (keyId, usedAt) in keysUsed)
        {
            var key = state.State.Tenants.Values.Select(tenant => tenant.Keys.GetValueOrDefault(keyId)).FirstOrDefault(found => found is not null);
            if (key is not null && (key.LastUsedAt is null || key.LastUsedAt < usedAt))
            {
                key.LastUsedAt = usedAt;
                _lastUseDirty = true;
            }
        }

        return Task.FromResult(knownVersion == state.State.Version ? null : Snapshot());
    }

    public Task<string?> GetAccessTokenAsync(string phoneNumberId)
    {
        var number = state.State.Tenants.Values.Select(tenant => tenant.Numbers.GetValueOrDefault(phoneNumberId)).FirstOrDefault(found => found is not null);
        return Task.FromResult(number?.EncryptedAccessToken is { } sealedToken ? protector.Open(phoneNumberId, sealedToken) : null);
    }

    private TenantDirectorySnapshot Snapshot()
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var accounts = new Dictionary<string, string>(StringComparer.Ordinal);
        var appSecrets = new HashSet<string>(StringComparer.Ordinal);
        List<DirectoryKey> keys = [];
        foreach (var tenant in state.State.Tenants.Values)
        {
            foreach (var number in tenant.Numbers.Values)
            {
                owners[number.PhoneNumberId] = tenant.Id;
                accounts[number.BusinessAccountId] = tenant.Id;
                if (number.EncryptedAppSecret is { } sealedSecret && protector.Open(AppSecretContext(number.PhoneNumberId), sealedSecret) is { } appSecret)
                {
                    appSecrets.Add(appSecret);
                }
            }

            keys.AddRange(tenant.Keys.Values.Select(key => new DirectoryKey(key.Id, tenant.Id, key.Role, key.Hash, key.PhoneNumberIds)));
        }

        return new TenantDirectorySnapshot(state.State.Version, owners, keys, state.State.Tenants.Count, accounts, [.. appSecrets]);
    }

    private static TenantDetails Details(TenantRecord tenant) => new(
        tenant.Id,
        tenant.Name,
        tenant.CreatedAt,
        [.. tenant.Numbers.Values.OrderBy(number => number.PhoneNumberId, StringComparer.Ordinal)
            .Select(number => new TenantNumber(number.PhoneNumberId, number.BusinessAccountId, number.EncryptedAccessToken is not null, number.EncryptedAppSecret is not null))],
        [.. tenant.Keys.Values.OrderBy(key => key.CreatedAt)
            .Select(key => new TenantKey(key.Id, key.Role, key.PhoneNumberIds, key.CreatedAt, key.LastUsedAt))]);

    // Sealed with a different associated data than the token, so one sealed value cannot stand in for the other.
    private static string AppSecretContext(string phoneNumberId) => $"app-secret:{phoneNumberId}";

    private async Task CommitAsync()
    {
        state.State.Version++;
        try
        {
            await state.WriteStateAsync();
            _lastUseDirty = false;
        }
        catch
        {
            // The in-memory registry is ahead of the store: start again from what is stored.
            DeactivateOnIdle();
            throw;
        }
    }

    private async Task FlushLastUseAsync(CancellationToken cancellationToken)
    {
        if (_lastUseDirty)
        {
            _lastUseDirty = false;
            await state.WriteStateAsync(cancellationToken);
        }
    }
}
