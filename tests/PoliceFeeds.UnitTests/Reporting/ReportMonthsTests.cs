using PoliceFeeds.Core.Reporting;

namespace PoliceFeeds.UnitTests.Reporting;

public sealed class ReportMonthsTests
{
    private static DateTime Utc(string value) => DateTime.SpecifyKind(DateTime.Parse(value, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);

    [Theory]
    // New Year's Eve in Paris (UTC+1): 23:30 is still December, midnight closes it.
    [InlineData("2026-12-31T22:30", "Europe/Paris", "2026-12-01", false)]
    [InlineData("2026-12-31T23:00", "Europe/Paris", "2026-12-01", true)]
    // Summer time (UTC+2): 31 August at 23:30 is 21:30 UTC.
    [InlineData("2026-08-31T21:30", "Europe/Paris", "2026-08-01", false)]
    [InlineData("2026-08-31T22:00", "Europe/Paris", "2026-08-01", true)]
    // March, the month the clocks go forward (29 March): it ends at midnight summer time, 22:00 UTC.
    [InlineData("2026-03-31T21:59", "Europe/Paris", "2026-03-01", false)]
    [InlineData("2026-03-31T22:00", "Europe/Paris", "2026-03-01", true)]
    // October, the month they go back (25 October): it ends at midnight winter time, 23:00 UTC.
    [InlineData("2026-10-31T22:30", "Europe/Paris", "2026-10-01", false)]
    [InlineData("2026-10-31T23:00", "Europe/Paris", "2026-10-01", true)]
    // La Réunion (UTC+4, no daylight saving) closes its months four hours before UTC midnight.
    [InlineData("2026-12-31T19:59", "Indian/Reunion", "2026-12-01", false)]
    [InlineData("2026-12-31T20:00", "Indian/Reunion", "2026-12-01", true)]
    // Any day of the month stands for the month.
    [InlineData("2026-12-31T23:00", "Europe/Paris", "2026-12-15", true)]
    public void A_month_closes_at_midnight_of_the_next_first_in_its_zone(string nowUtc, string zone, string month, bool closed)
    {
        Assert.Equal(closed, ReportMonths.IsClosed(DateOnly.Parse(month, System.Globalization.CultureInfo.InvariantCulture), zone, Utc(nowUtc)));
    }

    [Theory]
    [InlineData("2026-12-31T22:30", "Europe/Paris", "2026-11-01")]
    [InlineData("2026-12-31T23:00", "Europe/Paris", "2026-12-01")]
    [InlineData("2026-12-31T20:00", "Indian/Reunion", "2026-12-01")]
    [InlineData("2026-12-31T20:00", "Europe/Paris", "2026-11-01")]
    public void The_last_closed_month_is_the_one_before_the_current_local_month(string nowUtc, string zone, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), ReportMonths.LastClosed(Utc(nowUtc), zone));
    }

    [Fact]
    public void A_month_starts_at_local_midnight_in_utc()
    {
        Assert.Equal(Utc("2026-03-31T22:00"), ReportMonths.StartUtc(new DateOnly(2026, 4, 1), "Europe/Paris"));
        Assert.Equal(Utc("2026-10-31T23:00"), ReportMonths.StartUtc(new DateOnly(2026, 11, 1), "Europe/Paris"));
        Assert.Equal(Utc("2026-01-31T20:00"), ReportMonths.StartUtc(new DateOnly(2026, 2, 1), "Indian/Reunion"));
        Assert.Equal(new DateOnly(2026, 2, 1), ReportMonths.Of(Utc("2026-01-31T21:30"), "Indian/Reunion"));
        Assert.Equal(new DateOnly(2026, 1, 1), ReportMonths.Of(Utc("2026-01-31T21:30"), "Europe/Paris"));
    }
}
