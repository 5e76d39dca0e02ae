using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PoliceFeeds.IntegrationTests.Infrastructure;
using static PoliceFeeds.IntegrationTests.Sessions.SessionTestData;

namespace PoliceFeeds.IntegrationTests.Sessions;

/// <summary>
/// A session ends after its absolute lifetime (a working day, configurable), however busy it is, on top of the idle
/// limit. The app's clock, the cookie's and the security stamp validator's are one fake clock.
/// </summary>
public sealed class SessionLimitsTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 7, 30, 0, TimeSpan.Zero));
    private readonly PoliceFeedsAppFactory _factory = new();

    public SessionLimitsTests()
    {
        _factory.Settings["Publishing:RunHostedService"] = "false";
        _factory.Settings["Sessions:AbsoluteLifetime"] = "03:00:00";
        _factory.ServiceOverrides.Add(services =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            services.Configure<SecurityStampValidatorOptions>(o => o.TimeProvider = _clock);
            services.PostConfigureAll<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(o => o.TimeProvider = _clock);
        });
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_session_in_use_ends_at_its_configured_absolute_lifetime()
    {
        using var officer = _factory.CreateTestClient();
        var copied = await SignInAndCopyCookieAsync(officer, DemoUsers.Officer44);
        Assert.Same(_clock, _factory.Services.GetRequiredService<TimeProvider>());

        // Busy all along: a request every 50 minutes, never idle for long.
        for (var i = 0; i < 3; i++)
        {
            _clock.Advance(TimeSpan.FromMinutes(50));
            Assert.True(await IsSignedInAsync(officer), $"refused after {(i + 1) * 50} minutes");
        }

        _clock.Advance(TimeSpan.FromMinutes(31));
        Assert.False(await IsSignedInAsync(officer));
        Assert.False(await CookieIsAcceptedAsync(_factory, copied));

        // Signing in again opens a new session for a new working day.
        await officer.SignInAsync(DemoUsers.Officer44);
        Assert.True(await IsSignedInAsync(officer));
    }
}
