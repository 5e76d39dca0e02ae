using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Core.Reporting;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Web.Pages.Report;

/// <summary>
/// Computes the pilot report in the database: every count is a <c>GROUP BY</c> department, category and month over an
/// indexed range of the instant the event happened (created, published, rejected, cancelled, failed, withdrawn), so the work
/// grows with the period asked, not with the table. Months are calendar months in each department's own time zone
/// (Europe/Paris for the pilot): the month boundaries are computed here, per time zone, and sent as a <c>CASE</c>
/// the provider evaluates (no date function differs between SQLite and SQL Server). Medians and 90th percentiles
/// have no provider-neutral SQL: they are taken from a projection of the two instants of each validated or published
/// message in the period (index range, at most <see cref="MaxDurations"/> rows, the most recent first).
/// </summary>
public sealed partial class ReportQuery(PoliceFeedsDbContext db, TimeProvider timeProvider)
{
    /// <summary>Bound of each duration projection; beyond it the percentiles are those of the most recent rows.</summary>
    public const int MaxDurations = 200_000;

    public const int TopPostsCount = 10;

    /// <summary>
    /// The report of the departments over the months: closed months from the roll-up where it is built for every
    /// department of their time zone (<paramref name="useRollup"/>), the others (the open month, a closed month not
    /// built yet) computed live from the rows.
    /// </summary>
    public async Task<ReportData> RunAsync(IReadOnlyList<Department> departments, DateOnly firstMonth, DateOnly lastMonth, CancellationToken cancellationToken, bool useRollup = true)
    {
        var months = new List<DateOnly>();
        for (var month = firstMonth; month <= lastMonth; month = month.AddMonths(1))
        {
            months.Add(month);
        }

        var data = new ReportData(months);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        foreach (var zone in departments.GroupBy(d => d.TimeZoneId))
        {
            var ids = zone.Select(d => d.Id).ToList();
            var boundaries = months.Append(lastMonth.AddMonths(1)).Select(m => MonthStartUtc(m, zone.Key)).ToArray();
            var rolled = useRollup ? await AddRollupAsync(data, ids, zone.Key, now, cancellationToken) : [];

            // The months left (contiguous runs) are computed live.
            for (var first = 0; first < months.Count; first++)
            {
                if (rolled.Contains(first))
                {
                    continue;
                }

                var last = first;
                while (last + 1 < months.Count && !rolled.Contains(last + 1))
                {
                    last++;
                }

                await AddZoneAsync(data, ids, boundaries[first..(last + 2)], first, intoHistograms: false, cancellationToken);
                first = last;
            }
        }

        data.TopPosts.Sort((a, b) => b.Impressions != a.Impressions ? b.Impressions.CompareTo(a.Impressions) : a.MessageId.CompareTo(b.MessageId));
        if (data.TopPosts.Count > TopPostsCount)
        {
            data.TopPosts.RemoveRange(TopPostsCount, data.TopPosts.Count - TopPostsCount);
        }

        return data;
    }

    /// <summary>
    /// Adds the figures of the departments (one time zone) between the first and last boundaries, live from the rows, at
    /// month indexes from <paramref name="offset"/>. With <paramref name="intoHistograms"/> (building the roll-up), every
    /// duration goes into the cells' histograms, streamed without bound.
    /// </summary>
    internal async Task AddZoneAsync(ReportData data, List<int> ids, DateTime[] boundaries, int offset, bool intoHistograms, CancellationToken cancellationToken)
    {
        DateTime? start = boundaries[0];
        DateTime? end = boundaries[^1];
        var messages = db.Messages.AsNoTracking().Where(m => ids.Contains(m.DepartmentId));

        var created = messages.Where(m => m.CreatedAtUtc >= start && m.CreatedAtUtc < end)
            .GroupBy(m => new { m.DepartmentId, m.CategoryId, Month = ReportSql.Month(m.CreatedAtUtc) })
            .Select(g => new Cell(g.Key.DepartmentId, g.Key.CategoryId, g.Key.Month, 0, g.Count()));
        foreach (var cell in await RunAsync(created, boundaries, cancellationToken))
        {
            data.Cell(cell.DepartmentId, cell.CategoryId, offset + cell.Month).Created += cell.Count;
        }

        // Published: every message that went out in the month, including those taken down since (withdrawn, or on
        // their way down): they were published, and are counted again, in the month of their removal, as withdrawn.
        var wasPublished = messages.Where(WasPublished);
        var published = wasPublished.Where(m => m.PublishedAtUtc >= start && m.PublishedAtUtc < end)
            .GroupBy(m => new { m.DepartmentId, m.CategoryId, Month = ReportSql.Month(m.PublishedAtUtc) })
            .Select(g => new Cell(g.Key.DepartmentId, g.Key.CategoryId, g.Key.Month, 0, g.Count()));
        foreach (var cell in await RunAsync(published, boundaries, cancellationToken))
        {
            data.Cell(cell.DepartmentId, cell.CategoryId, offset + cell.Month).Published += cell.Count;
        }

        // Withdrawn: deleted from X (person found, deviation ended and deleted, withdrawn by a validator), in the month
        // of the deletion. Few rows: the Status prefix of the (Status, PublishedAtUtc) index bounds the read.
        var withdrawn = messages.Where(m => m.Status == MessageStatus.Withdrawn && m.WithdrawnAtUtc >= start && m.WithdrawnAtUtc < end)
            .GroupBy(m => new { m.DepartmentId, m.CategoryId, Month = ReportSql.Month(m.WithdrawnAtUtc) })
            .Select(g => new Cell(g.Key.DepartmentId, g.Key.CategoryId, g.Key.Month, 0, g.Count()));
        foreach (var cell in await RunAsync(withdrawn, boundaries, cancellationToken))
        {
            data.Cell(cell.DepartmentId, cell.CategoryId, offset + cell.Month).Withdrawn += cell.Count;
        }

        // Counted in their current state, at the instant of the decision: a message rejected then corrected and
        // published counts as published (the audit trail keeps every rejection).
        var rejected = messages.Where(m => m.Status == MessageStatus.Rejected && m.ValidatedAtUtc >= start && m.ValidatedAtUtc < end)
            .GroupBy(m => new { m.DepartmentId, m.CategoryId, Month = ReportSql.Month(m.ValidatedAtUtc) })
            .Select(g => new Cell(g.Key.DepartmentId, g.Key.CategoryId, g.Key.Month, 0, g.Count()));
        foreach (var cell in await RunAsync(rejected, boundaries, cancellationToken))
        {
            data.Cell(cell.DepartmentId, cell.CategoryId, offset + cell.Month).Rejected += cell.Count;
        }

        // A cancelled message is never changed again: its last update is its cancellation.
        var cancelled = messages.Where(m => m.Status == MessageStatus.Cancelled && m.UpdatedAtUtc >= start && m.UpdatedAtUtc < end)
            .GroupBy(m => new { m.DepartmentId, m.CategoryId, Month = ReportSql.Month(m.UpdatedAtUtc) })
            .Select(g => new Cell(g.Key.DepartmentId, g.Key.CategoryId, g.Key.Month, 0, g.Count()));
        foreach (var cell in await RunAsync(cancelled, boundaries, cancellationToken))
        {
            data.Cell(cell.DepartmentId, cell.CategoryId, offset + cell.Month).Cancelled += cell.Count;
        }

        // Failures are deliveries' codes (one delivery per message today), never sentences; grouped into reasons here.
        var failed = from m in messages
                     join d in db.Deliveries on m.Id equals d.MessageId
                     where d.Status == DeliveryStatus.Failed && d.FailedAtUtc >= start && d.FailedAtUtc < end
                     group d by new { m.DepartmentId, m.CategoryId, Month = ReportSql.Month(d.FailedAtUtc), d.Failure } into g
                     select new FailureCell(g.Key.DepartmentId, g.Key.CategoryId, g.Key.Month, g.Key.Failure, g.Count());
        foreach (var cell in await RunAsync(failed, boundaries, cancellationToken))
        {
            data.Cell(cell.DepartmentId, cell.CategoryId, offset + cell.Month).AddFailures(cell.Failure, cell.Count);
        }

        var validations = messages
            .Where(m => m.ValidatedAtUtc >= start && m.ValidatedAtUtc < end && m.SubmittedAtUtc != null)
            .OrderByDescending(m => m.ValidatedAtUtc)
            .Select(m => new Span(m.DepartmentId, m.CategoryId, m.SubmittedAtUtc!.Value, m.ValidatedAtUtc!.Value));
        var lags = wasPublished
            .Where(m => m.PublishedAtUtc >= start && m.PublishedAtUtc < end && m.DueAtUtc != null)
            .OrderByDescending(m => m.PublishedAtUtc)
            .Select(m => new Span(m.DepartmentId, m.CategoryId, m.DueAtUtc!.Value, m.PublishedAtUtc!.Value));
        if (intoHistograms)
        {
            await foreach (var span in validations.AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                ReportData.Histogram(data.ValidationHistograms, (span.DepartmentId, span.CategoryId, offset + MonthOf(span.To, boundaries))).Add(span.To - span.From);
            }

            await foreach (var span in lags.AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                ReportData.Histogram(data.LagHistograms, (span.DepartmentId, span.CategoryId, offset + MonthOf(span.To, boundaries))).Add(span.To - span.From);
            }
        }
        else
        {
            var validated = await validations.Take(MaxDurations).ToListAsync(cancellationToken);
            data.ValidationsTruncated |= validated.Count == MaxDurations;
            data.Validations.AddRange(validated.Select(span => new Duration(span.DepartmentId, span.CategoryId, offset + MonthOf(span.To, boundaries), span.To - span.From)));
            var lagged = await lags.Take(MaxDurations).ToListAsync(cancellationToken);
            data.LagsTruncated |= lagged.Count == MaxDurations;
            data.Lags.AddRange(lagged.Select(span => new Duration(span.DepartmentId, span.CategoryId, offset + MonthOf(span.To, boundaries), span.To - span.From)));
        }

        // Engagement: the latest snapshot (highest id) of each post (a delivery's, on any network) of the messages published
        // in the period, summed per cell.
        var latest = from s in db.PostMetricsSnapshots.AsNoTracking()
                     join m in wasPublished on s.MessageId equals m.Id
                     where m.PublishedAtUtc >= start && m.PublishedAtUtc < end
                         && s.Id == db.PostMetricsSnapshots.Where(x => x.MessageId == s.MessageId && x.DeliveryId == s.DeliveryId).Max(x => x.Id)
                     select new { m.DepartmentId, m.CategoryId, m.PublishedAtUtc, s.Impressions, s.Likes, s.Reposts, s.Replies, s.Quotes };
        var engagement = latest
            .GroupBy(x => new { x.DepartmentId, x.CategoryId, Month = ReportSql.Month(x.PublishedAtUtc) })
            .Select(g => new EngagementCell(g.Key.DepartmentId, g.Key.CategoryId, g.Key.Month, g.Count(),
                g.Sum(x => x.Impressions), g.Sum(x => x.Likes), g.Sum(x => x.Reposts), g.Sum(x => x.Replies), g.Sum(x => x.Quotes)));
        foreach (var cell in await RunAsync(engagement, boundaries, cancellationToken))
        {
            var figures = data.Cell(cell.DepartmentId, cell.CategoryId, offset + cell.Month);
            figures.Measured += cell.Posts;
            figures.Engagement = figures.Engagement.Add(new Engagement(cell.Impressions, cell.Likes, cell.Reposts, cell.Replies, cell.Quotes));
        }

        data.TopPosts.AddRange(await TopPostsAsync(wasPublished.Where(m => m.PublishedAtUtc >= start && m.PublishedAtUtc < end), cancellationToken));
    }

    /// <summary>
    /// The most viewed of the messages (the latest snapshot of each of their posts, summed over their networks), most
    /// viewed first, then by id.
    /// </summary>
    internal async Task<List<TopPost>> TopPostsAsync(IQueryable<Message> published, CancellationToken cancellationToken)
    {
        var perMessage = from s in db.PostMetricsSnapshots.AsNoTracking()
                         where s.Id == db.PostMetricsSnapshots.Where(x => x.MessageId == s.MessageId && x.DeliveryId == s.DeliveryId).Max(x => x.Id)
                         group s by s.MessageId into g
                         select new { MessageId = g.Key, Impressions = g.Sum(x => x.Impressions), Likes = g.Sum(x => x.Likes), Reposts = g.Sum(x => x.Reposts), Replies = g.Sum(x => x.Replies) };
        return await (from t in perMessage
                      join m in published on t.MessageId equals m.Id
                      orderby t.Impressions descending, m.Id
                      select new TopPost(m.Id, m.DepartmentId, m.CategoryId, m.Text, m.PublishedAtUtc!.Value, t.Impressions, t.Likes, t.Reposts, t.Replies))
            .Take(TopPostsCount)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Messages that were published: still online, or taken down since (withdrawal requested, under way, done). The
    /// statuses are constants of the SQL, so the <c>(Status, PublishedAtUtc)</c> index is sought once per status.
    /// </summary>
    public static readonly Expression<Func<Message, bool>> WasPublished = m =>
        m.Status == MessageStatus.Published || m.Status == MessageStatus.WithdrawalRequested || m.Status == MessageStatus.Withdrawing || m.Status == MessageStatus.Withdrawn;

    private async Task<List<T>> RunAsync<T>(IQueryable<T> query, DateTime[] boundaries, CancellationToken cancellationToken)
    {
        var rewritten = new ReportSql.Rewriter(boundaries).Visit(query.Expression);
        return await query.Provider.CreateQuery<T>(rewritten).ToListAsync(cancellationToken);
    }

    private static int MonthOf(DateTime utc, DateTime[] boundaries)
    {
        for (var k = 1; k < boundaries.Length; k++)
        {
            if (utc < boundaries[k])
            {
                return k - 1;
            }
        }

        return boundaries.Length - 2;
    }

    /// <summary>Midnight of the first day of the month in the time zone, in UTC (never in a daylight-saving gap in practice).</summary>
    public static DateTime MonthStartUtc(DateOnly month, string timeZoneId) => ReportMonths.StartUtc(month, timeZoneId);

    private sealed record Cell(int DepartmentId, int CategoryId, int Month, int Reason, int Count);

    private sealed record FailureCell(int DepartmentId, int CategoryId, int Month, DeliveryFailure Failure, int Count);

    private sealed record EngagementCell(int DepartmentId, int CategoryId, int Month, int Posts, long Impressions, long Likes, long Reposts, long Replies, long Quotes);

    private sealed record Span(int DepartmentId, int CategoryId, DateTime From, DateTime To);
}

/// <summary>Markers written in the report's LINQ and replaced by SQL-translatable expressions before it runs.</summary>
internal static class ReportSql
{
    /// <summary>Index of the report month that contains the instant (a CASE over the month boundaries).</summary>
    public static int Month(DateTime? at) => throw new InvalidOperationException("Only inside a report query.");

    public static int Month(DateTime at) => throw new InvalidOperationException("Only inside a report query.");

    internal sealed class Rewriter(DateTime[] boundaries) : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType != typeof(ReportSql))
            {
                return base.VisitMethodCall(node);
            }

            var argument = Visit(node.Arguments[0]);
            var at = argument.Type == typeof(DateTime?) ? argument : Expression.Convert(argument, typeof(DateTime?));
            Expression result = Expression.Constant(-1);
            for (var k = boundaries.Length - 1; k >= 1; k--)
            {
                result = Expression.Condition(Expression.LessThan(at, Expression.Constant((DateTime?)boundaries[k], typeof(DateTime?))), Expression.Constant(k - 1), result);
            }

            return result;
        }
    }
}
