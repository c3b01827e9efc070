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
    /// history stays available). Bounded so the business item stays well under DynamoDB's 400 KB item limit.
    /// </summary>
    public int MaxIndexedConversations { get; set; } = 2000;
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

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
