using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using PoliceFeeds.BrowserTests.Infrastructure;

namespace PoliceFeeds.BrowserTests.Accessibility;

/// <summary>
/// The in-page axe run that every accessibility check uses (<see cref="Axe"/>) finds what Deque's <c>RunAxe()</c>
/// finds: on a page given serious and critical faults (and a moderate one that must not count), both report the same
/// rules, and the untouched page has none. One theme is enough: what is compared is the runner, not the page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AxeRunnerTests(BrowserFixture fixture)
{
    // Styles set through the DOM: the app's Content-Security-Policy refuses inline style attributes.
    private const string Faults = """
        () => {
            const faults = document.createElement('div');
            faults.innerHTML = '<img src="/favicon.ico"><p>Texte peu lisible</p><button type="button"></button>'
                + '<input type="text"><h6>Niveau de titre sauté</h6>';
            const text = faults.querySelector('p');
            text.style.color = '#777';
            text.style.backgroundColor = '#888';
            (document.querySelector('main') || document.body).append(faults);
        }
        """;

    private static readonly string[] Expected = ["button-name", "color-contrast", "image-alt", "label"];

    [BrowserFact]
    public async Task The_in_page_run_reports_the_serious_and_critical_violations_that_RunAxe_reports()
    {
        var page = await fixture.NewPageAsync(theme: "dark");
        await page.GotoAsync("/Legal");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-fr-theme", "dark");
        Assert.Empty(await Axe.SeriousViolationsAsync(page));

        await page.EvaluateAsync(Faults);
        var ours = (await Axe.SeriousViolationsAsync(page)).Select(v => v.Split(' ')[1].TrimEnd(':')).Order().ToList();
        var deque = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => v.Id).Order().ToList();

        Assert.Equal(Expected, ours);
        Assert.Equal(deque, ours);
        await page.Context.CloseAsync();
    }
}
