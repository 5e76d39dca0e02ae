using PoliceFeeds.IntegrationTests.Infrastructure;
using static PoliceFeeds.IntegrationTests.Sessions.SessionTestData;

namespace PoliceFeeds.IntegrationTests.Sessions;

/// <summary>
/// Two instances on one database (and one key ring): a session opened on one is ended by an admin on the other, and
/// the first instance refuses it at its next request, without waiting for any interval.
/// </summary>
public sealed class CrossInstanceSessionTests : IAsyncLifetime
{
    private readonly PoliceFeedsAppFactory _first = new();
    private readonly PoliceFeedsAppFactory _second = new();

    public Task InitializeAsync()
    {
        _first.Settings["Publishing:RunHostedService"] = "false";
        _ = _first.Services;

        // The second instance shares the first one's database file and key-encryption certificate.
        _second.Settings["Publishing:RunHostedService"] = "false";
        _second.Settings["Database:DataDirectory"] = _first.DataDirectory;
        _ = _second.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    [Fact]
    public async Task Deactivation_on_one_instance_ends_the_session_on_the_other_at_once()
    {
        using var officer = _first.CreateTestClient();
        var cookie = await SignInAndCopyCookieAsync(officer, DemoUsers.Officer44);
        Assert.True(await CookieIsAcceptedAsync(_first, cookie));
        Assert.True(await CookieIsAcceptedAsync(_second, cookie));

        using var admin = _second.CreateTestClient();
        await admin.SignInAsync(DemoUsers.Admin);
        await AdminActsAsync(admin, await UserIdAsync(_second, DemoUsers.Officer44), "Deactivate");

        Assert.False(await CookieIsAcceptedAsync(_first, cookie));
        Assert.False(await IsSignedInAsync(officer));
    }

    [Fact]
    public async Task Logout_on_one_instance_ends_the_session_on_the_other()
    {
        using var officer = _first.CreateTestClient();
        var cookie = await SignInAndCopyCookieAsync(officer, DemoUsers.Validator44);

        using var logout = await officer.PostFormAsync("/Account/Logout", [], formSelector: TestClient.SignOutForm);

        Assert.False(await CookieIsAcceptedAsync(_second, cookie));
    }
}
