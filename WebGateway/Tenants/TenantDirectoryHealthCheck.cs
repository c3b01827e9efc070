using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WaApp.WebGateway.Tenants;

/// <summary>Ready only once the tenant directory is loaded (before it, the gateway cannot tell whose a number is); degraded while it is too old.</summary>
public sealed class TenantDirectoryHealthCheck(TenantDirectory directory) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            directory.IsCurrent ? HealthCheckResult.Healthy($"Tenant directory version {directory.Version}.")
            : directory.IsLoaded ? HealthCheckResult.Degraded($"Tenant directory version {directory.Version} is too old: tenant keys are refused until it is refreshed.")
            : HealthCheckResult.Unhealthy("The tenant directory is not loaded yet."));
}
