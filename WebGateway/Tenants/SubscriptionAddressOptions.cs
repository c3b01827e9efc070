using Microsoft.Extensions.Options;
using WaApp.Grains.Abstractions.Subscriptions;

namespace WaApp.WebGateway.Tenants;

/// <summary>
/// The gateway's part of the <c>Subscriptions</c> settings: the private networks receivers may be in (the same
/// setting the silos check at delivery), applied when a subscription is registered.
/// </summary>
public sealed class SubscriptionAddressOptions
{
    public const string SectionName = "Subscriptions";

    /// <summary>CIDR networks (<c>Subscriptions__AllowedPrivateNetworks__n</c>); loopback is allowed in Development anyway.</summary>
    public List<string> AllowedPrivateNetworks { get; set; } = [];
}

public sealed class SubscriptionAddressOptionsValidator : IValidateOptions<SubscriptionAddressOptions>
{
    public ValidateOptionsResult Validate(string? name, SubscriptionAddressOptions options) =>
        SubscriptionAddressRules.TryParseNetworks(options.AllowedPrivateNetworks, out _, out var bad)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Subscriptions:AllowedPrivateNetworks: '{bad}' is not a CIDR network (e.g. 10.0.0.0/8).");
}
