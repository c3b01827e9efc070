using System.Collections.Concurrent;
using WaApp.Grains.Abstractions.Tenants;
using WaApp.WhatsApp.Graph;

namespace WaApp.Grains.Tenants;

/// <summary>
/// The sender's view of tenants' Meta credentials: the decrypted token of the number's business account from the
/// registry, kept in memory for <see cref="CacheFor"/> so a send costs no grain call most of the time (a new token is
/// used within that long). Null (the configured token) for numbers no tenant registered a token for.
/// </summary>
public sealed class TenantAccessTokenSource(IGrainFactory grains, TimeProvider clock) : IAccessTokenSource
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (string? Token, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    public async ValueTask<string?> GetAccessTokenAsync(string phoneNumberId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(phoneNumberId, out var cached) && cached.Until > now)
        {
            return cached.Token;
        }

        var token = await grains.GetGrain<ITenantRegistryGrain>(ITenantRegistryGrain.Key).GetAccessTokenAsync(phoneNumberId).WaitAsync(cancellationToken);
        _cache[phoneNumberId] = (token, now + CacheFor);
        return token;
    }
}
