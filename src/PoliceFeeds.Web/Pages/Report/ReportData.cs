using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Core.Reporting;

namespace PoliceFeeds.Web.Pages.Report;

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

    /// <summary>Failed deliveries per failure code (what the roll-up keeps; <see cref="FailuresByReason"/> groups them).</summary>
    public Dictionary<DeliveryFailure, int> FailuresByCode { get; } = [];

    /// <summary>Counts failed deliveries of one code, in the failures and in their reason.</summary>
    public void AddFailures(DeliveryFailure code, int count)
    {
        Failed += count;
        FailuresByCode[code] = FailuresByCode.GetValueOrDefault(code) + count;
        var reason = FailureReasons.Of(code);
        FailuresByReason[reason] = FailuresByReason.GetValueOrDefault(reason) + count;
    }

    /// <summary>Published posts with at least one metrics snapshot.</summary>
    public int Measured { get; set; }

    public Engagement Engagement { get; set; } = new(0, 0, 0, 0, 0);

    public void Add(Figures other)
    {
        Created += other.Created;
        Published += other.Published;
        Rejected += other.Rejected;
        Cancelled += other.Cancelled;
        Withdrawn += other.Withdrawn;
        Measured += other.Measured;
        Engagement = Engagement.Add(other.Engagement);
        foreach (var (code, count) in other.FailuresByCode)
        {
            AddFailures(code, count);
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
public sealed record DurationStats(long Count, TimeSpan? Median, TimeSpan? P90)
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

/// <summary>
/// The report's figures, per department, category and month, and the delays they come from: each month's durations
/// (months computed live) or histograms (closed months read from the roll-up, or built for it).
/// </summary>
public sealed class ReportData(IReadOnlyList<DateOnly> months)
{
    public IReadOnlyList<DateOnly> Months { get; } = months;

    public Dictionary<(int DepartmentId, int CategoryId, int Month), Figures> Cells { get; } = [];

    public List<Duration> Validations { get; } = [];

    public List<Duration> Lags { get; } = [];

    /// <summary>Validation delays of the cells read from (or built for) the roll-up.</summary>
    public Dictionary<(int DepartmentId, int CategoryId, int Month), DurationHistogram> ValidationHistograms { get; } = [];

    public Dictionary<(int DepartmentId, int CategoryId, int Month), DurationHistogram> LagHistograms { get; } = [];

    public bool ValidationsTruncated { get; set; }

    public bool LagsTruncated { get; set; }

    /// <summary>Months (indexes) read from the roll-up rather than computed live.</summary>
    public SortedSet<int> RolledUpMonths { get; } = [];

    public List<TopPost> TopPosts { get; } = [];

    public Figures Cell(int departmentId, int categoryId, int month)
    {
        if (!Cells.TryGetValue((departmentId, categoryId, month), out var figures))
        {
            Cells[(departmentId, categoryId, month)] = figures = new Figures();
        }

        return figures;
    }

    public static DurationHistogram Histogram(Dictionary<(int DepartmentId, int CategoryId, int Month), DurationHistogram> histograms, (int, int, int) key)
    {
        if (!histograms.TryGetValue(key, out var histogram))
        {
            histograms[key] = histogram = new DurationHistogram();
        }

        return histogram;
    }

    /// <summary>Every cell that has figures or delays.</summary>
    public IEnumerable<(int DepartmentId, int CategoryId, int Month)> Keys =>
        Cells.Keys.Concat(Validations.Select(d => (d.DepartmentId, d.CategoryId, d.Month))).Concat(Lags.Select(d => (d.DepartmentId, d.CategoryId, d.Month)))
            .Concat(ValidationHistograms.Keys).Concat(LagHistograms.Keys).Distinct();

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
        Stats(_validationsByCell ??= Validations.ToLookup(d => (d.DepartmentId, d.CategoryId, d.Month), d => d.Value), ValidationHistograms, departmentId, categoryId, month);

    public DurationStats LagStats(int? departmentId = null, int? categoryId = null, int? month = null) =>
        Stats(_lagsByCell ??= Lags.ToLookup(d => (d.DepartmentId, d.CategoryId, d.Month), d => d.Value), LagHistograms, departmentId, categoryId, month);

    /// <summary>
    /// Exact when every cell asked was computed live; otherwise from one histogram: the roll-up's of the closed months
    /// plus the live durations of the others, so a period's median is of all its values, to the histogram's resolution.
    /// </summary>
    private static DurationStats Stats(
        ILookup<(int DepartmentId, int CategoryId, int Month), TimeSpan> cells,
        Dictionary<(int DepartmentId, int CategoryId, int Month), DurationHistogram> histograms,
        int? departmentId,
        int? categoryId,
        int? month)
    {
        bool Wanted((int DepartmentId, int CategoryId, int Month) key) =>
            (departmentId is null || key.DepartmentId == departmentId) && (categoryId is null || key.CategoryId == categoryId) && (month is null || key.Month == month);

        var live = cells.Where(g => Wanted(g.Key)).SelectMany(g => g);
        var rolled = histograms.Where(h => Wanted(h.Key)).Select(h => h.Value).ToList();
        if (rolled.Count == 0)
        {
            return DurationStats.Of(live);
        }

        var (count, median, p90) = DurationHistogram.Merge(rolled, live);
        return new DurationStats(count, median, p90);
    }
}
