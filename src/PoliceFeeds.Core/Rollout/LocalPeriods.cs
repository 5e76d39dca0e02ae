namespace PoliceFeeds.Core.Rollout;

/// <summary>
/// "Today" and "this week" (Monday to Sunday) in a time zone, as UTC instants: [start, end). A department's day starts at
/// its own midnight (Paris, Mayotte, Nouméa...), daylight-saving days included.
/// </summary>
public sealed record LocalPeriods(DateTime TodayStartUtc, DateTime TodayEndUtc, DateTime WeekStartUtc, DateTime WeekEndUtc)
{
    public static LocalPeriods At(DateTime nowUtc, TimeZoneInfo zone)
    {
        var localToday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc), zone));
        var sinceMonday = ((int)localToday.DayOfWeek + 6) % 7;
        var monday = localToday.AddDays(-sinceMonday);
        return new LocalPeriods(
            MidnightUtc(localToday, zone),
            MidnightUtc(localToday.AddDays(1), zone),
            MidnightUtc(monday, zone),
            MidnightUtc(monday.AddDays(7), zone));
    }

    public bool IsToday(DateTime? utc) => utc is { } t && t >= TodayStartUtc && t < TodayEndUtc;

    public bool IsThisWeek(DateTime? utc) => utc is { } t && t >= WeekStartUtc && t < WeekEndUtc;

    /// <summary>The first instant of a local day. Where midnight does not exist (a zone that springs forward at 00:00), the first hour that does.</summary>
    private static DateTime MidnightUtc(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        // An ambiguous midnight (falling back at 00:00) starts at its first occurrence: the larger offset.
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
    }
}
