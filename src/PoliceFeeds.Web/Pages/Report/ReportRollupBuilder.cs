using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Reporting;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Web.Pages.Report;

/// <summary>
/// Builds the roll-up of one closed month: the report's live computation over that month alone, for every department of
/// one time zone, with every delay put in histograms (no bound on their number), written in one transaction that first
/// removes what was there. Idempotent: building a month twice leaves the same rows. An open month is refused (its
/// figures still move).
/// </summary>
public sealed class ReportRollupBuilder(PoliceFeedsDbContext db, ReportQuery query, TimeProvider timeProvider)
{
    /// <summary>Rebuilds the month for every department, each in its own time zone; false for the zones where it is not closed yet.</summary>
    public async Task<bool> RebuildMonthAsync(DateOnly month, CancellationToken cancellationToken)
    {
        var departments = await db.Departments.AsNoTracking().ToListAsync(cancellationToken);
        var all = true;
        foreach (var zone in departments.GroupBy(d => d.TimeZoneId))
        {
            all &= await RebuildMonthAsync([.. zone], month, cancellationToken);
        }

        return all;
    }

    /// <summary>Rebuilds the month for these departments, which share one time zone; false (nothing written) if the month is not closed there.</summary>
    public async Task<bool> RebuildMonthAsync(IReadOnlyList<Department> departments, DateOnly month, CancellationToken cancellationToken)
    {
        month = new DateOnly(month.Year, month.Month, 1);
        var zone = departments.Select(d => d.TimeZoneId).Distinct().Single();
        var now = timeProvider.GetUtcNow().UtcDateTime;
        if (!ReportMonths.IsClosed(month, zone, now))
        {
            return false;
        }

        var ids = departments.Select(d => d.Id).ToList();
        var start = ReportMonths.StartUtc(month, zone);
        var end = ReportMonths.StartUtc(month.AddMonths(1), zone);
        var data = new ReportData([month]);
        await query.AddZoneAsync(data, ids, [start, end], 0, intoHistograms: true, cancellationToken);
        var top = new Dictionary<int, string>();
        foreach (var id in ids)
        {
            var published = db.Messages.AsNoTracking().Where(ReportQuery.WasPublished)
                .Where(m => m.DepartmentId == id && m.PublishedAtUtc >= start && m.PublishedAtUtc < end);
            var posts = await query.TopPostsAsync(published, cancellationToken);
            top[id] = string.Join(',', posts.Select(p => p.MessageId.ToString(CultureInfo.InvariantCulture)));
        }

        var cells = data.Keys.Select(key =>
        {
            var figures = data.Cells.GetValueOrDefault(key) ?? new Figures();
            return new ReportRollupCell
            {
                DepartmentId = key.DepartmentId,
                CategoryId = key.CategoryId,
                Network = ReportRollupCell.NetworkX,
                Month = month,
                Created = figures.Created,
                Published = figures.Published,
                Rejected = figures.Rejected,
                Cancelled = figures.Cancelled,
                Failed = figures.Failed,
                Withdrawn = figures.Withdrawn,
                FailuresByCode = ReportQuery.FormatFailures(figures.FailuresByCode),
                Measured = figures.Measured,
                Impressions = figures.Engagement.Impressions,
                Likes = figures.Engagement.Likes,
                Reposts = figures.Engagement.Reposts,
                Replies = figures.Engagement.Replies,
                Quotes = figures.Engagement.Quotes,
                ValidationDelays = data.ValidationHistograms.GetValueOrDefault(key)?.ToString() ?? "",
                PublicationDelays = data.LagHistograms.GetValueOrDefault(key)?.ToString() ?? "",
            };
        }).ToList();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.ReportRollupCells.Where(c => ids.Contains(c.DepartmentId) && c.Month == month).ExecuteDeleteAsync(cancellationToken);
        await db.ReportRollupMonths.Where(r => ids.Contains(r.DepartmentId) && r.Month == month).ExecuteDeleteAsync(cancellationToken);
        db.ReportRollupCells.AddRange(cells);
        db.ReportRollupMonths.AddRange(ids.Select(id => new ReportRollupMonth { DepartmentId = id, Month = month, BuiltAtUtc = now, TopPostIds = top[id] }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return true;
    }
}
