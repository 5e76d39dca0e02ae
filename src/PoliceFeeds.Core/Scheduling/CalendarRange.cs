namespace PoliceFeeds.Core.Scheduling;

public enum CalendarView
{
    Week,
    Month,
}

/// <summary>
/// The days a calendar view shows: a week from Monday, or a month padded to whole weeks (Monday to Sunday).
/// <paramref name="Start"/> is the day that opens the range again: the month's first day, or the week's Monday (1 January
/// 2000 for the week that starts in 1999); <paramref name="Previous"/> and
/// <paramref name="Next"/> open the neighbouring week or month, null past <see cref="SupportedDays"/>;
/// <paramref name="Clamped"/> says that the day asked for was out of them and the nearest one is shown.
/// </summary>
public sealed record CalendarRange(CalendarView View, DateOnly Start, DateOnly FirstDay, DateOnly LastDay, DateOnly? Previous, DateOnly? Next, bool Clamped)
{
    public static CalendarRange Week(DateOnly day)
    {
        var shown = SupportedDays.Clamp(day);
        var monday = MondayOf(shown);
        var sunday = monday.AddDays(6);
        return new CalendarRange(
            CalendarView.Week,
            SupportedDays.Clamp(monday),
            monday,
            sunday,
            monday > SupportedDays.First ? SupportedDays.Clamp(monday.AddDays(-7)) : null,
            sunday < SupportedDays.Last ? SupportedDays.Clamp(monday.AddDays(7)) : null,
            shown != day);
    }

    public static CalendarRange Month(DateOnly day)
    {
        var shown = SupportedDays.Clamp(day);
        var first = new DateOnly(shown.Year, shown.Month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        return new CalendarRange(
            CalendarView.Month,
            first,
            MondayOf(first),
            MondayOf(last).AddDays(6),
            first > SupportedDays.First ? first.AddMonths(-1) : null,
            last < SupportedDays.Last ? first.AddMonths(1) : null,
            shown != day);
    }

    /// <summary>Whether a day is in the month shown (a month view draws a few days of its neighbours too).</summary>
    public bool InMonth(DateOnly day) => day.Year == Start.Year && day.Month == Start.Month;

    /// <summary>
    /// The day "Semaine" opens: from a month, today when today is in that month, else the month's first day (its first
    /// week); from a week, the week itself.
    /// </summary>
    public DateOnly WeekViewDay(DateOnly today) => View == CalendarView.Month && InMonth(today) ? today : Start;

    /// <summary>
    /// The day "Mois" opens: from a week, today when today is in that week, else its Thursday (the month holding most
    /// of the week, as ISO 8601 counts weeks); from a month, the month itself.
    /// </summary>
    public DateOnly MonthViewDay(DateOnly today) =>
        View == CalendarView.Month ? Start : SupportedDays.Clamp(today >= FirstDay && today <= LastDay ? today : FirstDay.AddDays(3));

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

    private static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
