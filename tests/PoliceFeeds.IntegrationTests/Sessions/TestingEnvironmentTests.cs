using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.IntegrationTests.Sessions;

/// <summary>
/// The Testing environment's allowances (demo users, cookies over plain HTTP) need the test host itself: set by
/// configuration alone (<c>ASPNETCORE_ENVIRONMENT=Testing dotnet run</c>), Testing seeds no one and keeps cookies Secure.
/// </summary>
public sealed class TestingEnvironmentTests : IAsyncLifetime
{
    private readonly PoliceFeedsAppFactory _outsideTestHost = new() { RegistersTestHost = false };
    private readonly PoliceFeedsAppFactory _testHost = new();

    public Task InitializeAsync()
    {
        _outsideTestHost.Settings["Publishing:RunHostedService"] = "false";
        _testHost.Settings["Publishing:RunHostedService"] = "false";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _outsideTestHost.DisposeAsync();
        await _testHost.DisposeAsync();
    }

    [Fact]
    public async Task Testing_outside_the_test_host_seeds_no_demo_user_and_keeps_cookies_secure()
    {
        Assert.Equal(0, await DemoUserCountAsync(_outsideTestHost));
        Assert.Equal(CookieSecurePolicy.Always, AuthCookiePolicy(_outsideTestHost));
        Assert.Equal(CookieSecurePolicy.Always, _outsideTestHost.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.SecurePolicy);
    }

    [Fact]
    public async Task Inside_the_test_host_the_testing_allowances_apply()
    {
        Assert.True(await DemoUserCountAsync(_testHost) > 0);
        Assert.Equal(CookieSecurePolicy.SameAsRequest, AuthCookiePolicy(_testHost));
        Assert.Equal(CookieSecurePolicy.SameAsRequest, _testHost.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.SecurePolicy);
    }

    private static CookieSecurePolicy AuthCookiePolicy(PoliceFeedsAppFactory factory) =>
        factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme).Cookie.SecurePolicy;

    private static async Task<int> DemoUserCountAsync(PoliceFeedsAppFactory factory)
    {
        await using var scope = factory.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>().Users.CountAsync(u => u.Email!.EndsWith("@demo.policefeeds.fr"));
    }
}
