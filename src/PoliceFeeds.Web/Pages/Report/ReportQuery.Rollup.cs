using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Core.Reporting;

namespace PoliceFeeds.Web.Pages.Report;

/// <summary>The report's closed months read from the roll-up (<see cref="ReportRollupCell"/>, built by <see cref="ReportRollupBuilder"/>).</summary>
public sealed partial class ReportQuery
{
    /// <summary>
    /// Adds the months of the period that are closed in the time zone and whose roll-up is built for every one of the
    /// departments; returns their indexes (the others are left to the live computation, so a month not built yet is
    /// never read as zeros).
    /// </summary>
    private async Task<HashSet<int>> AddRollupAsync(ReportData data, List<int> ids, string timeZoneId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var months = data.Months;
        var closed = months.Select((m, i) => (Month: m, Index: i)).Where(m => ReportMonths.IsClosed(m.Month, timeZoneId, nowUtc)).ToList();
        if (closed.Count == 0)
        {
            return [];
        }

        var first = closed[0].Month;
        var last = closed[^1].Month;
        var markers = await db.ReportRollupMonths.AsNoTracking()
            .Where(r => ids.Contains(r.DepartmentId) && r.Month >= first && r.Month <= last)
            .Select(r => new { r.DepartmentId, r.Month, r.TopPostIds })
            .ToListAsync(cancellationToken);
        var built = markers.GroupBy(r => r.Month).Where(g => g.Select(r => r.DepartmentId).Distinct().Count() == ids.Count).Select(g => g.Key).ToHashSet();
        var rolled = closed.Where(m => built.Contains(m.Month)).ToDictionary(m => m.Month, m => m.Index);
        if (rolled.Count == 0)
        {
            return [];
        }

        var cells = await db.ReportRollupCells.AsNoTracking()
            .Where(c => ids.Contains(c.DepartmentId) && c.Month >= first && c.Month <= last)
            .ToListAsync(cancellationToken);
        foreach (var cell in cells)
        {
            if (!rolled.TryGetValue(cell.Month, out var month))
            {
                continue;
            }

            var key = (cell.DepartmentId, cell.CategoryId, month);
            var figures = data.Cell(cell.DepartmentId, cell.CategoryId, month);
            figures.Created += cell.Created;
            figures.Published += cell.Published;
            figures.Rejected += cell.Rejected;
            figures.Cancelled += cell.Cancelled;
            figures.Withdrawn += cell.Withdrawn;
            foreach (var (code, count) in ParseFailures(cell.FailuresByCode))
            {
                figures.AddFailures(code, count);
            }

            figures.Measured += cell.Measured;
            figures.Engagement = figures.Engagement.Add(new Engagement(cell.Impressions, cell.Likes, cell.Reposts, cell.Replies, cell.Quotes));
            AddHistogram(data.ValidationHistograms, key, cell.ValidationDelays);
            AddHistogram(data.LagHistograms, key, cell.PublicationDelays);
        }

        // The most viewed posts of the period are among the most viewed of each of its department-months.
        var topIds = markers.Where(r => rolled.ContainsKey(r.Month)).SelectMany(r => ParseIds(r.TopPostIds)).ToList();
        if (topIds.Count > 0)
        {
            data.TopPosts.AddRange(await TopPostsAsync(db.Messages.AsNoTracking().Where(WasPublished).Where(m => topIds.Contains(m.Id)), cancellationToken));
        }

        data.RolledUpMonths.UnionWith(rolled.Values);
        return [.. rolled.Values];
    }

    private static void AddHistogram(Dictionary<(int DepartmentId, int CategoryId, int Month), DurationHistogram> histograms, (int, int, int) key, string text)
    {
        var histogram = DurationHistogram.Parse(text);
        if (histogram.Count > 0)
        {
            ReportData.Histogram(histograms, key).Add(histogram);
        }
    }

    /// <summary>"code:count" pairs, as <see cref="FormatFailures"/> writes them.</summary>
    internal static IEnumerable<(DeliveryFailure Code, int Count)> ParseFailures(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(pair => pair.Split(':')).Select(p =>
            ((DeliveryFailure)int.Parse(p[0], NumberStyles.None, CultureInfo.InvariantCulture), int.Parse(p[1], NumberStyles.None, CultureInfo.InvariantCulture)));

    internal static string FormatFailures(IReadOnlyDictionary<DeliveryFailure, int> failures) =>
        string.Join(',', failures.Where(f => f.Value > 0).OrderBy(f => f.Key).Select(f => string.Create(CultureInfo.InvariantCulture, $"{(int)f.Key}:{f.Value}")));

    private static IEnumerable<long> ParseIds(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(id => long.Parse(id, NumberStyles.None, CultureInfo.InvariantCulture));
}
