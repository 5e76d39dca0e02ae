namespace PoliceFeeds.Core.Scheduling;

/// <summary>The days a calendar view shows: a week from Monday, or a month padded to whole weeks (Monday to Sunday).</summary>
public sealed record CalendarRange(DateOnly FirstDay, DateOnly LastDay, DateOnly Previous, DateOnly Next)
{
    public static CalendarRange Week(DateOnly day)
    {
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        return new CalendarRange(monday, monday.AddDays(6), monday.AddDays(-7), monday.AddDays(7));
    }

    public static CalendarRange Month(DateOnly day)
    {
        var first = new DateOnly(day.Year, day.Month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        return new CalendarRange(Week(first).FirstDay, Week(last).LastDay, first.AddMonths(-1), first.AddMonths(1));
    }

    public IEnumerable<DateOnly> Days()
    {
        for (var day = FirstDay; day <= LastDay; day = day.AddDays(1))
        {
            yield return day;
        }
    }

    /// <summary>A UTC window sure to hold every instant of the range in any time zone (±14 h around it).</summary>
    public (DateTime FromUtc, DateTime ToUtc) UtcWindow() => (
        DateTime.SpecifyKind(FirstDay.ToDateTime(TimeOnly.MinValue).AddHours(-14), DateTimeKind.Utc),
        DateTime.SpecifyKind(LastDay.AddDays(1).ToDateTime(TimeOnly.MinValue).AddHours(14), DateTimeKind.Utc));
}
