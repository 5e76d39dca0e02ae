using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Reporting;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.Web.Pages.Report;

namespace PoliceFeeds.IntegrationTests.Report;

/// <summary>The app with <see cref="ReportRollupTestData"/>, on the tests' clock set to 7 December 2026 (December open).</summary>
public sealed class ReportRollupFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    public PoliceFeedsAppFactory Factory { get; } = new();

    public int ReunionId { get; private set; }

    public async Task InitializeAsync()
    {
        Factory.Settings["Publishing:RunHostedService"] = "false";
        Factory.Clock.SetUtcNow(Now);
        _ = Factory.Services;
        ReunionId = await ReportRollupTestData.SeedAsync(Factory);
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>
/// The report from the roll-up of closed months plus the open month live gives the same counts as the report computed
/// live from every row, and the same delays to the histograms' resolution; a month whose roll-up is missing is computed live.
/// </summary>
public sealed class ReportRollupTests(ReportRollupFixture fixture) : IClassFixture<ReportRollupFixture>
{
    private static readonly DateOnly First = new(2025, 12, 1);
    private static readonly DateOnly Last = new(2026, 12, 1);

    private async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = fixture.Factory.CreateScope();
        return await work(scope.ServiceProvider);
    }

    private Task<List<Department>> DepartmentsAsync() =>
        WithScopeAsync(s => s.GetRequiredService<PoliceFeedsDbContext>().Departments.AsNoTracking().OrderBy(d => d.Id).ToListAsync());

    private Task<ReportData> ReportAsync(IReadOnlyList<Department> departments, bool useRollup) =>
        WithScopeAsync(s => s.GetRequiredService<ReportQuery>().RunAsync(departments, First, Last, CancellationToken.None, useRollup));

    private Task BuildAsync() => WithScopeAsync(s => s.GetRequiredService<ReportRollupJob>().RunOnceAsync(CancellationToken.None));

    [Fact]
    public async Task The_report_from_the_rollup_and_the_open_month_equals_the_live_report()
    {
        fixture.Factory.Clock.SetUtcNow(ReportRollupFixture.Now);
        var departments = await DepartmentsAsync();
        var live = await ReportAsync(departments, useRollup: false);
        await BuildAsync();

        var rolled = await ReportAsync(departments, useRollup: true);

        // Every month up to November is read from the roll-up; December, open, is computed live.
        Assert.Equal(Enumerable.Range(0, 12), rolled.RolledUpMonths);
        Assert.Empty(live.RolledUpMonths);
        AssertSameReport(live, rolled);
        Assert.True(rolled.Cell(DemoUsers.Department44, 1, 12).Created > 0, "The open month's message is counted.");
    }

    [Fact]
    public async Task One_department_and_each_time_zone_give_the_same_figures_from_the_rollup()
    {
        fixture.Factory.Clock.SetUtcNow(ReportRollupFixture.Now);
        await BuildAsync();
        var departments = await DepartmentsAsync();
        foreach (var subset in new[] { departments.Where(d => d.Id == DemoUsers.Department35).ToList(), departments.Where(d => d.Id == fixture.ReunionId).ToList() })
        {
            AssertSameReport(await ReportAsync(subset, useRollup: false), await ReportAsync(subset, useRollup: true));
        }

        // La Réunion's February holds the post of 31 January 21:30 UTC (01:30 there); Paris would have put it in January.
        var reunion = await ReportAsync(departments.Where(d => d.Id == fixture.ReunionId).ToList(), useRollup: true);
        Assert.Equal(1, reunion.Cell(fixture.ReunionId, 1, 1).Created);
        Assert.Equal(1, reunion.Cell(fixture.ReunionId, 1, 2).Created);
    }

    [Fact]
    public async Task A_closed_month_without_its_rollup_is_computed_live_never_read_as_zeros()
    {
        fixture.Factory.Clock.SetUtcNow(ReportRollupFixture.Now);
        await BuildAsync();
        var departments = await DepartmentsAsync();
        var live = await ReportAsync(departments, useRollup: false);
        // February 2026 (index 2) loses department 35's roll-up: the whole month is computed live again for Paris.
        await WithScopeAsync(s => s.GetRequiredService<PoliceFeedsDbContext>().ReportRollupMonths
            .Where(r => r.DepartmentId == DemoUsers.Department35 && r.Month == new DateOnly(2026, 2, 1)).ExecuteDeleteAsync());

        var rolled = await ReportAsync(departments, useRollup: true);

        AssertSameReport(live, rolled);
        Assert.True(live.Cell(DemoUsers.Department44, 1, 2).Failed > 0);
        // Paris's February is live; La Réunion's is still read from the roll-up (its own zone, fully built).
        Assert.Contains(2, rolled.RolledUpMonths);
        Assert.Equal(live.Cell(DemoUsers.Department44, 1, 2).Failed, rolled.Cell(DemoUsers.Department44, 1, 2).Failed);
        await BuildAsync();
    }

    [Fact]
    public async Task Rebuilding_a_month_twice_leaves_the_same_rows_and_an_open_month_is_refused()
    {
        fixture.Factory.Clock.SetUtcNow(ReportRollupFixture.Now);
        var october = new DateOnly(2026, 10, 1);
        async Task<List<string>> RowsAsync() => await WithScopeAsync(s => s.GetRequiredService<PoliceFeedsDbContext>().ReportRollupCells.AsNoTracking()
            .Where(c => c.Month == october).OrderBy(c => c.DepartmentId).ThenBy(c => c.CategoryId)
            .Select(c => $"{c.DepartmentId}/{c.CategoryId}/{c.Network}: {c.Created} {c.Published} {c.Rejected} {c.Cancelled} {c.Failed} {c.FailuresByCode} {c.Impressions} [{c.ValidationDelays}] [{c.PublicationDelays}]")
            .ToListAsync());

        Assert.True(await WithScopeAsync(s => s.GetRequiredService<ReportRollupBuilder>().RebuildMonthAsync(october, CancellationToken.None)));
        var first = await RowsAsync();
        Assert.True(await WithScopeAsync(s => s.GetRequiredService<ReportRollupBuilder>().RebuildMonthAsync(october, CancellationToken.None)));

        Assert.NotEmpty(first);
        Assert.Equal(first, await RowsAsync());
        Assert.False(await WithScopeAsync(s => s.GetRequiredService<ReportRollupBuilder>().RebuildMonthAsync(new DateOnly(2026, 12, 1), CancellationToken.None)));
        Assert.False(await WithScopeAsync(s => s.GetRequiredService<PoliceFeedsDbContext>().ReportRollupMonths.AnyAsync(r => r.Month == new DateOnly(2026, 12, 1))));
    }

    /// <summary>Counts, failures, engagement and the top posts identical; every delay within the histogram's resolution.</summary>
    private static void AssertSameReport(ReportData live, ReportData rolled)
    {
        var keys = live.Keys.Union(rolled.Keys).ToList();
        Assert.NotEmpty(keys);
        foreach (var key in keys)
        {
            var a = live.Cells.GetValueOrDefault(key) ?? new Figures();
            var b = rolled.Cells.GetValueOrDefault(key) ?? new Figures();
            Assert.Equal(
                (a.Created, a.Published, a.Rejected, a.Cancelled, a.Failed, a.Withdrawn, a.Measured, a.Engagement),
                (b.Created, b.Published, b.Rejected, b.Cancelled, b.Failed, b.Withdrawn, b.Measured, b.Engagement));
            Assert.Equal(a.FailuresByReason.Where(r => r.Value > 0).OrderBy(r => r.Key), b.FailuresByReason.Where(r => r.Value > 0).OrderBy(r => r.Key));
            AssertClose(live.ValidationStats(key.DepartmentId, key.CategoryId, key.Month), rolled.ValidationStats(key.DepartmentId, key.CategoryId, key.Month));
            AssertClose(live.LagStats(key.DepartmentId, key.CategoryId, key.Month), rolled.LagStats(key.DepartmentId, key.CategoryId, key.Month));
        }

        for (var month = 0; month < live.Months.Count; month++)
        {
            AssertClose(live.ValidationStats(month: month), rolled.ValidationStats(month: month));
            AssertClose(live.LagStats(month: month), rolled.LagStats(month: month));
        }

        AssertClose(live.ValidationStats(), rolled.ValidationStats());
        AssertClose(live.LagStats(), rolled.LagStats());
        Assert.Equal(live.Total.Created, rolled.Total.Created);
        Assert.Equal(live.TopPosts.Select(p => (p.MessageId, p.Impressions)), rolled.TopPosts.Select(p => (p.MessageId, p.Impressions)));
    }

    private static void AssertClose(DurationStats exact, DurationStats fromHistogram)
    {
        Assert.Equal(exact.Count, fromHistogram.Count);
        foreach (var (e, h) in new[] { (exact.Median, fromHistogram.Median), (exact.P90, fromHistogram.P90) })
        {
            Assert.Equal(e is null, h is null);
            if (e is { } value && h is { } approximate)
            {
                var bound = DurationHistogram.ErrorBound(DurationHistogram.BucketOf(value));
                Assert.True((approximate - value).Duration() <= bound, $"{approximate} is further than {bound} from the exact {value}");
            }
        }
    }
}
