namespace WaApp.Grains.Abstractions.Business;

/// <summary>
/// The size limits of <see cref="BusinessSettings"/>: part of the contract, so the gateway can refuse an oversized
/// field before it crosses the cluster and the business grain's rules enforce the same numbers.
/// </summary>
public static class BusinessSettingsLimits
{
    /// <summary>Meta's limit for a text message body.</summary>
    public const int MaxReplyLength = 4096;
    public const int MaxKeywordLength = 64;
    public const int MaxKeywordReplies = 100;
    public const int MaxOpeningPeriods = 50;
}
