using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace WaApp.Silo.Hosting;

/// <summary>Ready when this silo is an active member of the cluster (it joined through the membership table).</summary>
public sealed class SiloHealthCheck(IClusterMembershipService membership, ILocalSiloDetails local) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(local.SiloAddress);
        var result = status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"Silo is {status}.")
            : HealthCheckResult.Unhealthy($"Silo is {status}.");
        return Task.FromResult(result);
    }
}
