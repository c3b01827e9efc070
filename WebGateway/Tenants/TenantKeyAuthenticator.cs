using System.Security.Claims;
using System.Security.Cryptography;
using WaApp.Grains.Abstractions.Tenants;
using WaApp.WebGateway.Security;

namespace WaApp.WebGateway.Tenants;

/// <summary>
/// Checks a presented key against the gateway's copy of the tenant directory: found by its key id, compared by hash
/// in constant time, its use noted (reported to the registry with the next refresh, never written per request).
/// </summary>
public sealed class TenantKeyAuthenticator(TenantDirectory directory)
{
    public ClaimsIdentity? Authenticate(string presented, string scheme)
    {
        if (TenantKeyFormat.KeyIdOf(presented) is not { } keyId || directory.FindKey(keyId) is not { } key)
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(TenantKeyFormat.Hash(presented), key.Hash))
        {
            return null;
        }

        directory.MarkUsed(keyId);
        List<Claim> claims =
        [
            new(ClaimTypes.Name, $"tenant-key-{keyId}"),
            new(TenantClaims.Tenant, key.TenantId),
            new(TenantClaims.Key, keyId),
        ];
        claims.AddRange(key.Role switch
        {
            TenantKeyRoles.Admin => [new Claim(ClaimTypes.Role, ApiRoles.Agent), new Claim(ClaimTypes.Role, TenantRoles.TenantAdmin)],
            TenantKeyRoles.Agent => [new Claim(ClaimTypes.Role, ApiRoles.Agent)],
            _ => [new Claim(ClaimTypes.Role, ApiRoles.Reader)],
        });
        claims.AddRange(key.PhoneNumberIds.Select(number => new Claim(TenantClaims.Number, number)));
        return new ClaimsIdentity(claims, scheme);
    }
}
