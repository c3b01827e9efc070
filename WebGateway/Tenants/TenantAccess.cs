using System.Security.Claims;

namespace WaApp.WebGateway.Tenants;

/// <summary>Which business numbers a caller may see: the rule every tenant-scoped endpoint and the live feed apply.</summary>
public static class TenantAccess
{
    /// <summary>
    /// Whether the gateway's copy is good enough to decide for this caller: a tenant key needs a current copy (its
    /// revocation must not be outlived by an outage); a settings key only a loaded one (an old copy at worst shows a
    /// number registered to a tenant in the last seconds, and a silo failover must not stop single-tenant installs).
    /// </summary>
    public static bool CanDecide(this TenantDirectory directory, ClaimsPrincipal user) =>
        TenantClaims.IsTenantKey(user) ? directory.IsCurrent : directory.IsLoaded;

    /// <summary>
    /// A tenant key: numbers its tenant owns (and, when the key is limited, only those it names). A settings key:
    /// numbers no tenant owns, so a single-tenant install keeps working without any admin step.
    /// </summary>
    public static bool MayAccess(this TenantDirectory directory, ClaimsPrincipal user, string phoneNumberId)
    {
        if (!directory.IsLoaded)
        {
            return false;
        }

        var owner = directory.OwnerOf(phoneNumberId);
        if (TenantClaims.TenantOf(user) is not { } tenant)
        {
            return owner is null;
        }

        if (!string.Equals(owner, tenant, StringComparison.Ordinal))
        {
            return false;
        }

        var limits = user.FindAll(TenantClaims.Number).ToList();
        return limits.Count == 0 || limits.Any(limit => string.Equals(limit.Value, phoneNumberId, StringComparison.Ordinal));
    }
}
