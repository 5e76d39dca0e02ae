using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Templates;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Identity;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Messages;
using PoliceFeeds.Web.Startup;

namespace PoliceFeeds.IntegrationTests.Admin;

/// <summary>Every department listed, inactive until a national admin activates it; the onboarding checklist on /Admin.</summary>
public sealed class DepartmentRolloutTests(PoliceFeedsAppFactory factory) : IClassFixture<PoliceFeedsAppFactory>
{
    private static KeyValuePair<string, string> F(string key, string value) => new(key, value);

    private async Task<TestClient> SignInAsync(string email)
    {
        var client = factory.CreateTestClient();
        await client.SignInAsync(email);
        return client;
    }

    private async Task<T> WithDbAsync<T>(Func<PoliceFeedsDbContext, Task<T>> query)
    {
        await using var scope = factory.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>());
    }

    private Task<int> IdOfAsync(string code) => WithDbAsync(db => db.Departments.Where(d => d.Code == code).Select(d => d.Id).SingleAsync());

    /// <summary>A user created directly (the import has its own tests), member of one department, with the demo password.</summary>
    private async Task<string> CreateUserAsync(string email, string role, int departmentId)
    {
        await using var scope = factory.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email, CreatedAtUtc = factory.UtcNow };
        Assert.True((await users.CreateAsync(user, UserSeeder.DemoPassword)).Succeeded);
        await users.AddToRoleAsync(user, role);
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        db.UserDepartments.Add(new UserDepartment { UserId = user.Id, DepartmentId = departmentId });
        await db.SaveChangesAsync();
        return user.Id;
    }

    [Fact]
    public async Task The_admin_home_lists_every_department_the_pilot_active_and_the_others_inactive()
    {
        using var admin = await SignInAsync(DemoUsers.Admin);
        var page = await admin.GetPageAsync("/Admin");

        var rows = page.QuerySelectorAll("tr[data-department]");
        // The 106 departments, and the national scope (its settings and accounts are managed from the same list).
        Assert.Equal(107, rows.Length);
        Assert.Equal(107, rows.Select(r => r.GetAttribute("data-department")).Distinct().Count());
        Assert.Null(rows.Single(r => r.GetAttribute("data-department") == Core.Departments.Department.NationalCode).QuerySelector("[data-testid=inactive]"));
        var active = rows.Where(r => r.QuerySelector("[data-testid=inactive]") is null).Select(r => r.GetAttribute("data-department")).ToList();
        Assert.Subset(new HashSet<string?>(active), new HashSet<string?>(["44", "35", "62", "67", "06"]));
        var reunion = rows.Single(r => r.GetAttribute("data-department") == "974");
        Assert.Contains("La Réunion", reunion.TextContent, StringComparison.Ordinal);
        Assert.NotNull(reunion.QuerySelector("[data-testid=inactive]"));
        Assert.Equal("0", reunion.QuerySelector("[data-testid=checklist]")!.GetAttribute("data-done"));
        Assert.NotNull(page.QuerySelector("[data-testid=onboarding-progress]"));
    }

    [Fact]
    public async Task Officers_of_an_inactive_department_cannot_compose_until_an_admin_activates_it_which_is_audited()
    {
        var departmentId = await IdOfAsync("59");
        await CreateUserAsync("officier59@interieur.gouv.fr", Roles.Officer, departmentId);
        await WithDbAsync(async db =>
        {
            db.PublishingAccounts.Add(new Core.Accounts.PublishingAccount { DepartmentId = departmentId, Handle = "PoliceNat59" });
            return await db.SaveChangesAsync();
        });
        using var officer = await SignInAsync("officier59@interieur.gouv.fr");
        var before = await MessageTestData.CountMessagesAsync(factory);

        using var refused = await officer.ComposeAsync(MessageTestData.ComposeForm(departmentId, 1, "Prévention : fermez vos portières."), departmentId: departmentId);
        Assert.NotEqual(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal(before, await MessageTestData.CountMessagesAsync(factory));

        using var admin = await SignInAsync(DemoUsers.Admin);
        using var activated = await admin.PostFormAsync("/Admin", [], $"/Admin?handler=Activate&departmentId={departmentId}");
        Assert.Equal(HttpStatusCode.Redirect, activated.StatusCode);
        Assert.True(await WithDbAsync(db => db.Departments.Where(d => d.Id == departmentId).Select(d => d.IsActive).SingleAsync()));
        Assert.True(await WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "department.activated" && a.DepartmentId == departmentId && a.EntityId == "59")));

        using var composed = await officer.ComposeAsync(MessageTestData.ComposeForm(departmentId, 1, "Prévention : fermez vos portières."), departmentId: departmentId);
        Assert.Equal(HttpStatusCode.Redirect, composed.StatusCode);
        Assert.Equal(before + 1, await MessageTestData.CountMessagesAsync(factory));
    }

    [Fact]
    public async Task The_checklist_follows_each_step_and_the_progress_counts_ready_departments()
    {
        var departmentId = await IdOfAsync("2A");
        using var admin = await SignInAsync(DemoUsers.Admin);
        string? Done(AngleSharp.Html.Dom.IHtmlDocument page) => page.QuerySelector("tr[data-department='2A'] [data-testid=checklist]")!.GetAttribute("data-done");
        var readyBefore = await ReadyCountAsync(admin);
        Assert.Equal("0", Done(await admin.GetPageAsync("/Admin")));

        // Settings saved (validation policy chosen) with an account handle: the account exists, not connected yet.
        using var saved = await admin.PostFormAsync($"/Admin/Departments/Edit/{departmentId}",
        [
            F("Input.Name", "Corse-du-Sud"), F("Input.ServiceName", "DDPN 2A"), F("Input.TimeZoneId", "Europe/Paris"), F("Input.Handle", "PoliceNat2A"),
            F("Input.RequiresValidation", "true"), F("Input.IsActive", "false"), F("Input.DeviationEndAction", "Reply"), F("Input.DeviationEndTemplate", "Fin de la déviation à {heure}."),
            F("Input.FoundThanksTemplate", "Merci à toutes et à tous."), F("Input.RedactFoundAppealsAfterDays", "30"), F("Input.FlagOpenAppealsAfterDays", "7"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("1", Done(await admin.GetPageAsync("/Admin")));
        Assert.False(await WithDbAsync(db => db.Departments.Where(d => d.Id == departmentId).Select(d => d.IsActive).SingleAsync()));

        await CreateUserAsync("officier2a@interieur.gouv.fr", Roles.Officer, departmentId);
        await CreateUserAsync("validateur2a@interieur.gouv.fr", Roles.Validator, departmentId);
        await WithDbAsync(async db =>
        {
            var author = await db.Users.Where(u => u.Email == "validateur2a@interieur.gouv.fr").Select(u => u.Id).SingleAsync();
            db.MessageTemplates.Add(new MessageTemplate { DepartmentId = departmentId, Name = "Prévention", CategoryId = 1, Text = "Fermez vos portières.", UpdatedById = author, CreatedAtUtc = factory.UtcNow, UpdatedAtUtc = factory.UtcNow });
            return await db.SaveChangesAsync();
        });
        var page = await admin.GetPageAsync("/Admin");
        Assert.Equal("4", Done(page));
        Assert.Equal(["AccountConnected"], page.QuerySelectorAll("tr[data-department='2A'] [data-missing]").Select(e => e.GetAttribute("data-missing")));

        // The account gets its credentials (OAuth 1.0a tokens through the account page): the department is ready.
        using var tokens = await admin.PostFormAsync($"/Admin/Accounts/{departmentId}", [F("OAuth1.AccessToken", "tok-2a"), F("OAuth1.AccessTokenSecret", "sec-2a")], $"/Admin/Accounts/{departmentId}?handler=OAuth1");
        Assert.Equal(HttpStatusCode.Redirect, tokens.StatusCode);
        Assert.Equal("5", Done(await admin.GetPageAsync("/Admin")));
        Assert.Equal(readyBefore + 1, await ReadyCountAsync(admin));
    }

    private static async Task<int> ReadyCountAsync(TestClient admin)
    {
        var page = await admin.GetPageAsync("/Admin");
        return page.QuerySelectorAll("[data-testid=checklist]").Count(c => c.GetAttribute("data-done") == "5");
    }

    [Fact]
    public async Task The_service_name_an_admin_sets_is_the_name_shown_in_the_post_preview()
    {
        using var officer = await SignInAsync(DemoUsers.Officer35);
        var before = await officer.GetPageAsync($"/Messages/Edit?departmentId={DemoUsers.Department35}");
        Assert.Equal("Police nationale 35", before.QuerySelector("[data-post-preview]")!.GetAttribute("data-display-name"));

        await WithDbAsync(async db =>
        {
            var department = await db.Departments.SingleAsync(d => d.Id == DemoUsers.Department35);
            department.ServiceName = "DIPN 35";
            return await db.SaveChangesAsync();
        });

        var after = await officer.GetPageAsync($"/Messages/Edit?departmentId={DemoUsers.Department35}");
        Assert.Equal("DIPN 35", after.QuerySelector("[data-post-preview]")!.GetAttribute("data-display-name"));
        Assert.Contains("DIPN 35", after.QuerySelector("[data-post-preview] strong")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_name_over_40_characters_is_refused_in_french_and_changes_nothing()
    {
        using var admin = await SignInAsync(DemoUsers.Admin);
        using var response = await admin.PostFormAsync($"/Admin/Departments/Edit/{DemoUsers.Department62}",
        [
            F("Input.Name", "Pas-de-Calais"), F("Input.ServiceName", new string('D', 41)), F("Input.TimeZoneId", "Europe/Paris"), F("Input.IsActive", "true"),
            F("Input.DeviationEndAction", "Reply"), F("Input.DeviationEndTemplate", "Fin de la déviation à {heure}."),
            F("Input.FoundThanksTemplate", "Merci à toutes et à tous."), F("Input.RedactFoundAppealsAfterDays", "30"), F("Input.FlagOpenAppealsAfterDays", "7"),
        ]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Le nom du service dépasse 40 caractères.", await MessageTestData.ErrorsAsync(response));
        Assert.Equal("Police nationale 62", await WithDbAsync(db => db.Departments.Where(d => d.Id == DemoUsers.Department62).Select(d => d.ServiceName).SingleAsync()));
    }
}
