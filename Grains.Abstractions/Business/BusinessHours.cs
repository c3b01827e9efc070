namespace WaApp.Grains.Abstractions.Business;

/// <summary>
/// Weekly opening hours in the business's own time zone; outside them customers get <paramref name="AwayMessage"/>,
/// at most once per <paramref name="AwayMessageInterval"/> (default 24 hours).
/// </summary>
/// <param name="TimeZone">An IANA time zone id such as <c>Europe/Madrid</c>; daylight saving time follows it.</param>
/// <param name="Periods">When the business is open, by local wall-clock time.</param>
[GenerateSerializer, Immutable, Alias("waapp.BusinessHours")]
public sealed record BusinessHours(
    string TimeZone,
    IReadOnlyList<OpeningPeriod> Periods,
    string AwayMessage,
    TimeSpan? AwayMessageInterval = null)
{
    public TimeSpan EffectiveAwayMessageInterval => AwayMessageInterval ?? BusinessSettings.DefaultAwayMessageInterval;

    /// <summary>Value equality, including the periods in order (records alone compare lists by reference).</summary>
    public bool Equals(BusinessHours? other) =>
        other is not null
        && TimeZone == other.TimeZone
        && Periods.SequenceEqual(other.Periods)
        && AwayMessage == other.AwayMessage
        && AwayMessageInterval == other.AwayMessageInterval;

    public override int GetHashCode() => HashCode.Combine(TimeZone, Periods.Count, AwayMessage, AwayMessageInterval);
}

/// <summary>
/// Open from <paramref name="Opens"/> to <paramref name="Closes"/> (exclusive) on <paramref name="Day"/>. When
/// <paramref name="Closes"/> is not after <paramref name="Opens"/> the period runs past midnight into the next day
/// (Friday 22:00–02:00); equal times mean 24 hours from <paramref name="Opens"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("waapp.OpeningPeriod")]
public sealed record OpeningPeriod(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes);
