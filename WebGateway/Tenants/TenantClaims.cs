using System.Security.Claims;

namespace WaApp.WebGateway.Tenants;

/// <summary>Claims a tenant key adds to its principal; a settings key has none of them.</summary>
public static class TenantClaims
{
    public const string Tenant = "waapp:tenant";
    public const string Key = "waapp:key";

    /// <summary>One claim per number a key is limited to; none when it may use every number of its tenant.</summary>
    public const string Number = "waapp:number";

    public static string? TenantOf(ClaimsPrincipal user) => user.FindFirst(Tenant)?.Value;

    public static bool IsTenantKey(ClaimsPrincipal user) => user.HasClaim(claim => claim.Type == Tenant);
}
