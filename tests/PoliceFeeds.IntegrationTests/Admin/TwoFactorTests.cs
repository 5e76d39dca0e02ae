using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Infrastructure.Identity;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Messages;

namespace PoliceFeeds.IntegrationTests.Admin;

/// <summary>National admins must use two-factor authentication (an authenticator app).</summary>
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
        using var enabled = await client.PostFormAsync("/Account/EnableAuthenticator", [new("Code", Totp.Code(key))]);
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);

        using var allowed = await client.GetAsync("/Admin");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task An_enrolled_user_without_a_two_factor_session_never_sees_the_key_again_and_must_sign_in_again()
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

        using var page = await client.GetAsync("/Account/EnableAuthenticator");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/Account/Login", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain(key.ToLowerInvariant()[..8], await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var home = await client.GetAsync("/Messages");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
    }
}
