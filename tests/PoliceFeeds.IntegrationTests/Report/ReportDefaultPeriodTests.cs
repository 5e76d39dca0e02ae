using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.IntegrationTests.Report;

/// <summary>Without dates the report covers the last three full months in Paris time, read from the app's clock.</summary>
public sealed class ReportDefaultPeriodTests : IAsyncLifetime
{
    // 23:30 UTC on 31 December is already 1 January in Paris: December is then the last full month.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 12, 31, 23, 30, 0, TimeSpan.Zero));
    private readonly PoliceFeedsAppFactory _factory = new();

    public Task InitializeAsync()
    {
        _factory.Settings["Publishing:RunHostedService"] = "false";
        _factory.ServiceOverrides.Add(s => s.AddSingleton<TimeProvider>(_clock));
        _ = _factory.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<AngleSharp.Html.Dom.IHtmlDocument> ReportAsync(string url)
    {
        using var client = _factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Admin);
        return await client.GetPageAsync(url);
    }

    private static string[] Months(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("#table-activity tbody tr th").Select(th => th.TextContent.Trim()).ToArray();

    [Fact]
    public async Task Default_period_is_the_last_three_full_months_in_Paris_time()
    {
        var page = await ReportAsync("/Report");
        Assert.Equal("2025-10", page.QuerySelector("#from")!.GetAttribute("value"));
        Assert.Equal("2025-12", page.QuerySelector("#to")!.GetAttribute("value"));
        Assert.Equal(["octobre 2025", "novembre 2025", "décembre 2025"], Months(page));
        Assert.Contains("href=\"/Report\"", page.Source.Text, StringComparison.Ordinal);

        _clock.SetUtcNow(new DateTimeOffset(2026, 5, 20, 10, 0, 0, TimeSpan.Zero));
        page = await ReportAsync("/Report");
        Assert.Equal(["février 2026", "mars 2026", "avril 2026"], Months(page));

        // One end given: three months from it (never past the last full month), or three months up to it.
        page = await ReportAsync("/Report?from=2026-01");
        Assert.Equal(["janvier 2026", "février 2026", "mars 2026"], Months(page));
        page = await ReportAsync("/Report?from=2026-04");
        Assert.Equal(["avril 2026"], Months(page));
        page = await ReportAsync("/Report?to=2025-08");
        Assert.Equal(["juin 2025", "juillet 2025", "août 2025"], Months(page));

        // Never before the first supported month (January 2000) when only the end is given.
        page = await ReportAsync("/Report?to=2000-02");
        Assert.Equal(["janvier 2000", "février 2000"], Months(page));
    }
}
