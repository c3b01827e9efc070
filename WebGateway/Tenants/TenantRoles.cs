namespace WaApp.WebGateway.Tenants;

/// <summary>Roles beyond <see cref="Security.ApiRoles"/> that tenants bring.</summary>
public static class TenantRoles
{
    /// <summary>A settings key from <c>Api__OperatorKeys__n</c>: manages every tenant, reads no conversations.</summary>
    public const string Operator = "operator";

    /// <summary>A tenant key with role <c>admin</c>: its own tenant's keys, numbers and subscriptions, plus everything an agent does.</summary>
    public const string TenantAdmin = "tenant-admin";

    /// <summary>The policy of <c>/api/v1/admin</c>: an operator key, or a tenant admin key for its own tenant.</summary>
    public const string AdminPolicy = "tenant-admin";
}
