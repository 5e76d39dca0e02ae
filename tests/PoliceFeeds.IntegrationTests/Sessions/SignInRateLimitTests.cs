using System.Net;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.IntegrationTests.Sessions;

/// <summary>
/// Sign-in attempts are limited per client address (ASP.NET Core's rate limiter), beside the per-account lockout: a
/// low limit here (the test factory sets a generous one for every other test).
/// </summary>
public sealed class SignInRateLimitTests : IAsyncLifetime
{
    private readonly PoliceFeedsAppFactory _factory = new();

    public Task InitializeAsync()
    {
        _factory.Settings["Publishing:RunHostedService"] = "false";
        _factory.Settings["SignIn:RateLimit:PermitLimit"] = "3";
        _factory.Settings["SignIn:RateLimit:Window"] = "00:10:00";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Past_the_limit_sign_in_attempts_from_one_address_get_a_french_429_whatever_the_account()
    {
        using var client = _factory.CreateTestClient();
        string[] accounts = [DemoUsers.Officer44, DemoUsers.Officer35, DemoUsers.Officer62];
        foreach (var account in accounts)
        {
            using var failed = await client.PostFormAsync("/Account/Login", [new("Input.Email", account), new("Input.Password", "devine")]);
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        // A fourth account, with its right password: still refused, the address has used its attempts.
        using var limited = await client.PostFormAsync("/Account/Login", [new("Input.Email", DemoUsers.Validator44), new("Input.Password", Web.Startup.UserSeeder.DemoPassword)]);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("Trop de tentatives de connexion", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await SessionTestData.IsSignedInAsync(client));

        // Reading the sign-in page is not an attempt.
        using var page = await client.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
