using System.Diagnostics;

namespace PoliceFeeds.BrowserTests.Infrastructure;

/// <summary>Where the browser tests' Chromium comes from, or why there is none.</summary>
/// <param name="ExecutablePath">The browser to launch; null when none could be found or installed.</param>
/// <param name="Description">How it was found or installed, or what to do when there is none (said once in the test output).</param>
public sealed record BrowserLocation(string? ExecutablePath, string Description)
{
    public bool Available => ExecutablePath is not null;
}

/// <summary>
/// Finds the Chromium the browser tests drive, installing it where that can be done without asking anyone, once per
/// test run. In order:
/// <list type="number">
/// <item><c>CHROMIUM_PATH</c>, when set (it must exist: a wrong path is reported, never replaced by another browser);</item>
/// <item>a system Chromium or Chrome (<c>/usr/bin/chromium</c>, <c>chromium-browser</c>, <c>google-chrome</c>, on the
/// <c>PATH</c>);</item>
/// <item>a browser Playwright has already installed (<c>PLAYWRIGHT_BROWSERS_PATH</c> or <c>~/.cache/ms-playwright</c>);</item>
/// <item>as root with <c>apt-get</c> (Debian, Ubuntu: CI and containers): Debian's <c>chromium</c> package;</item>
/// <item>otherwise: Playwright's own Chromium (<c>playwright install chromium</c>, which needs its download site).</item>
/// </list>
/// <c>POLICEFEEDS_BROWSER_INSTALL=0</c> turns the last two steps off.
/// </summary>
public static class BrowserProvisioning
{
    private static readonly Lazy<BrowserLocation> Located = new(Locate, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The answer for this test run (found, or installed, the first time it is asked for).</summary>
    public static BrowserLocation Location => Located.Value;

    public const string WhatToInstall =
        "No Chromium for the browser tests. Install one (Debian/Ubuntu: `sudo apt-get install chromium`), or set CHROMIUM_PATH " +
        "to a Chromium or Chrome executable, or run `pwsh tests/PoliceFeeds.BrowserTests/bin/Debug/net10.0/playwright.ps1 install chromium`.";

    private static readonly string[] SystemBrowsers =
    [
        "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome-stable", "/usr/bin/google-chrome",
        "/snap/bin/chromium", "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    ];

    private static readonly string[] BrowserCommands = ["chromium", "chromium-browser", "google-chrome-stable", "google-chrome", "chrome"];

    private static BrowserLocation Locate()
    {
        if (Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured)
        {
            return File.Exists(configured)
                ? new(configured, $"Chromium from CHROMIUM_PATH: {configured}")
                : new(null, $"CHROMIUM_PATH is set to {configured}, which does not exist. Point it to a Chromium or Chrome executable, or unset it.");
        }

        if (FindSystemBrowser() is { } system)
        {
            return new(system, $"system Chromium: {system}");
        }

        if (FindPlaywrightBrowser() is { } playwright)
        {
            return new(playwright, $"Chromium installed by Playwright: {playwright}");
        }

        if (Environment.GetEnvironmentVariable("POLICEFEEDS_BROWSER_INSTALL") == "0")
        {
            return new(null, WhatToInstall + " (POLICEFEEDS_BROWSER_INSTALL=0: nothing was installed.)");
        }

        return RunsAsRoot() && FindOnPath("apt-get") is { } aptGet
            ? InstallDebianPackage(aptGet)
            : InstallPlaywrightBrowser();
    }

    private static string? FindSystemBrowser() =>
        SystemBrowsers.FirstOrDefault(File.Exists) ?? BrowserCommands.Select(FindOnPath).FirstOrDefault(p => p is not null);

    private static string? FindPlaywrightBrowser()
    {
        var root = Environment.GetEnvironmentVariable("PLAYWRIGHT_BROWSERS_PATH") is { Length: > 0 } configured && configured != "0"
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "ms-playwright");
        if (!Directory.Exists(root))
        {
            return null;
        }

        string[] executables = ["chrome", "headless_shell", "chrome.exe", "Chromium"];
        return Directory.EnumerateDirectories(root, "chromium*")
            .OrderByDescending(d => d, StringComparer.Ordinal)
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
            .FirstOrDefault(f => executables.Contains(Path.GetFileName(f), StringComparer.Ordinal));
    }

    private static BrowserLocation InstallDebianPackage(string aptGet)
    {
        // The fonts give the pages real glyphs (contrast checks and screenshots); --no-install-recommends keeps it small.
        var environment = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
        var update = Run(aptGet, ["update", "-qq"], environment, TimeSpan.FromMinutes(5));
        var install = update.ExitCode == 0
            ? Run(aptGet, ["install", "-y", "-qq", "--no-install-recommends", "chromium", "fonts-dejavu-core"], environment, TimeSpan.FromMinutes(10))
            : update;
        return FindSystemBrowser() is { } installed
            ? new(installed, $"Debian's chromium package, installed by the test run with apt-get (running as root): {installed}")
            : new(null, $"{WhatToInstall} The test run tried `apt-get install chromium` as root and it failed: {install.Output}");
    }

    private static BrowserLocation InstallPlaywrightBrowser()
    {
        int exitCode;
        try
        {
            exitCode = Microsoft.Playwright.Program.Main(["install", "chromium"]);
        }
#pragma warning disable CA1031 // Any failure of the download means the same thing here: no browser, say what to install.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new(null, $"{WhatToInstall} `playwright install chromium` failed: {e.Message}");
        }

        return exitCode == 0 && FindPlaywrightBrowser() is { } installed
            ? new(installed, $"Chromium downloaded by `playwright install chromium`: {installed}")
            : new(null, $"{WhatToInstall} `playwright install chromium` failed (exit code {exitCode}).");
    }

    // On Unix, Environment.UserName is the name of the effective user id.
    private static bool RunsAsRoot() =>
        (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) && Environment.UserName == "root";

    private static string? FindOnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, command))
            .FirstOrDefault(File.Exists);

    private static (int ExitCode, string Output) Run(string file, string[] arguments, Dictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{file} {string.Join(' ', arguments)} did not finish within {timeout.TotalMinutes} minutes.");
        }

        var text = (error.Result + output.Result).Trim();
        return (process.ExitCode, text.Length > 600 ? text[^600..] : text);
    }
}
