using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace WaApp.Grains.Tenants;

/// <summary>The silo's <c>Tenants</c> settings.</summary>
public sealed class TenantOptions
{
    public const string SectionName = "Tenants";

    /// <summary>
    /// 32 random bytes (64 hex digits or base64): the AES-256-GCM key that seals tenants' Meta access tokens at rest
    /// (<c>Tenants__TokenEncryptionKey</c>; in the CloudFormation stack it comes from Secrets Manager). Development
    /// falls back to a fixed, public key so a local run needs no setup.
    /// </summary>
    public string? TokenEncryptionKey { get; set; }

    /// <summary>How often last-use times of keys reported by gateways are written (they are never written per request).</summary>
    public TimeSpan LastUseFlushInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Outside Development the encryption key must be set and be 32 bytes of base64.</summary>
public sealed class TenantOptionsValidator(IHostEnvironment environment) : IValidateOptions<TenantOptions>
{
    public ValidateOptionsResult Validate(string? name, TenantOptions options)
    {
        if (options.LastUseFlushInterval <= TimeSpan.Zero)
        {
            return ValidateOptionsResult.Fail("Tenants:LastUseFlushInterval must be positive.");
        }

        if (string.IsNullOrEmpty(options.TokenEncryptionKey))
        {
            return environment.IsDevelopment()
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail("Tenants:TokenEncryptionKey is required outside Development (Tenants__TokenEncryptionKey: base64 of 32 random bytes).");
        }

        return AccessTokenProtector.TryDecodeKey(options.TokenEncryptionKey, out _)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Tenants:TokenEncryptionKey must be 32 bytes: 64 hex digits or base64.");
    }
}
