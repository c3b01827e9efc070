using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Rules;

namespace WaApp.Grains.Tests.Rules;

public sealed class BusinessHoursScheduleTests
{
    private static readonly TimeOnly Nine = new(9, 0);
    private static readonly TimeOnly Five = new(17, 0);

    [Fact]
    public void New_York_opening_hours_follow_the_clocks_across_the_spring_dst_change()
    {
        var schedule = Weekdays("America/New_York", Nine, Five);

        // 13:30 UTC is 08:30 EST the week before DST starts (8 March 2026) and 09:30 EDT the week after.
        Assert.False(schedule.IsOpenAt(Utc(2026, 3, 2, 13, 30)));
        Assert.True(schedule.IsOpenAt(Utc(2026, 3, 9, 13, 30)));
        // 21:30 UTC is 16:30 EST (open) before and 17:30 EDT (closed) after.
        Assert.True(schedule.IsOpenAt(Utc(2026, 3, 2, 21, 30)));
        Assert.False(schedule.IsOpenAt(Utc(2026, 3, 9, 21, 30)));
    }

    [Fact]
    public void Opening_and_closing_times_are_inclusive_and_exclusive()
    {
        var schedule = Weekdays("Asia/Kolkata", Nine, Five);

        // Monday 23 November 2026; India is UTC+05:30.
        Assert.False(schedule.IsOpenAt(Utc(2026, 11, 23, 3, 29)));
        Assert.True(schedule.IsOpenAt(Utc(2026, 11, 23, 3, 30)));
        Assert.True(schedule.IsOpenAt(Utc(2026, 11, 23, 11, 29)));
        Assert.False(schedule.IsOpenAt(Utc(2026, 11, 23, 11, 30)));
    }

    [Fact]
    public void Weekends_are_closed_when_no_period_covers_them()
    {
        var schedule = Weekdays("Europe/Madrid", Nine, Five);

        Assert.False(schedule.IsOpenAt(Utc(2026, 11, 28, 11, 0))); // Saturday 12:00 in Madrid
        Assert.True(schedule.IsOpenAt(Utc(2026, 11, 27, 11, 0))); // Friday 12:00 in Madrid
    }

    [Fact]
    public void A_saturday_night_period_runs_past_midnight_into_sunday()
    {
        var schedule = BusinessHoursSchedule.Create(Hours("Europe/Madrid", new OpeningPeriod(DayOfWeek.Saturday, new TimeOnly(22, 0), new TimeOnly(2, 0))));

        // Madrid is UTC+01:00 in late November.
        Assert.False(schedule.IsOpenAt(Utc(2026, 11, 28, 20, 59))); // Saturday 21:59
        Assert.True(schedule.IsOpenAt(Utc(2026, 11, 28, 21, 0))); // Saturday 22:00
        Assert.True(schedule.IsOpenAt(Utc(2026, 11, 29, 0, 30))); // Sunday 01:30
        Assert.False(schedule.IsOpenAt(Utc(2026, 11, 29, 1, 0))); // Sunday 02:00
    }

    [Fact]
    public void The_repeated_hour_when_clocks_fall_back_is_open_both_times()
    {
        // New York falls back on 1 November 2026: 01:15 happens at 05:15 UTC (EDT) and again at 06:15 UTC (EST).
        var schedule = BusinessHoursSchedule.Create(Hours("America/New_York", new OpeningPeriod(DayOfWeek.Sunday, new TimeOnly(1, 0), new TimeOnly(1, 30))));

        Assert.True(schedule.IsOpenAt(Utc(2026, 11, 1, 5, 15)));
        Assert.True(schedule.IsOpenAt(Utc(2026, 11, 1, 6, 15)));
        Assert.False(schedule.IsOpenAt(Utc(2026, 11, 1, 6, 45)));
    }

    [Fact]
    public void A_period_through_the_skipped_spring_hour_opens_at_the_next_real_time()
    {
        // 8 March 2026 in New York jumps from 01:59:59 EST to 03:00 EDT.
        var schedule = BusinessHoursSchedule.Create(Hours("America/New_York", new OpeningPeriod(DayOfWeek.Sunday, new TimeOnly(2, 0), new TimeOnly(4, 0))));

        Assert.False(schedule.IsOpenAt(Utc(2026, 3, 8, 6, 59))); // 01:59 EST
        Assert.True(schedule.IsOpenAt(Utc(2026, 3, 8, 7, 0))); // 03:00 EDT
        Assert.False(schedule.IsOpenAt(Utc(2026, 3, 8, 8, 0))); // 04:00 EDT
    }

    [Fact]
    public void Equal_opening_and_closing_times_mean_the_whole_day()
    {
        var schedule = BusinessHoursSchedule.Create(Hours("UTC", new OpeningPeriod(DayOfWeek.Monday, TimeOnly.MinValue, TimeOnly.MinValue)));

        Assert.True(schedule.IsOpenAt(Utc(2026, 11, 23, 0, 0)));
        Assert.True(schedule.IsOpenAt(Utc(2026, 11, 23, 23, 59)));
        Assert.False(schedule.IsOpenAt(Utc(2026, 11, 24, 0, 0)));
    }

    [Fact]
    public void An_unknown_time_zone_is_refused()
    {
        Assert.Throws<ArgumentException>(() => BusinessHoursSchedule.Create(Hours("Mars/Olympus_Mons", new OpeningPeriod(DayOfWeek.Monday, Nine, Five))));
    }

    private static BusinessHoursSchedule Weekdays(string zone, TimeOnly opens, TimeOnly closes) =>
        BusinessHoursSchedule.Create(Hours(
            zone,
            [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
                .Select(day => new OpeningPeriod(day, opens, closes))]));

    private static BusinessHours Hours(string zone, params OpeningPeriod[] periods) => new(zone, periods, "We are closed.");

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);
}
