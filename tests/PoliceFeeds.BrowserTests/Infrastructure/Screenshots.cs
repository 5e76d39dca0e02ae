using Microsoft.Playwright;

namespace PoliceFeeds.BrowserTests.Infrastructure;

/// <summary>Saves screenshots into docs/screenshots when POLICEFEEDS_SCREENSHOTS=1 (the README's pictures come from here).</summary>
public static class Screenshots
{
    public static async Task SaveAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("POLICEFEEDS_SCREENSHOTS") != "1")
        {
            return;
        }

        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PoliceFeeds.sln")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            return;
        }

        var target = Path.Combine(directory.FullName, "docs", "screenshots");
        Directory.CreateDirectory(target);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(target, name + ".png"), FullPage = true });
    }
}
