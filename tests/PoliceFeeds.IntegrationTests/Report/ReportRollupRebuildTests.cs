using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.IntegrationTests.Report;

/// <summary>"Recalculer les mois clos de la période" on /Report: national admins only, audited, bad months explained in French.</summary>
public sealed class ReportRollupRebuildTests(ReportRollupFixture fixture) : IClassFixture<ReportRollupFixture>
{
    private const string Page = "/Report?from=2026-10&to=2026-12";

    private async Task<TestClient> SignedInAsync(string email)
    {
        var client = fixture.Factory.CreateTestClient();
        await client.SignInAsync(email);
        return client;
    }

    private async Task<T> DbAsync<T>(Func<PoliceFeedsDbContext, Task<T>> query)
    {
        await using var scope = fixture.Factory.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>());
    }

    [Fact]
    public async Task A_national_admin_rebuilds_the_closed_months_of_the_period_and_it_is_audited()
    {
        fixture.Factory.Clock.SetUtcNow(ReportRollupFixture.Now);
        using var admin = await SignedInAsync(DemoUsers.Admin);
        var before = fixture.Factory.UtcNow;

        using var response = await admin.PostFormAsync(Page, [], "/Report?handler=Rebuild&from=2026-10&to=2026-12&departmentId=", "section.report-rollup form");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // October and November are closed: rebuilt for every department; December is open: left alone.
        var months = await DbAsync(db => db.ReportRollupMonths.Where(r => r.BuiltAtUtc >= before).Select(r => r.Month).Distinct().OrderBy(m => m).ToListAsync());
        Assert.Equal([new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 1)], months);
        Assert.Equal(await DbAsync(db => db.Departments.CountAsync()), await DbAsync(db => db.ReportRollupMonths.CountAsync(r => r.Month == new DateOnly(2026, 10, 1))));
        var audit = await DbAsync(db => db.AuditEntries.Where(a => a.Action == "report.rollup_rebuilt").OrderByDescending(a => a.Id).FirstAsync());
        Assert.Equal("2026-10..2026-12", audit.EntityId);
        Assert.Equal("2 mois clos recalculés", audit.Details);
        var page = await admin.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("2 mois clos recalculés", page.QuerySelector("[data-testid=flash]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_validator_sees_no_rebuild_button_and_is_refused()
    {
        using var validator = await SignedInAsync(DemoUsers.Validator44);
        var page = await validator.GetPageAsync(Page);
        Assert.Null(page.QuerySelector("[data-report-rebuild]"));
        var token = await validator.AntiforgeryTokenAsync();
        var count = await DbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "report.rollup_rebuilt"));

        using var response = await validator.Http.PostAsync(new Uri("/Report?handler=Rebuild&from=2026-10&to=2026-11", UriKind.Relative),
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.True(response.StatusCode == HttpStatusCode.Forbidden || response.Headers.Location?.OriginalString.Contains("/Account/AccessDenied", StringComparison.Ordinal) == true,
            $"Expected a refusal, got {(int)response.StatusCode} {response.Headers.Location}");
        Assert.Equal(count, await DbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "report.rollup_rebuilt")));
    }

    [Fact]
    public async Task A_bad_period_is_explained_in_French_and_rebuilds_nothing()
    {
        using var admin = await SignedInAsync(DemoUsers.Admin);
        var count = await DbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "report.rollup_rebuilt"));

        using var response = await admin.PostFormAsync(Page, [], "/Report?handler=Rebuild&from=2026-11&to=2026-02", "section.report-rollup form");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("report-errors", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(count, await DbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "report.rollup_rebuilt")));
    }
}
