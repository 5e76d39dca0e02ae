namespace PoliceFeeds.Core.Rollout;

/// <summary>A department as the dashboard needs it: its zone, whether it is paused, whether its account must be reconnected.</summary>
public sealed record DashboardDepartment(int Id, string Code, string Name, string ServiceName, string TimeZoneId, bool Paused, bool AccountToReconnect);

/// <summary>A delivery sent or failed recently (the dashboard places it in each department's day and week).</summary>
public sealed record DashboardDelivery(int DepartmentId, DateTime? SentAtUtc, DateTime? FailedAtUtc, bool IsFailed);

/// <summary>Today's and this week's count of one figure.</summary>
public sealed record DayAndWeek(int Today, int ThisWeek);

/// <summary>One department's line: posted and failed today and this week (its own zone), and what stands now.</summary>
public sealed record DashboardRow(
    DashboardDepartment Department,
    LocalPeriods Periods,
    DayAndWeek Posted,
    DayAndWeek Failed,
    int AwaitingValidation,
    int TakedownsInProgress)
{
    public bool NeedsAttention => Failed.Today > 0 || Department.Paused || Department.AccountToReconnect || TakedownsInProgress > 0;
}

/// <summary>
/// The national picture: per department, posted, failed, awaiting validation, paused, account to reconnect and takedowns
/// in progress; "today" and "this week" in each department's own time zone. Built from a few national queries (no query per
/// department), counted here.
/// </summary>
public static class NationalDashboard
{
    public static IReadOnlyList<DashboardRow> Build(
        DateTime nowUtc,
        IEnumerable<DashboardDepartment> departments,
        IEnumerable<DashboardDelivery> recentDeliveries,
        IReadOnlyDictionary<int, int> awaitingValidation,
        IReadOnlyDictionary<int, int> takedownsInProgress)
    {
        // "So far": an instant after now (a clock a little ahead on another instance) counts for no period yet.
        var deliveries = recentDeliveries
            .Select(d => d with { SentAtUtc = d.SentAtUtc <= nowUtc ? d.SentAtUtc : null, FailedAtUtc = d.FailedAtUtc <= nowUtc ? d.FailedAtUtc : null })
            .ToLookup(d => d.DepartmentId);
        var zones = new Dictionary<string, LocalPeriods>(StringComparer.Ordinal);
        return departments.Select(department =>
        {
            if (!zones.TryGetValue(department.TimeZoneId, out var periods))
            {
                periods = LocalPeriods.At(nowUtc, TimeZoneInfo.FindSystemTimeZoneById(department.TimeZoneId));
                zones[department.TimeZoneId] = periods;
            }

            var own = deliveries[department.Id].ToList();
            return new DashboardRow(
                department,
                periods,
                new DayAndWeek(own.Count(d => periods.IsToday(d.SentAtUtc)), own.Count(d => periods.IsThisWeek(d.SentAtUtc))),
                new DayAndWeek(own.Count(d => d.IsFailed && periods.IsToday(d.FailedAtUtc)), own.Count(d => d.IsFailed && periods.IsThisWeek(d.FailedAtUtc))),
                awaitingValidation.GetValueOrDefault(department.Id),
                takedownsInProgress.GetValueOrDefault(department.Id));
        }).ToList();
    }

    /// <summary>The earliest instant any department's week can start at <paramref name="nowUtc"/>: deliveries before it count for nobody.</summary>
    public static DateTime EarliestWeekStartUtc(DateTime nowUtc, IEnumerable<string> timeZoneIds) =>
        timeZoneIds.Distinct(StringComparer.Ordinal)
            .Select(z => LocalPeriods.At(nowUtc, TimeZoneInfo.FindSystemTimeZoneById(z)).WeekStartUtc)
            .DefaultIfEmpty(nowUtc)
            .Min();
}
