using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using WaApp.Grains.Abstractions.Tenants;
using WaApp.WhatsApp.Webhooks;

namespace WaApp.WebGateway.Tenants;

/// <summary>
/// The gateway's versioned copy of the tenant directory (<see cref="TenantDirectorySnapshot"/>), replaced as a whole
/// by <see cref="TenantDirectoryRefresher"/>, so every check reads one consistent version without locks or store reads.
/// </summary>
public sealed class TenantDirectory(TimeProvider clock, IOptions<TenantDirectoryOptions> options)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _used = new(StringComparer.Ordinal);
    private volatile Loaded? _current;

    /// <summary>The version held, or -1 before the first load.</summary>
    public long Version => _current?.Snapshot.Version ?? -1;

    /// <summary>True when a copy is held and was confirmed current within <see cref="TenantDirectoryOptions.MaxStaleness"/>.</summary>
    public bool IsCurrent => _current is { } current && clock.GetUtcNow() - current.ConfirmedAt <= options.Value.MaxStaleness;

    /// <summary>True once a copy was received (it may since have become too old, see <see cref="IsCurrent"/>).</summary>
    public bool IsLoaded => _current is not null;

    /// <summary>True when at least one tenant exists (then numbers no tenant owns are refused at the webhook).</summary>
    public bool HasTenants => _current?.Snapshot.TenantCount > 0;

    /// <summary>The tenant owning the number, or null when none does.</summary>
    public string? OwnerOf(string phoneNumberId) => _current?.Snapshot.NumberOwners.GetValueOrDefault(phoneNumberId);

    /// <summary>The tenant owning the business account (WABA), or null when none does.</summary>
    public string? OwnerOfAccount(string businessAccountId) => _current?.Snapshot.AccountOwners.GetValueOrDefault(businessAccountId);

    /// <summary>
    /// The live key with this id, or null (unknown or revoked). A key found in a copy that is too old still
    /// authenticates, so its caller gets 503 (see <see cref="TenantAccess.CanDecide"/>) rather than a misleading 401.
    /// </summary>
    public DirectoryKey? FindKey(string keyId) => _current is { } current && current.Keys.TryGetValue(keyId, out var key) ? key : null;

    /// <summary>
    /// True when the body is signed with the app secret of an app a tenant registered (webhooks are verified against
    /// the configured secrets first, then these).
    /// </summary>
    public bool IsSignedByTenantApp(ReadOnlySpan<byte> body, string? signatureHeader) =>
        _current?.AppVerifier is { } verifier && verifier.IsValid(body, signatureHeader);

    public void MarkUsed(string keyId) => _used[keyId] = clock.GetUtcNow();

    /// <summary>Key uses since the last call, for the next refresh to report.</summary>
    public Dictionary<string, DateTimeOffset> TakeUsed()
    {
        var taken = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var keyId in _used.Keys)
        {
            if (_used.TryRemove(keyId, out var at))
            {
                taken[keyId] = at;
            }
        }

        return taken;
    }

    /// <summary>Puts uses back when reporting them failed, keeping the later time.</summary>
    public void ReturnUsed(IReadOnlyDictionary<string, DateTimeOffset> used)
    {
        foreach (var (keyId, at) in used)
        {
            _used.AddOrUpdate(keyId, at, (_, existing) => existing > at ? existing : at);
        }
    }

    /// <summary>The registry answered: a newer snapshot, or null when ours is still current.</summary>
    public void Confirm(TenantDirectorySnapshot? newer)
    {
        var now = clock.GetUtcNow();
        // Answers may cross (the refresher and an admin request both ask): never step back to an older version.
        if (newer is not null && newer.Version > Version)
        {
            var verifier = newer.AppSecrets.Count > 0 ? new WebhookSignatureVerifier(newer.AppSecrets) : null;
            _current = new Loaded(newer, newer.Keys.ToDictionary(key => key.KeyId, StringComparer.Ordinal), verifier, now);
        }
        else if (newer is null && _current is { } current)
        {
            _current = current with { ConfirmedAt = now };
        }
    }

    private sealed record Loaded(TenantDirectorySnapshot Snapshot, Dictionary<string, DirectoryKey> Keys, WebhookSignatureVerifier? AppVerifier, DateTimeOffset ConfirmedAt);
}
