using Microsoft.Extensions.Options;

namespace WaApp.Grains.LiveFeed;

/// <summary>Tunables of the silo side of the live feed (configuration section <c>LiveFeed</c>).</summary>
public sealed class LiveFeedOptions
{
    public const string SectionName = "LiveFeed";

    /// <summary>A gateway not heard from for this long is dropped (gateways register every few seconds).</summary>
    public TimeSpan SubscriberExpiry { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often each silo re-reads who watches what.</summary>
    public TimeSpan AudienceRefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Frame batches waiting to be fanned out per silo; beyond this the oldest are dropped (clients see a gap and re-fetch).</summary>
    public int MaxPendingBatches { get; set; } = 10_000;
}

public sealed class LiveFeedOptionsValidator : IValidateOptions<LiveFeedOptions>
{
    public ValidateOptionsResult Validate(string? name, LiveFeedOptions options)
    {
        var failures = new List<string>();
        if (options.AudienceRefreshInterval < TimeSpan.FromMilliseconds(100) || options.AudienceRefreshInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add("LiveFeed:AudienceRefreshInterval must be between 00:00:00.1 and 00:01:00.");
        }

        if (options.SubscriberExpiry < options.AudienceRefreshInterval * 2 || options.SubscriberExpiry > TimeSpan.FromMinutes(10))
        {
            failures.Add("LiveFeed:SubscriberExpiry must be at least twice AudienceRefreshInterval and at most 00:10:00.");
        }

        if (options.MaxPendingBatches is < 1 or > 1_000_000)
        {
            failures.Add("LiveFeed:MaxPendingBatches must be between 1 and 1000000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
