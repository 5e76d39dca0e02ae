using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PoliceFeeds.BrowserTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.Web.Startup;

namespace PoliceFeeds.BrowserTests.Report;

[Collection(BrowserCollection.Name)]
public sealed class ReportFlowTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task Admin_reads_the_pilot_report_with_its_charts()
    {
        // The demo history of 62 and 06 only (the officer flows use 44; pausing uses 67).
        DateOnly start;
        await using (var scope = fixture.Factory.CreateScope())
        {
            var seeder = scope.ServiceProvider.GetRequiredService<DemoHistorySeeder>();
            await seeder.SeedAsync([DemoUsers.Department62, 5]);
            start = seeder.PilotStart();
        }

        var admin = await fixture.SharedSessionPageAsync(DemoUsers.Admin);
        await admin.GotoAsync("/");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Bilan" }).ClickAsync();
        await admin.GetByLabel("Du mois").FillAsync($"{start:yyyy-MM}");
        await admin.GetByLabel("Au mois").FillAsync($"{start.AddMonths(2):yyyy-MM}");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Afficher" }).ClickAsync();

        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Bilan de l'expérimentation" })).ToBeVisibleAsync();
        foreach (var chart in new[] { "chart-activity", "chart-delays", "chart-failures", "chart-engagement" })
        {
            await Assertions.Expect(admin.Locator($"canvas#{chart}[data-chart-ready=true]")).ToHaveCountAsync(1);
        }

        var width = await admin.Locator("canvas#chart-activity").EvaluateAsync<int>("c => c.width");
        Assert.True(width > 100, $"chart-activity is {width} px wide");
        await Assertions.Expect(admin.Locator("#table-activity tbody tr")).ToHaveCountAsync(3);
        // Each axis in the unit of its figures: validation in minutes on the left, publication delays in seconds (the
        // cells' data-seconds) on the right; interactions per post on their own axis beside impressions; gaps not joined.
        var delays = await admin.Locator("canvas#chart-delays").EvaluateAsync<string>(
            "c => { const ch = Chart.getChart(c); const cell = document.querySelector('#table-delays tbody tr td[data-seconds]:not([data-seconds=\\'\\'])');"
            + " const lag = ch.data.datasets.find(d => d.yAxisID === 'y1'); const row = cell ? cell.parentElement.rowIndex - 1 : -1;"
            + " return [ch.options.scales.y.title.text, ch.options.scales.y1.title.text, ch.data.datasets.filter(d => d.yAxisID === 'y1').length,"
            + " ch.data.datasets.every(d => d.spanGaps === false), cell ? lag.data[row] === Number(cell.getAttribute('data-seconds')) : 'no lag'].join('|'); }");
        Assert.Equal("Délai de validation (minutes)|Retard de publication (secondes)|2|true|true", delays);
        var engagement = await admin.Locator("canvas#chart-engagement").EvaluateAsync<string>(
            "c => { const ch = Chart.getChart(c); return [ch.options.scales.y.title.text, ch.options.scales.y1.title.text, ch.data.datasets.map(d => d.yAxisID).join(',')].join('|'); }");
        Assert.Equal("Impressions par publication|Interactions par publication|y,y1", engagement);
        await BrowserFixture.AssertNoSeriousAccessibilityViolationsAsync(admin);
        await Screenshots.SaveAsync(admin, "report");

        // The same report on a phone: the charts fit the width and nothing scrolls sideways.
        var phone = await fixture.SharedSessionPageAsync(DemoUsers.Admin, width: 390);
        await phone.GotoAsync(admin.Url);
        foreach (var chart in new[] { "chart-activity", "chart-delays", "chart-failures", "chart-engagement" })
        {
            await Assertions.Expect(phone.Locator($"canvas#{chart}[data-chart-ready=true]")).ToHaveCountAsync(1);
        }

        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the report scrolls sideways at 390 px");
        await BrowserFixture.AssertNoSeriousAccessibilityViolationsAsync(phone);
        await Screenshots.SaveAsync(phone, "report-phone");
        await phone.Context.CloseAsync();

        await admin.Locator("#table-top-posts a").First.ClickAsync();
        await Assertions.Expect(admin.Locator("canvas#chart-post[data-chart-ready=true]")).ToHaveCountAsync(1);
        await Assertions.Expect(admin.Locator("#table-post-history tbody tr")).ToHaveCountAsync(4);
        await BrowserFixture.AssertNoSeriousAccessibilityViolationsAsync(admin);
    }
}
