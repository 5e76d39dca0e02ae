namespace PoliceFeeds.Core.Scheduling;

/// <summary>
/// Converts the local date and time an officer types, in the department's IANA time zone, to UTC, refusing the local
/// times a daylight-saving change makes meaningless.
/// </summary>
public static class DepartmentTime
{
    public static LocalTimeConversion ToUtc(DateTime localDateTime, string timeZoneId)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone))
        {
            return new LocalTimeConversion(LocalTimeProblem.UnknownTimeZone, null);
        }

        var unspecified = DateTime.SpecifyKind(localDateTime, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified))
        {
            return new LocalTimeConversion(LocalTimeProblem.DoesNotExist, null);
        }

        if (zone.IsAmbiguousTime(unspecified))
        {
            return new LocalTimeConversion(LocalTimeProblem.Ambiguous, null);
        }

        return new LocalTimeConversion(LocalTimeProblem.None, TimeZoneInfo.ConvertTimeToUtc(unspecified, zone));
    }

    /// <summary>A UTC instant shown in the department's time zone.</summary>
    public static DateTime ToLocal(DateTime utc, string timeZoneId) => ToLocal(utc, FindZone(timeZoneId));

    /// <summary>A UTC instant shown in a zone found once by <see cref="FindZone"/> (a list converts many); UTC when none.</summary>
    public static DateTime ToLocal(DateTime utc, TimeZoneInfo? zone) =>
        zone is null ? utc : TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    /// <summary>The zone of an IANA id, or null when this machine does not know it.</summary>
    public static TimeZoneInfo? FindZone(string timeZoneId) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone) ? zone : null;
}

public enum LocalTimeProblem
{
    None = 0,

    /// <summary>Skipped by a spring-forward change (for example 02:30 on the last Sunday of March in Paris).</summary>
    DoesNotExist,

    /// <summary>Happens twice at a fall-back change (for example 02:30 on the last Sunday of October in Paris).</summary>
    Ambiguous,

    UnknownTimeZone,
}

public readonly record struct LocalTimeConversion(LocalTimeProblem Problem, DateTime? Utc);
