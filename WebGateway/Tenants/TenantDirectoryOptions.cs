using Microsoft.Extensions.Options;

namespace WaApp.WebGateway.Tenants;

/// <summary>The gateway's <c>Tenants</c> settings: how fresh its copy of the tenant directory is kept.</summary>
public sealed class TenantDirectoryOptions
{
    public const string SectionName = "Tenants";

    /// <summary>How often the gateway asks the registry for a newer directory; a revoked key stops working within about this long.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How old the copy may get (registry unreachable) before the gateway stops trusting it: tenant keys are then
    /// refused and scoped requests and webhooks answer 503, so a revocation can never be outlived by an outage.
    /// </summary>
    public TimeSpan MaxStaleness { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed class TenantDirectoryOptionsValidator : IValidateOptions<TenantDirectoryOptions>
{
    public ValidateOptionsResult Validate(string? name, TenantDirectoryOptions options) =>
        options.RefreshInterval <= TimeSpan.Zero || options.MaxStaleness < options.RefreshInterval * 2
            ? ValidateOptionsResult.Fail("Tenants:RefreshInterval must be positive and Tenants:MaxStaleness at least twice as long.")
            : ValidateOptionsResult.Success;
}
