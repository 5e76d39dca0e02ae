using Microsoft.Playwright;
using PoliceFeeds.BrowserTests.Infrastructure;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.BrowserTests.Accessibility;

/// <summary>
/// Every page, with data in every state, in DSFR's light and dark themes, 390 and 1,280 px wide: axe finds no serious
/// or critical violation. One browser context per user, theme and width, reused from page to page; each user signs in
/// once for the four passes (<see cref="BrowserFixture.SharedSessionPageAsync"/>). With POLICEFEEDS_SCREENSHOTS=1 the
/// light pass saves each page into docs/screenshots (desktop and phone).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EveryPageTests(BrowserFixture fixture)
{
    public static TheoryData<string, int> Passes() => new()
    {
        { "light", 1280 },
        { "light", 390 },
        { "dark", 1280 },
        { "dark", 390 },
    };

    [BrowserTheory]
    [MemberData(nameof(Passes))]
    public async Task Every_page_in_every_state_has_no_serious_accessibility_violation(string theme, int width)
    {
        var seeded = await StateSeed.EnsureAsync(fixture.Factory);
        var suffix = width < 768 ? "-phone" : "";
        var shoot = theme == "light";
        var failures = new List<string>();

        // The page as it stands: in the pass's theme, checked by axe, and saved when screenshots are asked for.
        async Task CheckAsync(IPage page, string? screenshot)
        {
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-fr-theme", theme);
            failures.AddRange(await BrowserFixture.SeriousAccessibilityViolationsAsync(page));
            if (shoot && screenshot is not null)
            {
                await Screenshots.SaveAsync(page, screenshot + suffix);
            }
        }

        // The page itself, not a redirection (to the sign-in page if a session had ended, say).
        async Task GoAsync(IPage page, string url, int status = 200)
        {
            var response = await page.GotoAsync(url);
            Assert.True(response?.Status == status, $"{url}: {response?.Status}, {status} expected");
            Assert.Equal(url, new Uri(page.Url).PathAndQuery);
        }

        async Task VisitAsync(IPage page, string url, string? screenshot, int status = 200)
        {
            await GoAsync(page, url, status);
            await CheckAsync(page, screenshot);
        }

        // Each context gets axe with every page it loads.
        async Task<IPage> PreloadedAsync(Task<IPage> opening)
        {
            var page = await opening;
            await Axe.PreloadAsync(page.Context);
            return page;
        }

        Task<IPage> SignedInAsync(string email) => PreloadedAsync(fixture.SharedSessionPageAsync(email, width, theme));

        var anonymous = await PreloadedAsync(fixture.NewPageAsync(width, theme));
        await VisitAsync(anonymous, "/Account/Login", "login");
        await VisitAsync(anonymous, "/Legal/Accessibility", "accessibility-statement");
        await VisitAsync(anonymous, "/Legal", "legal");
        await VisitAsync(anonymous, "/Error?statusCode=404", "error");

        // The second step of an admin's sign-in: the authenticator code.
        await VisitAsync(anonymous, "/Account/Login", null);
        await anonymous.GetByLabel("Adresse électronique").FillAsync(DemoUsers.Admin);
        await anonymous.GetByLabel("Mot de passe").FillAsync(PoliceFeeds.Web.Startup.UserSeeder.DemoPassword);
        await anonymous.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await anonymous.WaitForURLAsync(url => url.Contains("/Account/LoginWith2fa", StringComparison.Ordinal));
        await CheckAsync(anonymous, "login-2fa");
        await anonymous.Context.CloseAsync();

        var officer = await SignedInAsync(StateSeed.Officer06);
        await VisitAsync(officer, $"/Messages?departmentId={StateSeed.Department06}", "home");
        await VisitAsync(officer, $"/Messages?departmentId={StateSeed.Department06}&openAppeals=true", null);
        await VisitAsync(officer, $"/Messages/Edit?departmentId={StateSeed.Department06}", "compose-new");
        await VisitAsync(officer, $"/Messages/Edit/{seeded.Messages[MessageStatus.Draft]}", null);
        foreach (var (status, id) in seeded.Messages)
        {
            await VisitAsync(officer, $"/Messages/{id}", "message-" + status.ToString().ToLowerInvariant());
        }

        // The confirmations, open, in this theme and at this width: cancelling a draft, a missing person found.
        async Task CheckDialogAsync(string url, string opener)
        {
            await GoAsync(officer, url);
            await officer.Locator(opener).ClickAsync();
            await BrowserFixture.WaitForOpenModalAsync(officer);
            await CheckAsync(officer, null);
        }

        await CheckDialogAsync($"/Messages/{seeded.Messages[MessageStatus.Draft]}", "#cancel-form button[aria-controls=confirm-cancel]");
        await CheckDialogAsync($"/Messages/{seeded.OpenAppealId}", "#found-form button[aria-controls=confirm-found]");
        await VisitAsync(officer, $"/Messages/{seeded.HeldId}", null);
        await Assertions.Expect(officer.GetByTestId("last-error")).ToContainTextAsync("retenu jusqu'à une nouvelle validation");
        await VisitAsync(officer, $"/Messages/{seeded.PossiblySentId}", null);
        await Assertions.Expect(officer.GetByTestId("last-error")).ToHaveAttributeAsync("data-failure", "PossiblySent");
        await VisitAsync(officer, $"/Sandbox?departmentId={StateSeed.Department06}", "sandbox");
        await VisitAsync(officer, "/Calendar", "calendar");
        await Assertions.Expect(officer.Locator("[data-testid=calendar] td[data-day]:not(:has([data-entry]))")).ToHaveCountAsync(0);
        await VisitAsync(officer, "/Calendar?view=month", null);
        await VisitAsync(officer, "/Templates", "templates");
        await VisitAsync(officer, $"/Messages/Edit?departmentId={StateSeed.Department06}&templateId={seeded.DepartmentTemplateId}", "compose-template");
        await VisitAsync(officer, $"/Messages/Edit/{seeded.DuplicateTextDraftId}?warnDuplicate=true", "compose-duplicate-warning");
        await Assertions.Expect(officer.GetByTestId("duplicate-warning")).ToBeVisibleAsync();
        await VisitAsync(officer, "/Account/ChangePassword", null);
        await VisitAsync(officer, "/Account/AccessDenied", "access-denied", status: 403);
        await VisitAsync(officer, "/Account/Logout", null);
        await officer.Context.CloseAsync();

        var validator = await SignedInAsync(PoliceFeeds.Web.Startup.UserSeeder.DemoValidatorEmail("06"));
        await VisitAsync(validator, $"/Messages/{seeded.Messages[MessageStatus.Submitted]}", "message-validation");
        await VisitAsync(validator, $"/Messages/{seeded.HeldId}", null);
        await Assertions.Expect(validator.GetByTestId("reapprove-target")).ToBeVisibleAsync();
        await validator.Context.CloseAsync();

        // A validator of 06 and 35: the queue across both departments, templates they manage, the template form.
        var validators = await SignedInAsync(StateSeed.MultiValidatorEmail);
        await VisitAsync(validators, "/Queue", "queue");
        await Assertions.Expect(validators.Locator("[data-testid=queue] tr[data-message]", new() { HasText = "Rennes" })).ToHaveCountAsync(1);
        await Assertions.Expect(validators.Locator("[data-testid=queue] tr[data-message]", new() { HasText = "Antibes" })).ToContainTextAsync("en attente depuis 3 j");
        await VisitAsync(validators, "/Templates", null);
        await VisitAsync(validators, "/Templates/Edit", "template-new");
        await VisitAsync(validators, $"/Templates/Edit/{seeded.DepartmentTemplateId}", null);
        await validators.Context.CloseAsync();

        // A validator with nothing to validate.
        var idle = await SignedInAsync(PoliceFeeds.Web.Startup.UserSeeder.DemoValidatorEmail("67"));
        await VisitAsync(idle, "/Queue", null);
        await idle.Context.CloseAsync();

        var admin = await SignedInAsync(DemoUsers.Admin);
        await VisitAsync(admin, "/Admin", "admin");
        await VisitAsync(admin, "/Admin/Users", "admin-users");
        await VisitAsync(admin, $"/Admin/Users/Edit/{seeded.LockedUserId}", "admin-user-locked");
        await VisitAsync(admin, "/Admin/Users/Edit", null);
        await VisitAsync(admin, "/Admin/Users/Import", "admin-users-import");
        await VisitAsync(admin, "/Admin/Dashboard", "admin-dashboard");
        await VisitAsync(admin, "/Admin/Categories", "admin-categories");
        await VisitAsync(admin, "/Admin/Categories/Edit/4", null);
        await VisitAsync(admin, $"/Admin/Departments/Edit/{StateSeed.Department06}", "admin-department");
        await VisitAsync(admin, "/Admin/Departments/Edit", null);
        await VisitAsync(admin, $"/Admin/Accounts/{StateSeed.Department06}", "admin-account");
        await VisitAsync(admin, "/Admin/Audit", "audit");
        await VisitAsync(admin, "/Admin/SensitiveWords?departmentId=1", "admin-sensitive-words");
        await VisitAsync(admin, "/Campaigns", null);
        await VisitAsync(admin, "/Campaigns/Edit", "campaign-new");
        await VisitAsync(admin, "/Calendar?view=month", "calendar-month");
        await Assertions.Expect(admin.Locator("[data-testid=calendar] [data-entry]", new() { HasText = "Ille-et-Vilaine" })).ToContainTextAsync("· 35");
        await VisitAsync(admin, $"/Calendar?departmentId={StateSeed.Department06}", null);
        await VisitAsync(admin, "/Templates", null);
        await VisitAsync(admin, $"/Templates/Edit/{seeded.NationalTemplateId}", "template-edit");

        // The report over the pilot's three months once its charts are drawn (ReportFlowTests saves its pictures), then
        // the history of its first top post.
        await GoAsync(admin, $"/Report?from={seeded.PilotStart:yyyy-MM}&to={seeded.PilotStart.AddMonths(2):yyyy-MM}");
        await Assertions.Expect(admin.Locator("canvas[data-chart-ready=true]")).ToHaveCountAsync(4);
        await CheckAsync(admin, null);
        await GoAsync(admin, (await admin.Locator("#table-top-posts a").First.GetAttributeAsync("href"))!);
        await Assertions.Expect(admin.Locator("canvas#chart-post[data-chart-ready=true]")).ToHaveCountAsync(1);
        await CheckAsync(admin, "report-post");
        await admin.Context.CloseAsync();

        // A national admin who has not enrolled in two-factor authentication yet.
        var newAdmin = await SignedInAsync(StateSeed.NewAdminEmail);
        await VisitAsync(newAdmin, "/Account/EnableAuthenticator", "enrol-2fa");
        await newAdmin.Context.CloseAsync();

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [BrowserFact]
    public async Task On_a_phone_the_home_is_cards_with_folded_filters_and_nothing_scrolls_sideways()
    {
        await StateSeed.EnsureAsync(fixture.Factory);
        var officer = await fixture.SharedSessionPageAsync(StateSeed.Officer06, width: 390);
        await officer.GotoAsync($"/Messages?departmentId={StateSeed.Department06}");

        await Assertions.Expect(officer.Locator("[aria-controls=filters]")).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(officer.Locator("#departmentId, #status").First).Not.ToBeVisibleAsync();
        Assert.Equal("block", await officer.Locator("#messages-table tbody tr").First.EvaluateAsync<string>("e => getComputedStyle(e).display"));
        Assert.True(await officer.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the home scrolls sideways at 390 px");
        Assert.False(await officer.Locator("#messages-table thead").IsVisibleAsync() && await officer.Locator("#messages-table thead").EvaluateAsync<int>("e => e.getBoundingClientRect().height") > 1, "the column headers show on a phone");
        Assert.True(await officer.Locator("#messages-table").EvaluateAsync<bool>("t => [...t.querySelectorAll('a')].every(a => a.getBoundingClientRect().right <= window.innerWidth)"), "a message's text is cut on a phone");

        await officer.Locator("[aria-controls=filters]").ClickAsync();
        await Assertions.Expect(officer.GetByLabel("Texte contenant")).ToBeVisibleAsync();

        // The withdrawn appeal's long x.com link and the failed row wrap instead of overflowing.
        var published = (await StateSeed.EnsureAsync(fixture.Factory)).Messages[MessageStatus.Published];
        await officer.GotoAsync($"/Messages/{published}");
        Assert.True(await officer.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "a message's page scrolls sideways at 390 px");
        await officer.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task The_open_appeals_banner_links_to_the_list_of_open_appeals()
    {
        var seeded = await StateSeed.EnsureAsync(fixture.Factory);
        var officer = await fixture.SharedSessionPageAsync(StateSeed.Officer06);
        await officer.GotoAsync($"/Messages?departmentId={StateSeed.Department06}");
        await officer.GetByTestId("open-appeals").GetByRole(AriaRole.Link).ClickAsync();

        await Assertions.Expect(officer.Locator("#messages-table tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(officer.Locator($"#messages-table tr[data-message-id='{seeded.OpenAppealId}']")).ToBeVisibleAsync();
        Assert.Contains("openAppeals=true", officer.Url, StringComparison.Ordinal);
        await officer.Context.CloseAsync();
    }
}
