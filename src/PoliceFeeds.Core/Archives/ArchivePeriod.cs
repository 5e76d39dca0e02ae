using System.Globalization;
using PoliceFeeds.Core.Scheduling;

namespace PoliceFeeds.Core.Archives;

/// <summary>What is wrong with a period asked for an archive (the page says it in French).</summary>
public enum ArchivePeriodError
{
    None = 0,
    MissingFrom,
    MissingTo,
    InvalidFrom,
    InvalidTo,
    ToBeforeFrom,
    TooLong,
    UnknownTimeZone,
}

/// <summary>
/// The days of an archive, from <see cref="From"/> to <see cref="To"/> inclusive, in the department's time zone, and the
/// UTC instants they cover: from the start of <see cref="From"/> (<see cref="FromUtc"/>) to the start of the day after
/// <see cref="To"/> (<see cref="ToUtcExclusive"/>).
/// </summary>
public sealed record ArchivePeriod(DateOnly From, DateOnly To, string TimeZoneId, DateTime FromUtc, DateTime ToUtcExclusive)
{
    /// <summary>The longest period of one archive: a year (a leap year's 366 days).</summary>
    public const int MaxDays = 366;

    /// <summary>"yyyy-MM-dd", as an &lt;input type="date"&gt; sends it and as the file name and manifest write it.</summary>
    public const string DayFormat = "yyyy-MM-dd";

    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>Checks the days typed (both required, real days within <see cref="SupportedDays"/>, in order, at most <see cref="MaxDays"/>).</summary>
    public static ArchivePeriodResult Parse(string? from, string? to, string timeZoneId)
    {
        if (string.IsNullOrWhiteSpace(from))
        {
            return ArchivePeriodError.MissingFrom;
        }

        if (ParseDay(from) is not { } fromDay)
        {
            return ArchivePeriodError.InvalidFrom;
        }

        if (string.IsNullOrWhiteSpace(to))
        {
            return ArchivePeriodError.MissingTo;
        }

        if (ParseDay(to) is not { } toDay)
        {
            return ArchivePeriodError.InvalidTo;
        }

        if (toDay < fromDay)
        {
            return ArchivePeriodError.ToBeforeFrom;
        }

        if (toDay.DayNumber - fromDay.DayNumber + 1 > MaxDays)
        {
            return ArchivePeriodError.TooLong;
        }

        if (DepartmentTime.FindZone(timeZoneId) is not { } zone)
        {
            return ArchivePeriodError.UnknownTimeZone;
        }

        return new ArchivePeriod(fromDay, toDay, timeZoneId, StartOfDayUtc(fromDay, zone), StartOfDayUtc(toDay.AddDays(1), zone));
    }

    /// <summary>A day as typed ("yyyy-MM-dd"), or null when it is not one or lies outside the supported days.</summary>
    public static DateOnly? ParseDay(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && SupportedDays.Contains(day)
            ? day
            : null;

    /// <summary>
    /// The first instant of <paramref name="day"/> in <paramref name="zone"/>, in UTC. Where a clock change skips midnight
    /// the day starts at the first local minute that exists; where midnight happens twice, at the first of them.
    /// </summary>
    public static DateTime StartOfDayUtc(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        if (zone.IsAmbiguousTime(local))
        {
            // The first occurrence is the one with the larger offset (summer time, before the clocks go back).
            var offset = zone.GetAmbiguousTimeOffsets(local).Max();
            return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    /// <summary>The UTC instants the export reads: the period, stopped at <paramref name="nowUtc"/> so that every pass of one export reads the same posts.</summary>
    public DateTime EndUtc(DateTime nowUtc) => ToUtcExclusive < nowUtc ? ToUtcExclusive : nowUtc;

    /// <summary>"archive-44-2026-07-01-2026-09-30.zip".</summary>
    public string FileName(string departmentCode) =>
        $"archive-{departmentCode}-{From.ToString(DayFormat, CultureInfo.InvariantCulture)}-{To.ToString(DayFormat, CultureInfo.InvariantCulture)}.zip";
}

/// <summary>A period, or why there is none.</summary>
public sealed class ArchivePeriodResult
{
    private ArchivePeriodResult(ArchivePeriod? period, ArchivePeriodError error)
    {
        Period = period;
        Error = error;
    }

    public ArchivePeriod? Period { get; }

    public ArchivePeriodError Error { get; }

    public static implicit operator ArchivePeriodResult(ArchivePeriod period) => new(period, ArchivePeriodError.None);

    public static implicit operator ArchivePeriodResult(ArchivePeriodError error) => new(null, error);
}
