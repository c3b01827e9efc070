using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WaApp.WebGateway.Tenants;

/// <summary>Ready only with a current copy of the tenant directory: before it, the gateway cannot tell whose a number is.</summary>
public sealed class TenantDirectoryHealthCheck(TenantDirectory directory) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(directory.IsCurrent
            ? HealthCheckResult.Healthy($"Tenant directory version {directory.Version}.")
            : HealthCheckResult.Unhealthy("The tenant directory is not loaded or too old."));
}
