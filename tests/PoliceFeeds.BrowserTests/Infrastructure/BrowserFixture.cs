using System.Collections.Concurrent;
using Microsoft.Playwright;
using PoliceFeeds.FakeX;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.Web.Startup;

namespace PoliceFeeds.BrowserTests.Infrastructure;

/// <summary>
/// The application on Kestrel (loopback, random port) with its own SQLite file, and Chromium driven by Playwright: the
/// one <see cref="BrowserProvisioning"/> finds or installs, said once in the test output. Without a browser it starts
/// nothing (every browser test is skipped and <see cref="BrowserAvailabilityTests"/> fails with what to install).
/// </summary>
public sealed class BrowserFixture(Xunit.Abstractions.IMessageSink diagnostics) : IAsyncLifetime
{
    public PoliceFeedsAppFactory Factory { get; } = new();

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    /// <summary>
    /// The compose page's category field. Its label starts with "Catégorie"; the template picker's hint also says
    /// "catégorie", so a plain substring match would find both once a template is offered.
    /// </summary>
    public static readonly System.Text.RegularExpressions.Regex CategoryLabel = new("^Catégorie");

    /// <summary>The fake X the app talks to (OAuth pages, API), on loopback.</summary>
    public FakeXServer X { get; private set; } = null!;

    /// <summary>Storage state (cookies, local storage) of the session opened for each person by <see cref="SharedSessionPageAsync"/>.</summary>
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _sessions = new(StringComparer.OrdinalIgnoreCase);

    public async Task InitializeAsync()
    {
        var browser = BrowserProvisioning.Location;
        diagnostics.OnMessage(new Xunit.Sdk.DiagnosticMessage($"Browser tests: {browser.Description}"));
        if (!browser.Available)
        {
            return;
        }

        X = await FakeXServer.StartAsync();
        X.Clock = Factory.Clock;
        Factory.Settings["XApi:BaseAddress"] = X.BaseAddress.ToString();
        Factory.Settings["XApi:AuthorizeUrl"] = new Uri(X.BaseAddress, "i/oauth2/authorize").ToString();
        Factory.Settings["XApi:ClientId"] = X.ClientId;
        Factory.Settings["XApi:ClientSecret"] = X.ClientSecret;
        Factory.Settings["XApi:ConsumerKey"] = X.ConsumerKey;
        Factory.Settings["XApi:ConsumerSecret"] = X.ConsumerSecret;
        Factory.UseKestrel(0);
        Factory.StartServer();
        BaseUrl = Factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        // Warm the app up (first Razor compilation, database) so that browser timeouts measure the page, not the start.
        using (var warmUp = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(60) })
        {
            (await warmUp.GetAsync(new Uri("/Account/Login", UriKind.Relative))).EnsureSuccessStatusCode();
        }

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = browser.ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>
    /// A fresh browser context (its own cookies and cache) in French, <paramref name="width"/> pixels wide, with DSFR's
    /// display setting set to <paramref name="theme"/> (light or dark) before any page runs, as the display modal would.
    /// <paramref name="storageState"/> (a context's <c>StorageStateAsync()</c>) starts it with that context's cookies and
    /// local storage. <paramref name="javaScript"/> false: the page runs no script at all, as with JavaScript turned off.
    /// </summary>
    public async Task<IPage> NewPageAsync(int width = 1280, string? theme = null, string? storageState = null, bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            JavaScriptEnabled = javaScript,
            BaseURL = BaseUrl,
            Locale = "fr-FR",
            ViewportSize = new() { Width = width, Height = width < 768 ? 844 : 900 },
            IsMobile = width < 768,
            HasTouch = width < 768,
            StorageState = storageState,
        });
        context.SetDefaultTimeout(30_000);
        if (theme is not null)
        {
            await context.AddInitScriptAsync($"try {{ localStorage.setItem('scheme', '{theme}'); }} catch (e) {{ }}");
        }

        return await context.NewPageAsync();
    }

    /// <summary>
    /// A fresh context (as <see cref="NewPageAsync"/>) already signed in as <paramref name="email"/>: it carries the
    /// cookies of one session per person, opened through the sign-in page the first time it is asked for and shared by
    /// every later caller. For tests that visit pages, not for those about signing in or out; and never for a person whose
    /// security stamp a test changes (password, authenticator key, lock): the app ends such sessions.
    /// </summary>
    public async Task<IPage> SharedSessionPageAsync(string email, int width = 1280, string? theme = null, bool javaScript = true)
    {
        var session = _sessions.GetOrAdd(email, e => new Lazy<Task<string>>(() => OpenSessionAsync(e)));
        return await NewPageAsync(width, theme, await session.Value, javaScript);
    }

    private async Task<string> OpenSessionAsync(string email)
    {
        var page = await SignedInPageAsync(email);
        var state = await page.Context.StorageStateAsync();
        await page.Context.CloseAsync();
        return state;
    }

    /// <summary>Signs in through the sign-in page as a person would.</summary>
    public async Task<IPage> SignedInPageAsync(string email, string password = UserSeeder.DemoPassword, int width = 1280, string? theme = null)
    {
        var page = await NewPageAsync(width, theme);
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Adresse électronique").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        var stillOnSignIn = page.Url.EndsWith("/Account/Login", StringComparison.Ordinal) || page.Url.Contains("/Account/Login?", StringComparison.Ordinal);
        Assert.False(stillOnSignIn && await page.GetByRole(AriaRole.Alert).CountAsync() > 0,
            $"Sign-in of {email} refused: {(await page.GetByRole(AriaRole.Alert).CountAsync() > 0 ? await page.GetByRole(AriaRole.Alert).First.TextContentAsync() : "")}");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login?", StringComparison.Ordinal) && !url.EndsWith("/Account/Login", StringComparison.Ordinal));
        if (page.Url.Contains("/Account/LoginWith2fa", StringComparison.Ordinal))
        {
            await page.GetByLabel("Code de vérification").FillAsync(Totp.Code(UserSeeder.DemoAdminAuthenticatorKey));
            await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier" }).ClickAsync();
            await page.WaitForURLAsync(url => !url.Contains("/Account/LoginWith2fa", StringComparison.Ordinal));
        }

        return page;
    }

    /// <summary>Waits for DSFR's opening transition of a modal to end (axe would measure colours half faded in).</summary>
    public static Task WaitForOpenModalAsync(IPage page) =>
        page.WaitForFunctionAsync("() => { const m = document.querySelector('.fr-modal--opened'); return m && getComputedStyle(m).opacity === '1'; }");

    /// <summary>Runs axe on the current page and fails on any serious or critical violation.</summary>
    public static async Task AssertNoSeriousAccessibilityViolationsAsync(IPage page)
    {
        var serious = await SeriousAccessibilityViolationsAsync(page);
        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }

    /// <summary>The serious and critical violations axe finds on the current page, described with the page and the theme.</summary>
    public static async Task<IReadOnlyList<string>> SeriousAccessibilityViolationsAsync(IPage page)
    {
        var violations = await Axe.SeriousViolationsAsync(page);
        if (violations.Count == 0)
        {
            return violations;
        }

        var theme = await page.Locator("html").GetAttributeAsync("data-fr-theme");
        return violations.Select(v => $"axe on {page.Url} ({theme}, {page.ViewportSize?.Width} px): {v}").ToList();
    }

    public async Task DisposeAsync()
    {
        // Each part only if it was started: a failed start must not hide its cause behind a NullReferenceException.
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        Playwright?.Dispose();
        await Factory.DisposeAsync();
        if (X is not null)
        {
            await X.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
