using Microsoft.Extensions.Options;

namespace WaApp.Grains.Subscriptions;

/// <summary>The silo's <c>Subscriptions</c> settings: how event subscriptions are delivered and retried.</summary>
public sealed class SubscriptionOptions
{
    public const string SectionName = "Subscriptions";

    /// <summary>How long one event is retried before its subscription is paused (the clock starts at its first failure).</summary>
    public TimeSpan RetryBudget { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The wait after the first failed attempt; it doubles per attempt (with jitter) up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a receiver has to answer one POST; longer counts as a failed attempt.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Requests in flight per subscription, one conversation each: a slow receiver holds up only this many.</summary>
    public int MaxInFlight { get; set; } = 4;

    /// <summary>How often a dispatcher writes its cursors when they moved (lazily: a crash re-delivers, never skips).</summary>
    public TimeSpan CursorFlushInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a silo asks the tenant registry which subscriptions hear of which numbers.</summary>
    public TimeSpan RouteRefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How far before its last written checkpoint a restarted dispatcher looks for conversations with new events.</summary>
    public TimeSpan RecoveryMargin { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How often an active dispatcher reads the activity index for commits it was not told of (a notification lost to a
    /// crash, or sent before a silo learnt of the subscription).
    /// </summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A caught-up conversation's cursor is forgotten after this long without events (a new event brings it back).</summary>
    public TimeSpan IdleCursorLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Attempts kept for <c>GET /subscriptions/{id}/deliveries</c>.</summary>
    public int RecentDeliveries { get; set; } = 50;

    /// <summary>
    /// CIDR networks of private or loopback addresses receivers may have (<c>Subscriptions__AllowedPrivateNetworks__n</c>);
    /// empty by default. Link-local and metadata addresses are never allowed. Development allows loopback by itself.
    /// </summary>
    public List<string> AllowedPrivateNetworks { get; set; } = [];
}

public sealed class SubscriptionOptionsValidator : IValidateOptions<SubscriptionOptions>
{
    public ValidateOptionsResult Validate(string? name, SubscriptionOptions options)
    {
        List<string> errors = [];
        if (options.RetryBudget <= TimeSpan.Zero)
        {
            errors.Add("Subscriptions:RetryBudget must be positive.");
        }

        if (options.FirstRetryDelay <= TimeSpan.Zero || options.MaxRetryDelay < options.FirstRetryDelay)
        {
            errors.Add("Subscriptions:FirstRetryDelay must be positive and MaxRetryDelay at least FirstRetryDelay.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            errors.Add("Subscriptions:RequestTimeout must be positive.");
        }

        if (options.MaxInFlight is < 1 or > 64)
        {
            errors.Add("Subscriptions:MaxInFlight must be 1 to 64.");
        }

        if (options.CursorFlushInterval < TimeSpan.FromMilliseconds(100) || options.RouteRefreshInterval < TimeSpan.FromMilliseconds(100))
        {
            errors.Add("Subscriptions:CursorFlushInterval and RouteRefreshInterval must be at least 100 ms.");
        }

        if (options.SweepInterval < TimeSpan.FromMilliseconds(100))
        {
            errors.Add("Subscriptions:SweepInterval must be at least 100 ms.");
        }

        if (options.RecoveryMargin < TimeSpan.Zero || options.IdleCursorLifetime <= options.RecoveryMargin)
        {
            errors.Add("Subscriptions:RecoveryMargin must not be negative and IdleCursorLifetime must exceed it.");
        }

        if (options.RecentDeliveries is < 1 or > 1000)
        {
            errors.Add("Subscriptions:RecentDeliveries must be 1 to 1000.");
        }

        if (!Abstractions.Subscriptions.SubscriptionAddressRules.TryParseNetworks(options.AllowedPrivateNetworks, out _, out var bad))
        {
            errors.Add($"Subscriptions:AllowedPrivateNetworks: '{bad}' is not a CIDR network (e.g. 10.0.0.0/8).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
