using Deque.AxeCore.Commons;
using Microsoft.Playwright;

namespace PoliceFeeds.BrowserTests.Infrastructure;

/// <summary>
/// axe-core (the copy that Deque.AxeCore bundles) run inside the page. Deque's <c>page.RunAxe()</c> took 4 to 9 s a
/// page here: on every call it sends the whole axe script (over half a megabyte) into the page, brings every result
/// (passes included) back as JSON, then opens a blank page in a new browser context, sends the script again and
/// finishes the run there. Here the script is read once and sent into a page only when axe is not in it yet (or given
/// to a context once, <see cref="PreloadAsync"/>), the run and its filtering happen in the page, and only the serious
/// and critical violations come back (0.2 to 0.8 s a page).
/// With a DSFR modal open, axe checks the modal only: the page behind is inactive under the backdrop, and is checked
/// without it. The rules and their options are axe's defaults, as with <c>RunAxe()</c>; <c>resultTypes</c> only spares axe the
/// selectors of the nodes it does not report as violations, not any check. <see cref="Accessibility.AxeRunnerTests"/> holds it to
/// <c>RunAxe()</c>'s findings.
/// </summary>
public static class Axe
{
    /// <summary>The axe script as a function to evaluate (the app's Content-Security-Policy refuses inline script tags).</summary>
    private static readonly Lazy<string> Injection = new(() => "() => {\n" + new BundledAxeScriptProvider().GetScript() + "\n}");

    /// <summary>null when the page has no axe yet.</summary>
    private const string RunSerious = """
        async () => {
            if (typeof window.axe !== 'object' || typeof window.axe.run !== 'function') {
                return null;
            }
            // While a modal dialog is open the page behind it is inactive, dimmed by the backdrop (WCAG exempts inactive
            // components from contrast): axe then checks the dialog, the page having been checked without it.
            const modal = document.querySelector('.fr-modal--opened');
            const result = await window.axe.run(modal ?? document, { resultTypes: ['violations'] });
            return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')})`);
        }
        """;

    /// <summary>
    /// Gives axe to every document the context loads from now on, before the document's own scripts: for a context that
    /// checks page after page, it spares sending the script into each (0.4 s a page on this machine).
    /// </summary>
    public static Task PreloadAsync(IBrowserContext context) => context.AddInitScriptAsync($"({Injection.Value})();");

    /// <summary>
    /// Runs axe on the page in its current state (on its open modal, when one is open): its serious and critical violations, each as
    /// "impact rule-id: help (up to three of its elements)"; empty when there are none.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        if (await page.EvaluateAsync<string[]?>(RunSerious) is { } violations)
        {
            return violations;
        }

        await page.EvaluateAsync(Injection.Value);
        return await page.EvaluateAsync<string[]?>(RunSerious) ?? throw new InvalidOperationException($"axe did not load in {page.Url}");
    }
}
