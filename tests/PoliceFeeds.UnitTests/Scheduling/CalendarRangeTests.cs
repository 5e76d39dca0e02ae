using PoliceFeeds.Core.Scheduling;

namespace PoliceFeeds.UnitTests.Scheduling;

/// <summary>The calendar's weeks and months, the days its "Semaine" and "Mois" links open, and out-of-range days.</summary>
public sealed class CalendarRangeTests
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void A_week_runs_from_monday_to_sunday_and_a_month_covers_whole_weeks()
    {
        var week = CalendarRange.Week(D(2026, 6, 14));
        Assert.Equal((CalendarView.Week, D(2026, 6, 8), D(2026, 6, 8), D(2026, 6, 14)), (week.View, week.Start, week.FirstDay, week.LastDay));
        Assert.Equal((D(2026, 6, 1), D(2026, 6, 15)), (week.Previous, week.Next));

        var month = CalendarRange.Month(D(2026, 2, 10));
        Assert.Equal((CalendarView.Month, D(2026, 2, 1), D(2026, 1, 26), D(2026, 3, 1)), (month.View, month.Start, month.FirstDay, month.LastDay));
        Assert.Equal((D(2026, 1, 1), D(2026, 3, 1)), (month.Previous, month.Next));
        Assert.Equal(35, month.Days().Count());
        Assert.False(month.Clamped);
    }

    public static TheoryData<DateOnly, DateOnly, DateOnly> WeekFromMonth => new()
    {
        // today, month shown, day "Semaine" opens
        { D(2026, 12, 7), D(2026, 12, 1), D(2026, 12, 7) },    // the case: not the week of 30 November
        { D(2026, 12, 1), D(2026, 12, 1), D(2026, 12, 1) },
        { D(2026, 12, 31), D(2026, 12, 1), D(2026, 12, 31) },
        { D(2028, 2, 29), D(2028, 2, 1), D(2028, 2, 29) },
        { D(2026, 12, 7), D(2027, 1, 1), D(2027, 1, 1) },      // another month: its first week
        { D(2026, 11, 30), D(2026, 12, 1), D(2026, 12, 1) },   // today is drawn in December's first row, but is in November
    };

    [Theory]
    [MemberData(nameof(WeekFromMonth))]
    public void Week_from_a_month_is_the_week_of_today_in_that_month_else_its_first_week(DateOnly today, DateOnly month, DateOnly expected)
    {
        var range = CalendarRange.Month(month);

        var day = range.WeekViewDay(today);

        Assert.Equal(expected, day);
        Assert.Equal(CalendarRange.Week(expected).FirstDay, CalendarRange.Week(day).FirstDay);
        Assert.Equal(range.Start, range.MonthViewDay(today));
    }

    public static TheoryData<DateOnly, DateOnly, DateOnly> MonthFromWeek => new()
    {
        // today, a day of the week shown, month "Mois" opens
        { D(2026, 12, 2), D(2026, 11, 30), D(2026, 12, 1) },   // today in the week: today's month
        { D(2025, 12, 31), D(2025, 12, 29), D(2025, 12, 1) },  // 31 December in a week that ends in January
        { D(2026, 1, 1), D(2025, 12, 29), D(2026, 1, 1) },
        { D(2027, 5, 1), D(2026, 11, 30), D(2026, 12, 1) },    // today elsewhere: the month holding most of the week (its Thursday)
        { D(2027, 5, 1), D(2026, 6, 29), D(2026, 7, 1) },
        { D(2027, 5, 1), D(2026, 6, 24), D(2026, 6, 1) },
    };

    [Theory]
    [MemberData(nameof(MonthFromWeek))]
    public void Month_from_a_week_is_the_month_of_today_in_that_week_else_the_month_of_its_thursday(DateOnly today, DateOnly inWeek, DateOnly expectedMonth)
    {
        var range = CalendarRange.Week(inWeek);

        var month = CalendarRange.Month(range.MonthViewDay(today));

        Assert.Equal(expectedMonth, month.Start);
        Assert.Equal(range.Start, range.WeekViewDay(today));
        Assert.True(month.FirstDay <= range.FirstDay && range.LastDay <= month.LastDay, "the month drawn holds the whole week");
    }

    public static TheoryData<DateOnly> ExtremeDays => new()
    {
        DateOnly.MinValue, D(1, 1, 2), D(1, 1, 8), D(1999, 12, 31), D(2000, 1, 1), D(2000, 1, 3),
        D(2100, 12, 27), D(2100, 12, 31), D(2101, 1, 1), D(9999, 12, 1), D(9999, 12, 27), DateOnly.MaxValue,
    };

    [Theory]
    [MemberData(nameof(ExtremeDays))]
    public void Any_day_gives_a_range_within_the_supported_days_and_links_that_stay_in_them(DateOnly day)
    {
        foreach (var range in new[] { CalendarRange.Week(day), CalendarRange.Month(day) })
        {
            Assert.Equal(!SupportedDays.Contains(day), range.Clamped);
            // The range holds the nearest supported day (a first week may start in December 1999).
            var shown = SupportedDays.Clamp(day);
            Assert.True(range.FirstDay <= shown && shown <= range.LastDay, $"{shown} not in {range.FirstDay}–{range.LastDay}");
            Assert.Equal(DayOfWeek.Monday, range.FirstDay.DayOfWeek);
            Assert.Equal(DayOfWeek.Sunday, range.LastDay.DayOfWeek);
            var (fromUtc, toUtc) = range.UtcWindow();
            Assert.True(fromUtc < toUtc);
            foreach (var link in new[] { range.Previous, range.Next, range.WeekViewDay(day), range.MonthViewDay(day) })
            {
                Assert.True(link is null || SupportedDays.Contains(link.Value), $"{link}");
            }
        }
    }

    [Fact]
    public void The_first_and_last_supported_months_and_weeks_have_no_link_beyond_them()
    {
        Assert.Null(CalendarRange.Month(SupportedDays.First).Previous);
        Assert.Equal(D(2000, 2, 1), CalendarRange.Month(SupportedDays.First).Next);
        Assert.Null(CalendarRange.Month(SupportedDays.Last).Next);
        Assert.Equal(D(2100, 11, 1), CalendarRange.Month(SupportedDays.Last).Previous);

        var firstWeek = CalendarRange.Week(D(2000, 1, 2));
        Assert.Equal((D(1999, 12, 27), D(2000, 1, 1)), (firstWeek.FirstDay, firstWeek.Start));
        Assert.False(CalendarRange.Week(firstWeek.Start).Clamped);
        Assert.Null(firstWeek.Previous);
        var secondWeek = CalendarRange.Week(D(2000, 1, 3));
        Assert.Equal(firstWeek.FirstDay, CalendarRange.Week(secondWeek.Previous!.Value).FirstDay);
        Assert.False(CalendarRange.Week(secondWeek.Previous.Value).Clamped);
        Assert.Null(CalendarRange.Week(SupportedDays.Last).Next);
    }

    [Fact]
    public void Out_of_range_days_are_brought_to_the_nearest_supported_day()
    {
        Assert.Equal(SupportedDays.First, SupportedDays.Clamp(DateOnly.MinValue));
        Assert.Equal(SupportedDays.Last, SupportedDays.Clamp(DateOnly.MaxValue));
        Assert.Equal(D(2026, 12, 7), SupportedDays.Clamp(D(2026, 12, 7)));
        Assert.Equal(D(2000, 1, 1), CalendarRange.Month(D(1, 1, 1)).Start);
        Assert.Equal(D(2100, 12, 1), CalendarRange.Month(D(9999, 12, 1)).Start);
        Assert.Equal(D(2100, 12, 27), CalendarRange.Week(D(9999, 12, 27)).Start);
        Assert.True(CalendarRange.Week(D(9999, 12, 27)).Clamped);
    }
}
