using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.Web.Pages.Report;

namespace PoliceFeeds.IntegrationTests.Report;

/// <summary>
/// The roll-up job's months on the tests' clock, set by hand: a month is built once it is closed in its department's
/// time zone (not at 23:30 on its last day, at midnight of the 1st, across both daylight-saving changes and New Year's
/// Eve; La Réunion four hours before Paris), rebuilt at most once a poll interval while it settles, a last time after,
/// and then left alone.
/// </summary>
public sealed class ReportRollupJobTests : IAsyncLifetime
{
    private readonly PoliceFeedsAppFactory _factory = new();

    public async Task InitializeAsync()
    {
        _factory.Settings["Publishing:RunHostedService"] = "false";
        _factory.Settings["ReportRollup:PollInterval"] = "1.00:00:00";
        _factory.Settings["ReportRollup:SettlePeriod"] = "35.00:00:00";
        _factory.Clock.SetUtcNow(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero));
        _ = _factory.Services;
        await using var scope = _factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        var author = await db.Users.Where(u => u.Email == DemoUsers.Officer44).Select(u => u.Id).SingleAsync();
        // La Réunion is listed (inactive) like every department: activated for the report.
        var reunion = await db.Departments.SingleAsync(d => d.Code == "974");
        reunion.IsActive = true;
        await db.SaveChangesAsync();
        Message Draft(int department, string created) => new()
        {
            DepartmentId = department,
            CategoryId = 1,
            Text = $"Brouillon {department} {created}",
            AuthorId = author,
            CreatedAtUtc = ReportTestData.At(created),
            UpdatedAtUtc = ReportTestData.At(created),
        };
        db.Messages.AddRange(Draft(DemoUsers.Department44, "2026-07-10T08:00"), Draft(DemoUsers.Department44, "2026-08-31T21:45"), Draft(reunion.Id, "2026-12-10T08:00"));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<string[]> RunAtAsync(string utc)
    {
        _factory.Clock.SetUtcNow(new DateTimeOffset(ReportTestData.At(utc)));
        await using var scope = _factory.CreateScope();
        var built = await scope.ServiceProvider.GetRequiredService<ReportRollupJob>().RunOnceAsync(CancellationToken.None);
        return [.. built.Select(b => $"{(b.TimeZoneId == "Europe/Paris" ? "Paris" : "Réunion")} {b.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture)}").Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task Months_are_built_when_they_close_in_their_zone_rebuilt_while_they_settle_then_left_alone()
    {
        // 31 August, 23:30 in Paris (summer time): August is still open; at midnight it closes.
        Assert.Equal(["Paris 2026-07"], await RunAtAsync("2026-08-31T21:30"));
        Assert.Equal(["Paris 2026-08"], await RunAtAsync("2026-08-31T22:00"));

        // 31 October, 23:30 in Paris (winter time since the 25th): July and August are rebuilt once more (built before
        // they settled, 35 days after their close), September is built, October is still open.
        Assert.Equal(["Paris 2026-07", "Paris 2026-08", "Paris 2026-09"], await RunAtAsync("2026-10-31T22:30"));
        Assert.Equal(["Paris 2026-10"], await RunAtAsync("2026-10-31T23:00"));

        // New Year's Eve: La Réunion (UTC+4) closes December at 20:00 UTC, Paris at 23:00 UTC, not at 23:30 in Paris.
        Assert.Equal(["Paris 2026-09", "Paris 2026-10", "Paris 2026-11"], await RunAtAsync("2026-12-31T19:30"));
        Assert.Equal(["Réunion 2026-12"], await RunAtAsync("2026-12-31T20:00"));
        Assert.Empty(await RunAtAsync("2026-12-31T22:30"));
        Assert.Equal(["Paris 2026-12"], await RunAtAsync("2026-12-31T23:00"));

        // Mid-February: the months still settling are rebuilt, January is built; within the poll interval nothing is.
        Assert.Equal(["Paris 2026-11", "Paris 2026-12", "Paris 2027-01", "Réunion 2026-12", "Réunion 2027-01"], await RunAtAsync("2027-02-15T12:00"));
        Assert.Empty(await RunAtAsync("2027-02-15T13:00"));

        // Two days later only January is still settling: September to December are final and left alone.
        Assert.Equal(["Paris 2027-01", "Réunion 2027-01"], await RunAtAsync("2027-02-17T12:00"));

        await using var scope = _factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        var parisMonths = await db.ReportRollupMonths.Where(r => r.DepartmentId == DemoUsers.Department44).Select(r => r.Month).OrderBy(m => m).ToListAsync();
        Assert.Equal(Enumerable.Range(0, 7).Select(i => new DateOnly(2026, 7, 1).AddMonths(i)), parisMonths);
        Assert.Equal(1, await db.ReportRollupCells.Where(c => c.DepartmentId == DemoUsers.Department44 && c.Month == new DateOnly(2026, 8, 1)).SumAsync(c => c.Created));
    }
}
