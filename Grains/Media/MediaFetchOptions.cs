namespace WaApp.Grains.Media;

/// <summary>How inbound files are fetched: the <c>Media:Fetch</c> configuration section.</summary>
public sealed class MediaFetchOptions
{
    public const string SectionName = "Media:Fetch";

    /// <summary>The pause after the first failed attempt; it doubles per attempt up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How often the durable reminder wakes a pending fetch (after a silo restart, or when its timer was lost with its
    /// activation). Orleans' smallest reminder period is one minute unless the silo lowers it.
    /// </summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long Meta keeps a customer's file (7 days): a fetch gives up after that.</summary>
    public TimeSpan MediaIdLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long one attempt (lookup, download, store) may take.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromMinutes(3);
}
