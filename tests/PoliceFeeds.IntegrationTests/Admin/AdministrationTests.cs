using System.Net;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Identity;
using PoliceFeeds.Infrastructure.Security;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Messages;

namespace PoliceFeeds.IntegrationTests.Admin;

public sealed class AdministrationTests(PoliceFeedsAppFactory factory) : IClassFixture<PoliceFeedsAppFactory>
{
    private async Task<TestClient> AdminAsync()
    {
        var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Admin);
        return client;
    }

    /// <summary>The time-bound settings the department form always sends (their defaults).</summary>
    private static readonly KeyValuePair<string, string>[] TimeBoundFields =
    [
        F("Input.DeviationEndAction", "Reply"),
        F("Input.DeviationEndTemplate", "Fin de la déviation à {heure}."),
        F("Input.FoundThanksTemplate", "Merci à toutes et à tous."),
        F("Input.RedactFoundAppealsAfterDays", "30"),
        F("Input.FlagOpenAppealsAfterDays", "7"),
    ];

    private static KeyValuePair<string, string> F(string key, string value) => new(key, value);

    [Fact]
    public async Task Admin_prepares_listed_department_13_with_a_sandbox_account_its_service_name_and_activates_it()
    {
        using var admin = await AdminAsync();
        var id = await CountAsync(db => db.Departments.Where(d => d.Code == "13").Select(d => d.Id).SingleAsync());

        using var response = await admin.PostFormAsync($"/Admin/Departments/Edit/{id}", [F("Input.Name", "Bouches-du-Rhône"), F("Input.ServiceName", "DIPN 13"), F("Input.TimeZoneId", "Europe/Paris"), F("Input.Handle", "PoliceNat13"), F("Input.IsActive", "true"), .. TimeBoundFields]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        var department = await db.Departments.Include(d => d.Accounts).SingleAsync(d => d.Code == "13");
        Assert.Equal(("Bouches-du-Rhône", "DIPN 13", true, true), (department.Name, department.ServiceName, department.IsActive, department.ValidationPolicyChosen));
        Assert.Equal(AccountMode.Sandbox, Assert.Single(department.Accounts).Mode);
        Assert.Equal("PoliceNat13", department.Accounts[0].Handle);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "department.updated" && a.EntityId == "13"));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "department.activated" && a.EntityId == "13" && a.DepartmentId == id));
    }

    [Theory]
    [InlineData("976", "Indian/Mayotte")]
    [InlineData("2b", "Europe/Paris")]
    [InlineData("988", "Pacific/Noumea")]
    public async Task A_department_saved_without_time_zone_gets_its_default_zone(string code, string expected)
    {
        using var admin = await AdminAsync();
        var normalized = code.ToUpperInvariant();
        var id = await CountAsync(db => db.Departments.Where(d => d.Code == normalized).Select(d => d.Id).SingleAsync());

        using var response = await admin.PostFormAsync($"/Admin/Departments/Edit/{id}", [F("Input.Name", "Nouveau " + code), F("Input.TimeZoneId", ""), F("Input.Handle", ""), F("Input.IsActive", "false"), .. TimeBoundFields]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, await CountAsync(db => db.Departments.Where(d => d.Code == normalized).Select(d => d.TimeZoneId).SingleAsync()));
        Assert.False(await CountAsync(db => db.Departments.Where(d => d.Code == normalized).Select(d => d.IsActive).SingleAsync()));
    }

    public static TheoryData<string, string, string, string> BadDepartments => new()
    {
        { "44", "Doublon", "Europe/Paris", "existe déjà" },
        { "20", "Corse", "Europe/Paris", "Code de département invalide" },
        { "99", "Inconnu", "Europe/Paris", "Code de département invalide" },
        { "2a", "Corse-du-Sud", "Mars/Olympus", "Fuseau horaire inconnu" },
        { "974", "", "Indian/Reunion", "Le nom du département est obligatoire." },
    };

    [Theory]
    [MemberData(nameof(BadDepartments))]
    public async Task Bad_department_gets_a_french_message_and_changes_nothing(string code, string name, string timeZone, string expected)
    {
        using var admin = await AdminAsync();
        var before = await CountAsync(db => db.Departments.CountAsync());

        using var response = await admin.PostFormAsync("/Admin/Departments/Edit", [F("Input.Code", code), F("Input.Name", name), F("Input.TimeZoneId", timeZone), F("Input.Handle", "PoliceNatX"), .. TimeBoundFields]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(await MessageTestData.ErrorsAsync(response), e => e.Contains(expected, StringComparison.Ordinal));
        Assert.Equal(before, await CountAsync(db => db.Departments.CountAsync()));
    }

    [Fact]
    public async Task Pausing_a_department_needs_a_reason_and_is_audited_and_shown_to_officers()
    {
        using var admin = await AdminAsync();
        using var refused = await admin.PostFormAsync("/Admin", [F("Pause.Reason", "")], "/Admin?handler=PauseDepartment&departmentId=3");
        Assert.Contains(await MessageTestData.ErrorsAsync(refused), e => e.StartsWith("Indiquez le motif", StringComparison.Ordinal));
        Assert.False(await CountAsync(db => db.Departments.Where(d => d.Id == 3).Select(d => d.PublishingPaused).SingleAsync()));

        using var paused = await admin.PostFormAsync("/Admin", [F("Pause.Reason", "Événement en cours : communication nationale uniquement")], "/Admin?handler=PauseDepartment&departmentId=3");
        Assert.Equal(HttpStatusCode.Redirect, paused.StatusCode);
        Assert.True(await CountAsync(db => db.Departments.Where(d => d.Id == 3).Select(d => d.PublishingPaused).SingleAsync()));
        Assert.True(await CountAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "department.paused" && a.DepartmentId == 3 && a.Details!.Contains("Événement"))));

        using var officer = factory.CreateTestClient();
        await officer.SignInAsync(DemoUsers.Officer62);
        var home = await officer.GetPageAsync("/Messages");
        Assert.Contains("Événement en cours", home.QuerySelector("[data-testid=pause-banner]")!.TextContent, StringComparison.Ordinal);

        using var resumed = await admin.PostFormAsync("/Admin", [], "/Admin?handler=ResumeDepartment&departmentId=3");
        Assert.False(await CountAsync(db => db.Departments.Where(d => d.Id == 3).Select(d => d.PublishingPaused).SingleAsync()));
    }

    [Fact]
    public async Task National_switch_pauses_and_resumes_publishing()
    {
        using var admin = await AdminAsync();

        using var paused = await admin.PostFormAsync("/Admin", [F("Pause.Reason", "Consigne nationale")], "/Admin?handler=PauseNational");
        Assert.False(await CountAsync(db => db.PublishingSettings.Select(s => s.PublishingEnabled).SingleAsync()));
        var page = await admin.GetPageAsync("/Admin");
        Assert.NotNull(page.QuerySelector("[data-testid=national-paused]"));

        using var resumed = await admin.PostFormAsync("/Admin", [], "/Admin?handler=ResumeNational");
        Assert.True(await CountAsync(db => db.PublishingSettings.Select(s => s.PublishingEnabled).SingleAsync()));
        Assert.True(await CountAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "publishing.national_paused" && a.Details == "Consigne nationale")));
    }

    [Fact]
    public async Task Oauth1_tokens_are_stored_encrypted_and_empty_ones_refused()
    {
        using var admin = await AdminAsync();
        using var empty = await admin.PostFormAsync("/Admin/Accounts/2", [F("OAuth1.AccessToken", ""), F("OAuth1.AccessTokenSecret", "")], "/Admin/Accounts/2?handler=OAuth1");
        Assert.Contains("Le jeton d'accès est obligatoire.", await MessageTestData.ErrorsAsync(empty));

        using var saved = await admin.PostFormAsync("/Admin/Accounts/2", [F("OAuth1.AccessToken", "tok-35-plain"), F("OAuth1.AccessTokenSecret", "sec-35-plain")], "/Admin/Accounts/2?handler=OAuth1");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using var scope = factory.CreateScope();
        var account = await scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>().PublishingAccounts.SingleAsync(a => a.DepartmentId == 2);
        Assert.DoesNotContain("tok-35-plain", account.ProtectedCredentials, StringComparison.Ordinal);
        Assert.Equal("sec-35-plain", scope.ServiceProvider.GetRequiredService<CredentialProtector>().Unprotect(account.ProtectedCredentials!).AccessTokenSecret);
        Assert.Equal(AccountAuthKind.OAuth1UserContext, account.AuthKind);
    }

    [Fact]
    public async Task Created_user_signs_in_with_the_temporary_password_and_must_change_it()
    {
        using var admin = await AdminAsync();
        using var created = await admin.PostFormAsync("/Admin/Users/Edit", [F("Input.Email", "officier13@example.fr"), F("Input.DisplayName", "Officier 13"), F("Input.Roles", Roles.Officer), F("Input.DepartmentIds", "1")]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = await admin.GetPageAsync(created.Headers.Location!.OriginalString);
        var temporary = page.QuerySelector("[data-testid=temporary-password]")!.TextContent;

        using var user = factory.CreateTestClient();
        using var signIn = await user.PostFormAsync("/Account/Login", [F("Input.Email", "officier13@example.fr"), F("Input.Password", temporary)]);
        Assert.Equal("/Account/ChangePassword", signIn.Headers.Location!.OriginalString);
        using var blocked = await user.GetAsync("/Messages");
        Assert.Equal("/Account/ChangePassword", blocked.Headers.Location!.OriginalString);

        using var changed = await user.PostFormAsync("/Account/ChangePassword", [F("CurrentPassword", temporary), F("NewPassword", "Nouveau-Mot-De-Passe-13"), F("ConfirmPassword", "Nouveau-Mot-De-Passe-13")]);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        using var home = await user.GetAsync("/Messages");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Fact]
    public async Task User_without_department_who_is_not_an_admin_is_refused()
    {
        using var admin = await AdminAsync();
        var before = await CountAsync(db => db.Users.CountAsync());

        using var response = await admin.PostFormAsync("/Admin/Users/Edit", [F("Input.Email", "sans-departement@example.fr"), F("Input.DisplayName", "Sans département"), F("Input.Roles", Roles.Officer)]);

        Assert.Contains(await MessageTestData.ErrorsAsync(response), e => e.StartsWith("Rattachez l'utilisateur", StringComparison.Ordinal));
        Assert.Equal(before, await CountAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task The_last_national_admin_cannot_be_removed_locked_or_deactivated()
    {
        using var admin = await AdminAsync();
        var adminId = await CountAsync(db => db.Users.Where(u => u.Email == DemoUsers.Admin).Select(u => u.Id).SingleAsync());

        using var demote = await admin.PostFormAsync($"/Admin/Users/Edit/{adminId}", [F("Input.DisplayName", "Admin"), F("Input.Roles", Roles.Officer), F("Input.DepartmentIds", "1")]);
        Assert.Contains(await MessageTestData.ErrorsAsync(demote), e => e.Contains("dernier administrateur national", StringComparison.Ordinal));
        using var deactivate = await admin.PostFormAsync($"/Admin/Users/Edit/{adminId}", [], $"/Admin/Users/Edit/{adminId}?handler=Deactivate");
        Assert.Contains(await MessageTestData.ErrorsAsync(deactivate), e => e.Contains("dernier administrateur national", StringComparison.Ordinal));

        await using var scope = factory.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByIdAsync(adminId))!;
        Assert.True(user.IsActive);
        Assert.True(await users.IsInRoleAsync(user, Roles.NationalAdmin));
    }

    [Fact]
    public async Task Audit_trail_is_filtered_and_exported_to_csv()
    {
        using var admin = await AdminAsync();
        using var paused = await admin.PostFormAsync("/Admin", [F("Pause.Reason", "=SOMME(A1) pour l'export")], "/Admin?handler=PauseDepartment&departmentId=4");

        var page = await admin.GetPageAsync("/Admin/Audit?action=department.paused&departmentId=4");
        Assert.All(page.QuerySelectorAll("[data-audit-action]"), r => Assert.Equal("department.paused", r.GetAttribute("data-audit-action")));
        Assert.NotEmpty(page.QuerySelectorAll("[data-audit-action]"));

        using var export = await admin.GetAsync("/Admin/Audit?handler=Export&departmentId=4");
        Assert.Equal("text/csv", export.Content.Headers.ContentType!.MediaType);
        var bytes = await export.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var csv = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("N°;Date (UTC);Auteur;Action", csv, StringComparison.Ordinal);
        Assert.Contains("department.paused", csv, StringComparison.Ordinal);
        // A formula typed in a reason is not run by spreadsheet software.
        Assert.DoesNotContain(";=SOMME", csv.Replace("\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
        using var resumed = await admin.PostFormAsync("/Admin", [], "/Admin?handler=ResumeDepartment&departmentId=4");
    }

    [Fact]
    public async Task Admin_makes_a_category_require_validation_and_changes_its_hashtags()
    {
        using var admin = await AdminAsync();
        var id = await CountAsync(db => db.Categories.Where(c => c.Key == CategoryKeys.ServiceLife).Select(c => c.Id).SingleAsync());

        using var response = await admin.PostFormAsync($"/Admin/Categories/Edit/{id}", [F("Input.RequiresValidation", "true"), F("Input.SuggestedHashtags", "#VieDuService  #Police #police")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var category = await CountAsync(db => db.Categories.AsNoTracking().SingleAsync(c => c.Id == id));
        Assert.True(category.RequiresValidation);
        Assert.Equal("#VieDuService #Police", category.SuggestedHashtags);
        Assert.True(await CountAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "category.updated" && a.EntityId == CategoryKeys.ServiceLife)));
        Assert.Contains("#VieDuService", (await admin.GetPageAsync("/Admin/Categories")).QuerySelector($"[data-category='{CategoryKeys.ServiceLife}']")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Prévention")]
    [InlineData("#2026")]
    [InlineData("#a-b")]
    public async Task Bad_hashtags_get_a_french_message_and_change_nothing(string hashtags)
    {
        using var admin = await AdminAsync();
        var id = await CountAsync(db => db.Categories.Where(c => c.Key == CategoryKeys.Prevention).Select(c => c.Id).SingleAsync());
        var before = await CountAsync(db => db.Categories.Where(c => c.Id == id).Select(c => new { c.SuggestedHashtags, c.RequiresValidation }).SingleAsync());

        using var response = await admin.PostFormAsync($"/Admin/Categories/Edit/{id}", [F("Input.RequiresValidation", "true"), F("Input.SuggestedHashtags", hashtags)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(await MessageTestData.ErrorsAsync(response), e => e.Contains("Chaque mot-dièse doit commencer par #", StringComparison.Ordinal));
        Assert.Equal(before, await CountAsync(db => db.Categories.Where(c => c.Id == id).Select(c => new { c.SuggestedHashtags, c.RequiresValidation }).SingleAsync()));
    }

    private async Task<T> CountAsync<T>(Func<PoliceFeedsDbContext, Task<T>> query)
    {
        await using var scope = factory.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>());
    }
}
