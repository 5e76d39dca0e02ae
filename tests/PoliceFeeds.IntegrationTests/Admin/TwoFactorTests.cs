using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Identity;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Messages;

namespace PoliceFeeds.IntegrationTests.Admin;

/// <summary>
/// National admins must use two-factor authentication (an authenticator app) on every page, not only under /Admin;
/// enrolment asks for the password again; an admin can reset another user's second factor.
/// </summary>
public sealed class TwoFactorTests(PoliceFeedsAppFactory factory) : IClassFixture<PoliceFeedsAppFactory>
{
    [Fact]
    public async Task Demo_admin_is_asked_for_a_code_and_a_wrong_one_is_refused()
    {
        using var client = factory.CreateTestClient();
        using var first = await client.PostFormAsync("/Account/Login", [new("Input.Email", DemoUsers.Admin), new("Input.Password", Web.Startup.UserSeeder.DemoPassword)]);
        Assert.Contains("/Account/LoginWith2fa", first.Headers.Location!.OriginalString, StringComparison.Ordinal);

        using var wrong = await client.PostFormAsync(first.Headers.Location.OriginalString, [new("Code", "000000")]);
        Assert.Contains("Code de vérification incorrect.", await MessageTestData.ErrorsAsync(wrong));
        using var admin = await client.GetAsync("/Admin");
        Assert.NotEqual(HttpStatusCode.OK, admin.StatusCode);

        using var right = await client.PostFormAsync(first.Headers.Location.OriginalString, [new("Code", Totp.Code(Web.Startup.UserSeeder.DemoAdminAuthenticatorKey))]);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        using var page = await client.GetAsync("/Admin");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task New_admin_without_two_factor_must_enrol_before_reaching_the_administration()
    {
        const string email = "nouvel.admin@example.fr";
        const string password = "Admin-Sans-2FA-2026";
        await Sessions.SessionTestData.CreateAdminWithoutTwoFactorAsync(factory, email, password, "Nouvel admin");

        using var client = factory.CreateTestClient();
        await client.SignInAsync(email, password, authenticatorKey: null);
        using var blocked = await client.GetAsync("/Admin");
        Assert.Equal("/Account/EnableAuthenticator", blocked.Headers.Location!.OriginalString);

        var enrol = await client.GetPageAsync("/Account/EnableAuthenticator");
        var key = enrol.QuerySelector("[data-testid=shared-key]")!.TextContent;
        using var enabled = await client.PostFormAsync("/Account/EnableAuthenticator", [new("Password", password), new("Code", Totp.Code(key))]);
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);

        using var allowed = await client.GetAsync("/Admin");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        using var messages = await client.GetAsync("/Messages");
        Assert.Equal(HttpStatusCode.OK, messages.StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/Messages")]
    [InlineData("/Messages?departmentId=2")]
    [InlineData("/Messages/Edit?departmentId=2")]
    [InlineData("/Calendar")]
    [InlineData("/Sandbox")]
    [InlineData("/Queue")]
    [InlineData("/Templates")]
    [InlineData("/Templates/Edit")]
    [InlineData("/Report")]
    [InlineData("/Report?handler=Export")]
    public async Task An_admin_without_a_second_factor_reaches_no_department_page(string path)
    {
        var email = $"admin.{Guid.NewGuid():N}@example.fr";
        const string password = "Admin-Sans-2FA-2026";
        await Sessions.SessionTestData.CreateAdminWithoutTwoFactorAsync(factory, email, password, "Admin sans 2FA");

        using var client = factory.CreateTestClient();
        await client.SignInAsync(email, password, authenticatorKey: null);
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/EnableAuthenticator", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Enrolment_asks_for_the_password_again()
    {
        const string email = "admin.mot.de.passe@example.fr";
        const string password = "Admin-Qui-Confirme-2026";
        await Sessions.SessionTestData.CreateAdminWithoutTwoFactorAsync(factory, email, password, "Admin qui confirme");
        using var client = factory.CreateTestClient();
        await client.SignInAsync(email, password, authenticatorKey: null);
        var enrol = await client.GetPageAsync("/Account/EnableAuthenticator");
        var key = enrol.QuerySelector("[data-testid=shared-key]")!.TextContent;

        // Someone at the admin's open session, without the password, cannot tie their own authenticator to the account.
        using var refused = await client.PostFormAsync("/Account/EnableAuthenticator", [new("Password", "pas-le-bon"), new("Code", Totp.Code(key))]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(await MessageTestData.ErrorsAsync(refused), e => e.Contains("Mot de passe incorrect", StringComparison.Ordinal));
        using var missing = await client.PostFormAsync("/Account/EnableAuthenticator", [new("Code", Totp.Code(key))]);
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        await using (var scope = factory.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.False(await users.GetTwoFactorEnabledAsync((await users.FindByEmailAsync(email))!));
        }

        using var enabled = await client.PostFormAsync("/Account/EnableAuthenticator", [new("Password", password), new("Code", Totp.Code(key))]);
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        using var admin = await client.GetAsync("/Admin");
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    [Fact]
    public async Task An_admin_resets_another_users_second_factor_which_ends_their_sessions_and_is_audited()
    {
        const string email = "admin.perdu@example.fr";
        const string password = "Admin-Telephone-Perdu-2026";
        const string oldKey = "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U";
        string userId;
        await using (var scope = factory.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Admin au téléphone perdu", LockoutEnabled = true };
            Assert.True((await users.CreateAsync(user, password)).Succeeded);
            await users.AddToRoleAsync(user, Roles.NationalAdmin);
            await users.SetAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey", oldKey);
            await users.SetTwoFactorEnabledAsync(user, true);
            userId = user.Id;
        }

        using var lost = factory.CreateTestClient();
        await lost.SignInAsync(email, password, oldKey);
        Assert.True(await Sessions.SessionTestData.IsSignedInAsync(lost, "/Admin"));

        using var admin = factory.CreateTestClient();
        await admin.SignInAsync(DemoUsers.Admin);
        await Sessions.SessionTestData.AdminActsAsync(admin, userId, "ResetTwoFactor");

        Assert.False(await Sessions.SessionTestData.IsSignedInAsync(lost, "/Admin"));
        await using (var scope = factory.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByIdAsync(userId))!;
            Assert.False(await users.GetTwoFactorEnabledAsync(user));
            Assert.NotEqual(oldKey, await users.GetAuthenticatorKeyAsync(user));
            var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
            var adminId = await db.Users.Where(u => u.Email == DemoUsers.Admin).Select(u => u.Id).SingleAsync();
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "user.two_factor_reset" && a.EntityId == userId && a.ActorId == adminId));
        }

        // With the password alone, the admin is sent to enrol a new authenticator, and the old key is worth nothing.
        using var again = factory.CreateTestClient();
        await again.SignInAsync(email, password, authenticatorKey: null);
        using var blocked = await again.GetAsync("/Admin");
        Assert.Equal("/Account/EnableAuthenticator", blocked.Headers.Location!.OriginalString);
        var enrol = await again.GetPageAsync("/Account/EnableAuthenticator");
        Assert.NotEqual(oldKey.ToLowerInvariant()[..8], enrol.QuerySelector("[data-testid=shared-key]")!.TextContent.Replace(" ", "", StringComparison.Ordinal)[..8]);
    }

    [Fact]
    public async Task A_get_on_the_enrolment_page_signs_no_one_out_and_never_shows_the_key_of_an_enrolled_user()
    {
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer35);
        string key;
        await using (var scope = factory.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByEmailAsync(DemoUsers.Officer35))!;
            await users.ResetAuthenticatorKeyAsync(user);
            key = (await users.GetAuthenticatorKeyAsync(user))!;
            await users.SetTwoFactorEnabledAsync(user, true);
        }

        // A link from another site (a GET) changes nothing: the page only offers to sign in again.
        using var page = await client.GetAsync("/Account/EnableAuthenticator");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var body = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain(key.ToLowerInvariant()[..8], body, StringComparison.Ordinal);
        Assert.DoesNotContain(key[..8], body, StringComparison.Ordinal);
        Assert.True(await Sessions.SessionTestData.IsSignedInAsync(client));

        // Its form (a POST with the antiforgery token) signs out, to sign in again with the code.
        using var signOut = await client.PostFormAsync("/Account/EnableAuthenticator", [], formSelector: "form[data-testid=sign-in-again]");
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Contains("/Account/Login", signOut.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var home = await client.GetAsync("/Messages");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
    }
}
