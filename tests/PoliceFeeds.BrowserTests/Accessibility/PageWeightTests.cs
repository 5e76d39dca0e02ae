using Microsoft.Playwright;
using PoliceFeeds.BrowserTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace PoliceFeeds.BrowserTests.Accessibility;

/// <summary>
/// The department home's budget: at most 150 KB transferred on a first visit (empty cache: HTML, DSFR's CSS and JS,
/// the fonts and icons) and at most 20 KB on the next (the page itself; everything else comes from the cache).
/// Sizes are what the browser received (compressed bodies plus headers), read from Playwright's request sizes.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PageWeightTests(BrowserFixture fixture, ITestOutputHelper output)
{
    public const long FirstVisitBudget = 150 * 1000;
    public const long NextVisitBudget = 20 * 1000;

    [BrowserFact]
    public async Task The_department_home_weighs_at_most_150_KB_on_a_first_visit_and_20_KB_on_the_next()
    {
        // A new context: the session's cookies, an empty cache.
        var page = await fixture.SharedSessionPageAsync(DemoUsers.Officer44);
        var context = page.Context;
        var url = $"/Messages?departmentId={DemoUsers.Department44}";

        var first = await TransferredAsync(page, url);
        var next = await TransferredAsync(page, url);
        await context.CloseAsync();

        output.WriteLine($"Department home: first visit {first.Total} bytes ({string.Join(", ", first.Parts)}); next visit {next.Total} bytes ({string.Join(", ", next.Parts)})");
        Assert.True(first.Total <= FirstVisitBudget, $"first visit {first.Total} bytes: {string.Join(", ", first.Parts)}");
        Assert.True(next.Total <= NextVisitBudget, $"next visit {next.Total} bytes: {string.Join(", ", next.Parts)}");
        Assert.Contains(first.Parts, p => p.Contains("dsfr.min.css", StringComparison.Ordinal));
    }

    private static async Task<(long Total, List<string> Parts)> TransferredAsync(IPage page, string url)
    {
        var requests = new List<IRequest>();
        void OnFinished(object? sender, IRequest request) => requests.Add(request);
        page.RequestFinished += OnFinished;
        await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        page.RequestFinished -= OnFinished;

        long total = 0;
        var parts = new List<string>();
        foreach (var request in requests)
        {
            var response = await request.ResponseAsync();
            var sizes = await request.SizesAsync();
            if (response is null)
            {
                continue;
            }

            // A resource served from the browser's cache transfers nothing.
            var bytes = response.FromServiceWorker ? 0 : sizes.ResponseBodySize + sizes.ResponseHeadersSize;
            total += bytes;
            parts.Add($"{new Uri(request.Url).AbsolutePath} {bytes}");
        }

        return (total, parts);
    }
}
