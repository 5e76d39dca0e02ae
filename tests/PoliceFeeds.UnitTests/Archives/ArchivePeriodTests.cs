using PoliceFeeds.Core.Archives;

namespace PoliceFeeds.UnitTests.Archives;

/// <summary>An archive's period: days in the department's time zone, checked, turned into the UTC instants read.</summary>
public sealed class ArchivePeriodTests
{
    private static DateTime Utc(int year, int month, int day, int hour = 0, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public void A_quarter_in_paris_starts_and_ends_at_paris_midnight_across_the_clock_change()
    {
        var period = ArchivePeriod.Parse("2026-07-01", "2026-09-30", "Europe/Paris").Period!;
        Assert.Equal(Utc(2026, 6, 30, 22), period.FromUtc);
        Assert.Equal(Utc(2026, 9, 30, 22), period.ToUtcExclusive);
        Assert.Equal(92, period.Days);
        Assert.Equal("archive-44-2026-07-01-2026-09-30.zip", period.FileName("44"));

        var winter = ArchivePeriod.Parse("2026-10-01", "2026-12-31", "Europe/Paris").Period!;
        Assert.Equal(Utc(2026, 9, 30, 22), winter.FromUtc);
        Assert.Equal(Utc(2026, 12, 31, 23), winter.ToUtcExclusive);
    }

    [Fact]
    public void Overseas_departments_count_their_own_days()
    {
        var reunion = ArchivePeriod.Parse("2026-01-01", "2026-01-31", "Indian/Reunion").Period!;
        Assert.Equal(Utc(2025, 12, 31, 20), reunion.FromUtc);
        Assert.Equal(Utc(2026, 1, 31, 20), reunion.ToUtcExclusive);
    }

    [Fact]
    public void A_day_whose_midnight_is_skipped_starts_at_its_first_minute()
    {
        // Santiago (Chile) moves its clocks forward at midnight: 2026-09-06 00:00 does not exist there, the day starts at 01:00 (UTC-3).
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");
        Assert.Equal(Utc(2026, 9, 6, 4), ArchivePeriod.StartOfDayUtc(new DateOnly(2026, 9, 6), zone));
    }

    [Theory]
    [InlineData(null, "2026-09-30", ArchivePeriodError.MissingFrom)]
    [InlineData("2026-07-01", " ", ArchivePeriodError.MissingTo)]
    [InlineData("01/07/2026", "2026-09-30", ArchivePeriodError.InvalidFrom)]
    [InlineData("2026-07-01", "2026-02-30", ArchivePeriodError.InvalidTo)]
    [InlineData("9999-01-01", "9999-01-02", ArchivePeriodError.InvalidFrom)]
    [InlineData("2026-09-30", "2026-07-01", ArchivePeriodError.ToBeforeFrom)]
    [InlineData("2026-01-01", "2027-01-02", ArchivePeriodError.TooLong)]
    public void Wrong_periods_are_refused_with_their_reason(string? from, string? to, ArchivePeriodError error)
    {
        var result = ArchivePeriod.Parse(from, to, "Europe/Paris");
        Assert.Null(result.Period);
        Assert.Equal(error, result.Error);
    }

    [Fact]
    public void A_leap_year_fits_and_one_day_is_a_period_and_an_unknown_zone_is_said()
    {
        Assert.Equal(366, ArchivePeriod.Parse("2028-01-01", "2028-12-31", "Europe/Paris").Period!.Days);
        Assert.Equal(1, ArchivePeriod.Parse("2026-12-07", "2026-12-07", "Europe/Paris").Period!.Days);
        Assert.Equal(ArchivePeriodError.UnknownTimeZone, ArchivePeriod.Parse("2026-12-07", "2026-12-07", "Mars/Olympus").Error);
    }

    [Fact]
    public void A_period_not_over_yet_is_read_up_to_now()
    {
        var period = ArchivePeriod.Parse("2026-10-01", "2026-12-31", "Europe/Paris").Period!;
        Assert.Equal(Utc(2026, 12, 7, 9), period.EndUtc(Utc(2026, 12, 7, 9)));
        Assert.Equal(period.ToUtcExclusive, period.EndUtc(Utc(2027, 2, 1)));
    }
}
