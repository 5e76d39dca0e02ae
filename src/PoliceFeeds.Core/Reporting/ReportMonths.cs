using PoliceFeeds.Core.Scheduling;

namespace PoliceFeeds.Core.Reporting;

/// <summary>
/// The report's months: calendar months in a department's own time zone (Europe/Paris for the mainland). A month is
/// <b>closed</b> once midnight of the 1st of the next month has passed in that zone: at 23:30 on 31 December in Paris
/// (22:30 UTC) December is still open, at 00:30 on 1 January (23:30 UTC the day before) it is closed; a department in
/// another zone closes its months at its own midnight.
/// </summary>
public static class ReportMonths
{
    /// <summary>Midnight of the first day of the month in the time zone, in UTC (never in a daylight-saving gap in practice).</summary>
    public static DateTime StartUtc(DateOnly month, string timeZoneId)
    {
        var local = new DateOnly(month.Year, month.Month, 1).ToDateTime(TimeOnly.MinValue);
        return DepartmentTime.ToUtc(local, timeZoneId).Utc ?? DateTime.SpecifyKind(local, DateTimeKind.Utc);
    }

    /// <summary>The month (its first day) that holds the instant in the time zone.</summary>
    public static DateOnly Of(DateTime utc, string timeZoneId)
    {
        var local = DepartmentTime.ToLocal(utc, timeZoneId);
        return new DateOnly(local.Year, local.Month, 1);
    }

    /// <summary>Whether every instant of the month is past in the time zone (midnight of the next 1st has come).</summary>
    public static bool IsClosed(DateOnly month, string timeZoneId, DateTime nowUtc) =>
        nowUtc >= StartUtc(new DateOnly(month.Year, month.Month, 1).AddMonths(1), timeZoneId);

    /// <summary>The last closed month in the time zone: the one before the current month.</summary>
    public static DateOnly LastClosed(DateTime nowUtc, string timeZoneId) => Of(nowUtc, timeZoneId).AddMonths(-1);
}
