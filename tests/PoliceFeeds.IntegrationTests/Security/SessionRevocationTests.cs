using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Identity;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.IntegrationTests.Security;

/// <summary>A deactivated or locked user's open session is refused within 5 minutes (the security stamp interval).</summary>
public sealed class SessionRevocationTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly PoliceFeedsAppFactory _factory = new();

    public SessionRevocationTests()
    {
        _factory.ServiceOverrides.Add(services =>
        {
            services.Configure<SecurityStampValidatorOptions>(o => o.TimeProvider = _clock);
            services.PostConfigureAll<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(o => o.TimeProvider = _clock);
        });
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Deactivated_user_loses_an_open_session_within_five_minutes()
    {
        using var client = _factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer62);
        Assert.True(await IsSignedInAsync(client));

        await UpdateUserAsync(DemoUsers.Officer62, u => u.IsActive = false);
        _clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        Assert.False(await IsSignedInAsync(client));
    }

    [Fact]
    public async Task Locked_user_loses_an_open_session_within_five_minutes()
    {
        using var client = _factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Validator62);

        await using (var scope = _factory.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByEmailAsync(DemoUsers.Validator62))!;
            await users.SetLockoutEndDateAsync(user, _clock.GetUtcNow().AddDays(1));
        }

        _clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        Assert.False(await IsSignedInAsync(client));
    }

    [Fact]
    public async Task Deactivated_user_cannot_sign_in()
    {
        await UpdateUserAsync(DemoUsers.Officer35, u => u.IsActive = false);
        using var client = _factory.CreateTestClient();

        using var response = await client.PostFormAsync("/Account/Login", [new("Input.Email", DemoUsers.Officer35), new("Input.Password", Web.Startup.UserSeeder.DemoPassword)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        Assert.Contains("Adresse électronique ou mot de passe incorrect.", page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
    }

    private static async Task<bool> IsSignedInAsync(TestClient client)
    {
        using var response = await client.GetAsync("/");
        return response.Headers.Location?.OriginalString.Contains("/Account/Login", StringComparison.Ordinal) != true;
    }

    private async Task UpdateUserAsync(string email, Action<AppUser> change)
    {
        await using var scope = _factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        var user = await db.Users.SingleAsync(u => u.Email == email);
        change(user);
        await db.SaveChangesAsync();
    }
}
