using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Core.Scheduling;
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
public sealed class ReportQuery(PoliceFeedsDbContext db)
{
    /// <summary>Bound of each duration projection; beyond it the percentiles are those of the most recent rows.</summary>
    public const int MaxDurations = 200_000;

    public const int TopPostsCount = 10;

    public async Task<ReportData> RunAsync(IReadOnlyList<Department> departments, DateOnly firstMonth, DateOnly lastMonth, CancellationToken cancellationToken)
    {
        var months = new List<DateOnly>();
        for (var month = firstMonth; month <= lastMonth; month = month.AddMonths(1))
        {
            months.Add(month);
        }

        var data = new ReportData(months);
        foreach (var zone in departments.GroupBy(d => d.TimeZoneId))
        {
            var ids = zone.Select(d => d.Id).ToList();
            var boundaries = months.Append(lastMonth.AddMonths(1)).Select(m => MonthStartUtc(m, zone.Key)).ToArray();
            await AddZoneAsync(data, ids, boundaries, cancellationToken);
        }

        data.TopPosts.Sort((a, b) => b.Impressions.CompareTo(a.Impressions));
        if (data.TopPosts.Count > TopPostsCount)
        {
            data.TopPosts.RemoveRange(TopPostsCount, data.TopPosts.Count - TopPostsCount);
        }

        return data;
    }

    private async Task AddZoneAsync(ReportData data, List<int> ids, DateTime[] boundaries, CancellationToken cancellationToken)
    {
        DateTime? start = boundaries[0];
        DateTime? end = boundaries[^1];
        var messages = db.Messages.AsNoTracking().Where(m => ids.Contains(m.DepartmentId));

        var created = messages.Where(m => m.CreatedAtUtc >= start && m.CreatedAtUtc < end)
            .GroupBy(m => new { m.DepartmentId, m.CategoryId, Month = ReportSql.Month(m.CreatedAtUtc) })
            .Select(g => new Cell(g.Key.DepartmentId, g.Key.CategoryId, g.Key.Month, 0, g.Count()));
        foreach (var cell in await RunAsync(created, boundaries, cancellationToken))
        {
            data.Cell(cell.DepartmentId, cell.CategoryId, cell.Month).Created += cell.Count;
        }

        // Published: every message that went out in the month, including those taken down since (withdrawn, or on
        // their way down): they were published, and are counted again, in the month of their removal, as withdrawn.
        var wasPublished = messages.Where(WasPublished);
        var published = wasPublished.Where(m => m.PublishedAtUtc >= start && m.PublishedAtUtc < end)
            .GroupBy(m => new { m.DepartmentId, m.CategoryId, Month = ReportSql.Month(m.PublishedAtUtc) })
            .Select(g => new Cell(g.Key.DepartmentId, g.Key.CategoryId, g.Key.Month, 0, g.Count()));
        foreach (var cell in await RunAsync(published, boundaries, cancellationToken))
        {
            data.Cell(cell.DepartmentId, cell.CategoryId, cell.Month).Published += cell.Count;
        }

        // Withdrawn: deleted from X (person found, deviation ended and deleted, withdrawn by a validator), in the month
        // of the deletion. Few rows: the Status prefix of the (Status, PublishedAtUtc) index bounds the read.
        var withdrawn = messages.Where(m => m.Status == MessageStatus.Withdrawn && m.WithdrawnAtUtc >= start && m.WithdrawnAtUtc < end)
            .GroupBy(m => new { m.DepartmentId, m.CategoryId, Month = ReportSql.Month(m.WithdrawnAtUtc) })
            .Select(g => new Cell(g.Key.DepartmentId, g.Key.CategoryId, g.Key.Month, 0, g.Count()));
        foreach (var cell in await RunAsync(withdrawn, boundaries, cancellationToken))
        {
            data.Cell(cell.DepartmentId, cell.CategoryId, cell.Month).Withdrawn += cell.Count;
        }

        // Counted in their current state, at the instant of the decision: a message rejected then corrected and
        // published counts as published (the audit trail keeps every rejection).
        var rejected = messages.Where(m => m.Status == MessageStatus.Rejected && m.ValidatedAtUtc >= start && m.ValidatedAtUtc < end)
            .GroupBy(m => new { m.DepartmentId, m.CategoryId, Month = ReportSql.Month(m.ValidatedAtUtc) })
            .Select(g => new Cell(g.Key.DepartmentId, g.Key.CategoryId, g.Key.Month, 0, g.Count()));
        foreach (var cell in await RunAsync(rejected, boundaries, cancellationToken))
        {
            data.Cell(cell.DepartmentId, cell.CategoryId, cell.Month).Rejected += cell.Count;
        }

        // A cancelled message is never changed again: its last update is its cancellation.
        var cancelled = messages.Where(m => m.Status == MessageStatus.Cancelled && m.UpdatedAtUtc >= start && m.UpdatedAtUtc < end)
            .GroupBy(m => new { m.DepartmentId, m.CategoryId, Month = ReportSql.Month(m.UpdatedAtUtc) })
            .Select(g => new Cell(g.Key.DepartmentId, g.Key.CategoryId, g.Key.Month, 0, g.Count()));
        foreach (var cell in await RunAsync(cancelled, boundaries, cancellationToken))
        {
            data.Cell(cell.DepartmentId, cell.CategoryId, cell.Month).Cancelled += cell.Count;
        }

        // Failures are deliveries' codes (one delivery per message today), never sentences.
        var failed = from m in messages
                     join d in db.Deliveries on m.Id equals d.MessageId
                     where d.Status == DeliveryStatus.Failed && d.FailedAtUtc >= start && d.FailedAtUtc < end
                     group d by new { m.DepartmentId, m.CategoryId, Month = ReportSql.Month(d.FailedAtUtc), Reason = ReportSql.FailureReason(d.Failure) } into g
                     select new Cell(g.Key.DepartmentId, g.Key.CategoryId, g.Key.Month, g.Key.Reason, g.Count());
        foreach (var cell in await RunAsync(failed, boundaries, cancellationToken))
        {
            var figures = data.Cell(cell.DepartmentId, cell.CategoryId, cell.Month);
            figures.Failed += cell.Count;
            figures.FailuresByReason[cell.Reason] = figures.FailuresByReason.GetValueOrDefault(cell.Reason) + cell.Count;
        }

        var validations = await messages
            .Where(m => m.ValidatedAtUtc >= start && m.ValidatedAtUtc < end && m.SubmittedAtUtc != null)
            .OrderByDescending(m => m.ValidatedAtUtc)
            .Take(MaxDurations)
            .Select(m => new Span(m.DepartmentId, m.CategoryId, m.SubmittedAtUtc!.Value, m.ValidatedAtUtc!.Value))
            .ToListAsync(cancellationToken);
        data.ValidationsTruncated |= validations.Count == MaxDurations;
        foreach (var span in validations)
        {
            data.Validations.Add(new Duration(span.DepartmentId, span.CategoryId, MonthOf(span.To, boundaries), span.To - span.From));
        }

        var lags = await wasPublished
            .Where(m => m.PublishedAtUtc >= start && m.PublishedAtUtc < end && m.DueAtUtc != null)
            .OrderByDescending(m => m.PublishedAtUtc)
            .Take(MaxDurations)
            .Select(m => new Span(m.DepartmentId, m.CategoryId, m.DueAtUtc!.Value, m.PublishedAtUtc!.Value))
            .ToListAsync(cancellationToken);
        data.LagsTruncated |= lags.Count == MaxDurations;
        foreach (var span in lags)
        {
            data.Lags.Add(new Duration(span.DepartmentId, span.CategoryId, MonthOf(span.To, boundaries), span.To - span.From));
        }

        // Engagement: the latest snapshot (highest id) of each post published in the period, summed per cell.
        var latest = from s in db.PostMetricsSnapshots.AsNoTracking()
                     join m in wasPublished on s.MessageId equals m.Id
                     where m.PublishedAtUtc >= start && m.PublishedAtUtc < end
                         && s.Id == db.PostMetricsSnapshots.Where(x => x.MessageId == s.MessageId).Max(x => x.Id)
                     select new { m.DepartmentId, m.CategoryId, m.PublishedAtUtc, s.Impressions, s.Likes, s.Reposts, s.Replies, s.Quotes };
        var engagement = latest
            .GroupBy(x => new { x.DepartmentId, x.CategoryId, Month = ReportSql.Month(x.PublishedAtUtc) })
            .Select(g => new EngagementCell(g.Key.DepartmentId, g.Key.CategoryId, g.Key.Month, g.Count(),
                g.Sum(x => x.Impressions), g.Sum(x => x.Likes), g.Sum(x => x.Reposts), g.Sum(x => x.Replies), g.Sum(x => x.Quotes)));
        foreach (var cell in await RunAsync(engagement, boundaries, cancellationToken))
        {
            var figures = data.Cell(cell.DepartmentId, cell.CategoryId, cell.Month);
            figures.Measured += cell.Posts;
            figures.Engagement = figures.Engagement.Add(new Engagement(cell.Impressions, cell.Likes, cell.Reposts, cell.Replies, cell.Quotes));
        }

        var top = await (from s in db.PostMetricsSnapshots.AsNoTracking()
                         join m in wasPublished on s.MessageId equals m.Id
                         where m.PublishedAtUtc >= start && m.PublishedAtUtc < end
                             && s.Id == db.PostMetricsSnapshots.Where(x => x.MessageId == s.MessageId).Max(x => x.Id)
                         orderby s.Impressions descending, m.Id
                         select new TopPost(m.Id, m.DepartmentId, m.CategoryId, m.Text, m.PublishedAtUtc!.Value, s.Impressions, s.Likes, s.Reposts, s.Replies))
            .Take(TopPostsCount)
            .ToListAsync(cancellationToken);
        data.TopPosts.AddRange(top);
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
    public static DateTime MonthStartUtc(DateOnly month, string timeZoneId)
    {
        var local = month.ToDateTime(TimeOnly.MinValue);
        return DepartmentTime.ToUtc(local, timeZoneId).Utc ?? DateTime.SpecifyKind(local, DateTimeKind.Utc);
    }

    private sealed record Cell(int DepartmentId, int CategoryId, int Month, int Reason, int Count);

    private sealed record EngagementCell(int DepartmentId, int CategoryId, int Month, int Posts, long Impressions, long Likes, long Reposts, long Replies, long Quotes);

    private sealed record Span(int DepartmentId, int CategoryId, DateTime From, DateTime To);
}

/// <summary>Markers written in the report's LINQ and replaced by SQL-translatable expressions before it runs.</summary>
internal static class ReportSql
{
    /// <summary>Index of the report month that contains the instant (a CASE over the month boundaries).</summary>
    public static int Month(DateTime? at) => throw new InvalidOperationException("Only inside a report query.");

    public static int Month(DateTime at) => throw new InvalidOperationException("Only inside a report query.");

    /// <summary>The report's failure reason of a delivery's failure code (see <see cref="FailureReasons"/>).</summary>
    public static int FailureReason(DeliveryFailure failure) => throw new InvalidOperationException("Only inside a report query.");

    internal sealed class Rewriter(DateTime[] boundaries) : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType != typeof(ReportSql))
            {
                return base.VisitMethodCall(node);
            }

            var argument = Visit(node.Arguments[0]);
            if (node.Method.Name == nameof(FailureReason))
            {
                var lambda = FailureReasons.OfFailure;
                return new ParameterReplacer(lambda.Parameters[0], argument).Visit(lambda.Body);
            }

            var at = argument.Type == typeof(DateTime?) ? argument : Expression.Convert(argument, typeof(DateTime?));
            Expression result = Expression.Constant(-1);
            for (var k = boundaries.Length - 1; k >= 1; k--)
            {
                result = Expression.Condition(Expression.LessThan(at, Expression.Constant((DateTime?)boundaries[k], typeof(DateTime?))), Expression.Constant(k - 1), result);
            }

            return result;
        }
    }

    private sealed class ParameterReplacer(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : base.VisitParameter(node);
    }
}

/// <summary>The figures of one department, category and month (or of any sum of them).</summary>
public sealed class Figures
{
    public int Created { get; set; }

    public int Published { get; set; }

    public int Rejected { get; set; }

    public int Cancelled { get; set; }

    public int Failed { get; set; }

    /// <summary>Taken down from X in the month (also counted as published in the month they went out).</summary>
    public int Withdrawn { get; set; }

    public Dictionary<int, int> FailuresByReason { get; } = [];

    /// <summary>Published posts with at least one metrics snapshot.</summary>
    public int Measured { get; set; }

    public Engagement Engagement { get; set; } = new(0, 0, 0, 0, 0);

    public void Add(Figures other)
    {
        Created += other.Created;
        Published += other.Published;
        Rejected += other.Rejected;
        Cancelled += other.Cancelled;
        Failed += other.Failed;
        Withdrawn += other.Withdrawn;
        Measured += other.Measured;
        Engagement = Engagement.Add(other.Engagement);
        foreach (var (reason, count) in other.FailuresByReason)
        {
            FailuresByReason[reason] = FailuresByReason.GetValueOrDefault(reason) + count;
        }
    }
}

public sealed record Engagement(long Impressions, long Likes, long Reposts, long Replies, long Quotes)
{
    public Engagement Add(Engagement other) => new(Impressions + other.Impressions, Likes + other.Likes, Reposts + other.Reposts, Replies + other.Replies, Quotes + other.Quotes);
}

/// <summary>A duration of one message (submission → validation, or due time → publication) in its report month.</summary>
public sealed record Duration(int DepartmentId, int CategoryId, int Month, TimeSpan Value);

public sealed record TopPost(long MessageId, int DepartmentId, int CategoryId, string Text, DateTime PublishedAtUtc, long Impressions, long Likes, long Reposts, long Replies);

/// <summary>Median and 90th percentile of a set of durations, by nearest rank.</summary>
public sealed record DurationStats(int Count, TimeSpan? Median, TimeSpan? P90)
{
    public static DurationStats Of(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? new DurationStats(0, null, null) : new DurationStats(sorted.Count, NearestRank(sorted, 50), NearestRank(sorted, 90));
    }

    /// <summary>The smallest value such that at least <paramref name="percent"/> % of the values are lower or equal.</summary>
    public static TimeSpan NearestRank(IReadOnlyList<TimeSpan> sorted, int percent) =>
        sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}

/// <summary>The report's figures, per department, category and month, and the durations they come from.</summary>
public sealed class ReportData(IReadOnlyList<DateOnly> months)
{
    public IReadOnlyList<DateOnly> Months { get; } = months;

    public Dictionary<(int DepartmentId, int CategoryId, int Month), Figures> Cells { get; } = [];

    public List<Duration> Validations { get; } = [];

    public List<Duration> Lags { get; } = [];

    public bool ValidationsTruncated { get; set; }

    public bool LagsTruncated { get; set; }

    public List<TopPost> TopPosts { get; } = [];

    public Figures Cell(int departmentId, int categoryId, int month)
    {
        if (!Cells.TryGetValue((departmentId, categoryId, month), out var figures))
        {
            Cells[(departmentId, categoryId, month)] = figures = new Figures();
        }

        return figures;
    }

    public Figures Sum(Func<(int DepartmentId, int CategoryId, int Month), bool> where)
    {
        var sum = new Figures();
        foreach (var (key, figures) in Cells.Where(c => where(c.Key)))
        {
            sum.Add(figures);
        }

        return sum;
    }

    public Figures Total => Sum(_ => true);

    private ILookup<(int DepartmentId, int CategoryId, int Month), TimeSpan>? _validationsByCell;
    private ILookup<(int DepartmentId, int CategoryId, int Month), TimeSpan>? _lagsByCell;

    /// <summary>Validation delays of a department, category and/or month (null: any), from durations grouped once per cell.</summary>
    public DurationStats ValidationStats(int? departmentId = null, int? categoryId = null, int? month = null) =>
        Stats(_validationsByCell ??= Validations.ToLookup(d => (d.DepartmentId, d.CategoryId, d.Month), d => d.Value), departmentId, categoryId, month);

    public DurationStats LagStats(int? departmentId = null, int? categoryId = null, int? month = null) =>
        Stats(_lagsByCell ??= Lags.ToLookup(d => (d.DepartmentId, d.CategoryId, d.Month), d => d.Value), departmentId, categoryId, month);

    private static DurationStats Stats(ILookup<(int DepartmentId, int CategoryId, int Month), TimeSpan> cells, int? departmentId, int? categoryId, int? month) =>
        DurationStats.Of(cells
            .Where(g => (departmentId is null || g.Key.DepartmentId == departmentId) && (categoryId is null || g.Key.CategoryId == categoryId) && (month is null || g.Key.Month == month))
            .SelectMany(g => g));
}
