using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Identity;
using PoliceFeeds.IntegrationTests.Infrastructure;
using static PoliceFeeds.IntegrationTests.Sessions.SessionTestData;

namespace PoliceFeeds.IntegrationTests.Sessions;

/// <summary>
/// Sessions live on the server: logout and an admin's deactivation or lock end them at the next request; five wrong
/// passwords only stop new sign-ins; the 5-minute security stamp refresh keeps the session and the two-factor claim.
/// </summary>
public sealed class SessionLifecycleTests : IAsyncLifetime
{
    private static readonly TimeSpan PastStampCheck = TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1);
    private readonly FakeTimeProvider _clock = new(TestClock.DefaultStart);
    private readonly PoliceFeedsAppFactory _factory = new();

    public SessionLifecycleTests()
    {
        _factory.Settings["Publishing:RunHostedService"] = "false";
        _factory.Settings["XApi:ClientId"] = "test-client-id";
        _factory.ServiceOverrides.Add(services =>
        {
            services.Configure<SecurityStampValidatorOptions>(o => o.TimeProvider = _clock);
            services.PostConfigureAll<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(o => o.TimeProvider = _clock);
        });
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Five_wrong_passwords_stop_new_sign_ins_but_not_the_open_session()
    {
        using var officer = _factory.CreateTestClient();
        await officer.SignInAsync(DemoUsers.Officer44);

        using var attacker = _factory.CreateTestClient();
        for (var i = 0; i < 5; i++)
        {
            using var failed = await attacker.PostFormAsync("/Account/Login", [new("Input.Email", DemoUsers.Officer44), new("Input.Password", "devine-" + i)]);
        }

        using var blocked = await attacker.PostFormAsync("/Account/Login", [new("Input.Email", DemoUsers.Officer44), new("Input.Password", Web.Startup.UserSeeder.DemoPassword)]);
        Assert.Equal(HttpStatusCode.OK, blocked.StatusCode);

        // Past the security stamp check: the officer's session goes on.
        _clock.Advance(PastStampCheck);
        Assert.True(await IsSignedInAsync(officer));
        _clock.Advance(PastStampCheck);
        Assert.True(await IsSignedInAsync(officer));
    }

    [Fact]
    public async Task Logout_ends_the_session_on_the_server_and_a_copied_cookie_no_longer_works()
    {
        using var officer = _factory.CreateTestClient();
        var copied = await SignInAndCopyCookieAsync(officer, DemoUsers.Officer35);
        Assert.True(await CookieIsAcceptedAsync(_factory, copied));

        using var logout = await officer.PostFormAsync("/Account/Logout", [], formSelector: TestClient.SignOutForm);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        Assert.False(await CookieIsAcceptedAsync(_factory, copied));
        Assert.False(await IsSignedInAsync(officer));
    }

    [Fact]
    public async Task Admin_deactivation_ends_the_session_at_the_next_request()
    {
        using var officer = _factory.CreateTestClient();
        var copied = await SignInAndCopyCookieAsync(officer, DemoUsers.Officer62);
        using var admin = _factory.CreateTestClient();
        await admin.SignInAsync(DemoUsers.Admin);

        await AdminActsAsync(admin, await UserIdAsync(_factory, DemoUsers.Officer62), "Deactivate");

        // No clock advance: the very next request is refused.
        Assert.False(await CookieIsAcceptedAsync(_factory, copied));
        Assert.False(await IsSignedInAsync(officer));
    }

    [Fact]
    public async Task Admin_lock_ends_the_session_at_the_next_request()
    {
        using var validator = _factory.CreateTestClient();
        var copied = await SignInAndCopyCookieAsync(validator, DemoUsers.Validator62);
        using var admin = _factory.CreateTestClient();
        await admin.SignInAsync(DemoUsers.Admin);

        await AdminActsAsync(admin, await UserIdAsync(_factory, DemoUsers.Validator62), "Lock");

        Assert.False(await CookieIsAcceptedAsync(_factory, copied));
    }

    [Fact]
    public async Task Admin_password_reset_ends_the_sessions_too()
    {
        using var validator = _factory.CreateTestClient();
        var copied = await SignInAndCopyCookieAsync(validator, DemoUsers.Validator35);
        using var admin = _factory.CreateTestClient();
        await admin.SignInAsync(DemoUsers.Admin);

        await AdminActsAsync(admin, await UserIdAsync(_factory, DemoUsers.Validator35), "ResetPassword");

        Assert.False(await CookieIsAcceptedAsync(_factory, copied));
    }

    [Fact]
    public async Task A_user_deactivated_in_the_database_is_refused_at_the_next_request()
    {
        using var officer = _factory.CreateTestClient();
        await officer.SignInAsync(DemoUsers.Officer44);

        await using (var scope = _factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
            await db.Users.Where(u => u.Email == DemoUsers.Officer44).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, false));
        }

        Assert.False(await IsSignedInAsync(officer));
    }

    [Fact]
    public async Task National_admin_keeps_the_two_factor_claim_across_the_five_minute_refresh()
    {
        using var admin = _factory.CreateTestClient();
        await admin.SignInAsync(DemoUsers.Admin);
        Assert.True(await IsSignedInAsync(admin, "/Admin"));

        // An OAuth round trip to X that crosses the 5-minute mark: the session and its second factor survive.
        using var connect = await admin.PostFormAsync("/Admin/Accounts/2", [], "/Admin/Accounts/2?handler=Connect", "form[action*='handler=Connect']");
        Assert.Equal(HttpStatusCode.Redirect, connect.StatusCode);
        _clock.Advance(PastStampCheck);
        using var callback = await admin.GetAsync("/Admin/Accounts/Callback?state=expired&code=whatever");
        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);

        _clock.Advance(PastStampCheck);
        Assert.True(await IsSignedInAsync(admin, "/Admin"));
        Assert.True(await IsSignedInAsync(admin, "/Admin/Users"));
    }

    [Fact]
    public async Task A_new_admin_who_reads_the_enrolment_page_past_the_five_minute_check_stays_signed_in_and_enrols()
    {
        const string email = "admin.lent@example.fr";
        const string password = "Admin-Qui-Prend-Son-Temps-2026";
        await CreateAdminWithoutTwoFactorAsync(_factory, email, password, "Admin lent");

        using var admin = _factory.CreateTestClient();
        await admin.SignInAsync(email, password, authenticatorKey: null);
        var enrol = await admin.GetPageAsync("/Account/EnableAuthenticator");
        var key = enrol.QuerySelector("[data-testid=shared-key]")!.TextContent;

        // Showing the key created it, which changed the security stamp: the session goes on past the stamp check.
        _clock.Advance(PastStampCheck);
        var again = await admin.GetPageAsync("/Account/EnableAuthenticator");
        Assert.Equal(key, again.QuerySelector("[data-testid=shared-key]")!.TextContent);

        using var enabled = await admin.PostFormAsync("/Account/EnableAuthenticator", [new("Password", password), new("Code", Totp.Code(key))]);
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        _clock.Advance(PastStampCheck);
        Assert.True(await IsSignedInAsync(admin, "/Admin"));
    }

    [Fact]
    public async Task Without_a_session_record_a_cookie_is_refused()
    {
        using var officer = _factory.CreateTestClient();
        var copied = await SignInAndCopyCookieAsync(officer, DemoUsers.Validator44);

        await using (var scope = _factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
            var userId = await db.Users.Where(u => u.Email == DemoUsers.Validator44).Select(u => u.Id).SingleAsync();
            Assert.Equal(1, await db.UserSessions.CountAsync(s => s.UserId == userId && s.EndedAtUtc == null));
            await db.UserSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync();
        }

        Assert.False(await CookieIsAcceptedAsync(_factory, copied));
    }
}
