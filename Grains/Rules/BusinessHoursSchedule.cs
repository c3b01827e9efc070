using WaApp.Grains.Abstractions.Business;

namespace WaApp.Grains.Rules;

/// <summary>
/// Answers "is the business open at this instant?" from <see cref="BusinessHours"/> by converting the instant to
/// the business's local wall-clock time, so daylight-saving changes move the opening hours with the clocks.
/// </summary>
public sealed class BusinessHoursSchedule
{
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    private readonly TimeZoneInfo _zone;
    private readonly (TimeSpan Start, TimeSpan End)[] _ranges;

    private BusinessHoursSchedule(TimeZoneInfo zone, (TimeSpan Start, TimeSpan End)[] ranges)
    {
        _zone = zone;
        _ranges = ranges;
    }

    /// <summary>Builds the schedule; the hours must have passed <see cref="BusinessSettingsValidator"/>.</summary>
    public static BusinessHoursSchedule Create(BusinessHours hours)
    {
        if (!BusinessSettingsValidator.TryFindTimeZone(hours.TimeZone, out var zone))
        {
            throw new ArgumentException($"'{hours.TimeZone}' is not an IANA time zone id.", nameof(hours));
        }

        return new BusinessHoursSchedule(zone, [.. hours.Periods.Select(BusinessSettingsValidator.WeekRange)]);
    }

    public bool IsOpenAt(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, _zone);
        var sinceSunday = TimeSpan.FromDays((int)local.DayOfWeek) + local.TimeOfDay;
        foreach (var (start, end) in _ranges)
        {
            // A Saturday-night period may run into Sunday morning: check last week's tail too.
            if ((sinceSunday >= start && sinceSunday < end) || (sinceSunday + Week >= start && sinceSunday + Week < end))
            {
                return true;
            }
        }

        return false;
    }
}
