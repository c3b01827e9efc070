using System.Security.Claims;

namespace WaApp.WebGateway.Tenants;

/// <summary>Which business numbers a caller may see: the rule every tenant-scoped endpoint and the live feed apply.</summary>
public static class TenantAccess
{
    /// <summary>
    /// A tenant key: numbers its tenant owns (and, when the key is limited, only those it names). A settings key:
    /// numbers no tenant owns, so a single-tenant install keeps working without any admin step.
    /// </summary>
    public static bool MayAccess(this TenantDirectory directory, ClaimsPrincipal user, string phoneNumberId)
    {
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
