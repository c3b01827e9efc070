using Microsoft.Extensions.Options;

namespace WaApp.Grains.Business;

/// <summary>Tunables of <see cref="BusinessGrain"/> (configuration section <c>Business</c>).</summary>
public sealed class BusinessGrainOptions
{
    public const string SectionName = "Business";

    /// <summary>
    /// How often pending counters and index changes are written. A crash loses at most this much activity from the
    /// counters (the conversations themselves are durable).
    /// </summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The most recently active conversations kept in the listing index; older ones drop out of the list (their
    /// history stays available). <see cref="MaxIndexBytes"/> bounds the same list by its stored size.
    /// </summary>
    public int MaxIndexedConversations { get; set; } = 2000;

    /// <summary>
    /// The most bytes of JSON the listing index may take; the least recently active conversations beyond it drop out
    /// of the list. Names and previews vary (an 85-character preview in Cyrillic is over 500 bytes escaped), so the
    /// count alone cannot keep the item under DynamoDB's 400 KB; this leaves room for counters and metadata.
    /// </summary>
    public int MaxIndexBytes { get; set; } = 300_000;

    /// <summary>Live clients get a <c>window.expiring</c> frame when a conversation's 24-hour window closes within this.</summary>
    public TimeSpan WindowExpiringNotice { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the business looks for windows about to close (only while a live client watches it).</summary>
    public TimeSpan WindowCheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// On activation the business looks for conversations that changed since its last write, from this long before
    /// it: reports were still in flight when it wrote, and silos' clocks differ a little. A conversation found twice
    /// is not counted twice (the index knows the version each entry covers).
    /// </summary>
    public TimeSpan RecoveryMargin { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How far back a number with no stored state (new, and lost before its first write) looks for its conversations.
    /// </summary>
    public TimeSpan NewNumberRecoveryWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The most conversations one activation reads back from the store; the most recently active win.</summary>
    public int MaxRecoveredConversations { get; set; } = 2000;

    /// <summary>The most commits of the activity index one activation looks at (a number's busiest seconds are far fewer).</summary>
    public int MaxRecoveryCommits { get; set; } = 100_000;

    /// <summary>
    /// How long a silo gathers its conversations' reports to one number before sending them in one call (the number's
    /// conversation list and counters lag by this much; live frames do not wait). Zero sends every report at once.
    /// </summary>
    public TimeSpan ActivityReportInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The most conversation reports in one call to a business; more gathered in one interval take more calls.</summary>
    public int MaxReportsPerCall { get; set; } = 256;

    /// <summary>
    /// The longest a silo uses the settings it holds for a number without asking its business again. Changes reach
    /// every silo before they are acknowledged; this bounds a change that could not (a silo that did not answer in
    /// time). Zero asks the business for every customer message.
    /// </summary>
    public TimeSpan SettingsCacheLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a settings update waits for each silo holding the number's settings to hear of it.</summary>
    public TimeSpan SettingsChangeNoticeTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

public sealed class BusinessGrainOptionsValidator : IValidateOptions<BusinessGrainOptions>
{
    public ValidateOptionsResult Validate(string? name, BusinessGrainOptions options)
    {
        var failures = new List<string>();
        if (options.FlushInterval < TimeSpan.FromMilliseconds(100) || options.FlushInterval > TimeSpan.FromMinutes(10))
        {
            failures.Add("Business:FlushInterval must be between 00:00:00.1 and 00:10:00.");
        }

        if (options.MaxIndexedConversations is < 10 or > 2500)
        {
            failures.Add("Business:MaxIndexedConversations must be between 10 and 2500 (the index is one DynamoDB item).");
        }

        if (options.MaxIndexBytes is < 10_000 or > 350_000)
        {
            failures.Add("Business:MaxIndexBytes must be between 10000 and 350000 (the index shares one 400 KB DynamoDB item with the counters).");
        }

        if (options.WindowExpiringNotice <= TimeSpan.Zero || options.WindowExpiringNotice > TimeSpan.FromHours(23))
        {
            failures.Add("Business:WindowExpiringNotice must be more than 0 and at most 23:00:00.");
        }

        if (options.WindowCheckInterval < TimeSpan.FromSeconds(1) || options.WindowCheckInterval > TimeSpan.FromMinutes(30))
        {
            failures.Add("Business:WindowCheckInterval must be between 00:00:01 and 00:30:00.");
        }

        if (options.RecoveryMargin < TimeSpan.Zero || options.RecoveryMargin > TimeSpan.FromHours(1))
        {
            failures.Add("Business:RecoveryMargin must be between 00:00:00 and 01:00:00.");
        }

        if (options.NewNumberRecoveryWindow < TimeSpan.FromMinutes(1) || options.NewNumberRecoveryWindow > TimeSpan.FromDays(7))
        {
            failures.Add("Business:NewNumberRecoveryWindow must be between 00:01:00 and 7.00:00:00.");
        }

        if (options.MaxRecoveredConversations is < 1 or > 10_000)
        {
            failures.Add("Business:MaxRecoveredConversations must be between 1 and 10000.");
        }

        if (options.MaxRecoveryCommits is < 100 or > 1_000_000)
        {
            failures.Add("Business:MaxRecoveryCommits must be between 100 and 1000000.");
        }

        if (options.ActivityReportInterval < TimeSpan.Zero || options.ActivityReportInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add("Business:ActivityReportInterval must be between 00:00:00 and 00:01:00.");
        }

        if (options.MaxReportsPerCall is < 1 or > 5000)
        {
            failures.Add("Business:MaxReportsPerCall must be between 1 and 5000.");
        }

        if (options.SettingsCacheLifetime < TimeSpan.Zero || options.SettingsCacheLifetime > TimeSpan.FromHours(1))
        {
            failures.Add("Business:SettingsCacheLifetime must be between 00:00:00 and 01:00:00.");
        }

        if (options.SettingsChangeNoticeTimeout < TimeSpan.FromMilliseconds(100) || options.SettingsChangeNoticeTimeout > TimeSpan.FromMinutes(1))
        {
            failures.Add("Business:SettingsChangeNoticeTimeout must be between 00:00:00.1 and 00:01:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
