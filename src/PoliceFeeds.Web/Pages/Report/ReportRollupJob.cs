using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PoliceFeeds.Core.Reporting;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Web.Pages.Report;

/// <summary>The "ReportRollup" configuration section: the hosted job that keeps the report's closed months.</summary>
public sealed class ReportRollupOptions
{
    public const string SectionName = "ReportRollup";

    /// <summary>How often the job looks for months to build (and rebuilds the months still settling).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long after its close a month's figures may still move (a rejected message edited, a failure retried, metrics
    /// of its posts fetched for <c>Engagement:MaxAge</c>): until then each round rebuilds it; once past, it is rebuilt a
    /// last time and left alone. Keep it longer than <c>Engagement:MaxAge</c>.
    /// </summary>
    public TimeSpan SettlePeriod { get; set; } = TimeSpan.FromDays(35);
}

/// <summary>
/// One round of the roll-up job. Per time zone of the departments: every closed month from the month of the zone's
/// first message to the last closed month (a month closes at midnight of the next 1st in that zone) is built when
/// missing, rebuilt while it settles (<see cref="ReportRollupOptions.SettlePeriod"/>, at most once per
/// <see cref="ReportRollupOptions.PollInterval"/>), and rebuilt once more after that, then left alone.
/// </summary>
public sealed class ReportRollupJob(PoliceFeedsDbContext db, ReportRollupBuilder builder, TimeProvider timeProvider, IOptions<ReportRollupOptions> options)
{
    /// <summary>The months built in this round, per time zone.</summary>
    public async Task<List<(string TimeZoneId, DateOnly Month)>> RunOnceAsync(CancellationToken cancellationToken)
    {
        var built = new List<(string, DateOnly)>();
        var departments = await db.Departments.AsNoTracking().ToListAsync(cancellationToken);
        foreach (var zone in departments.GroupBy(d => d.TimeZoneId))
        {
            var ids = zone.Select(d => d.Id).ToList();
            var firstCreated = await db.Messages.AsNoTracking().Where(m => ids.Contains(m.DepartmentId)).OrderBy(m => m.CreatedAtUtc).Select(m => (DateTime?)m.CreatedAtUtc).FirstOrDefaultAsync(cancellationToken);
            if (firstCreated is not { } first)
            {
                continue;
            }

            var markers = await db.ReportRollupMonths.AsNoTracking().Where(r => ids.Contains(r.DepartmentId))
                .GroupBy(r => r.Month)
                .Select(g => new { Month = g.Key, Departments = g.Count(), OldestBuild = g.Min(r => r.BuiltAtUtc) })
                .ToDictionaryAsync(m => m.Month, cancellationToken);
            var now = timeProvider.GetUtcNow().UtcDateTime;
            var lastClosed = ReportMonths.LastClosed(now, zone.Key);
            for (var month = ReportMonths.Of(first, zone.Key); month <= lastClosed; month = month.AddMonths(1))
            {
                var marker = markers.GetValueOrDefault(month);
                if (marker is not null && marker.Departments == ids.Count && !IsDue(month, zone.Key, marker.OldestBuild, now))
                {
                    continue;
                }

                if (await builder.RebuildMonthAsync([.. zone], month, cancellationToken))
                {
                    built.Add((zone.Key, month));
                }
            }
        }

        return built;
    }

    /// <summary>Whether a built month is due again: built before it settled, and not within the last poll interval.</summary>
    private bool IsDue(DateOnly month, string timeZoneId, DateTime builtAtUtc, DateTime nowUtc)
    {
        var settledAt = ReportMonths.StartUtc(month.AddMonths(1), timeZoneId) + options.Value.SettlePeriod;
        return builtAtUtc < settledAt && nowUtc - builtAtUtc >= options.Value.PollInterval;
    }
}
