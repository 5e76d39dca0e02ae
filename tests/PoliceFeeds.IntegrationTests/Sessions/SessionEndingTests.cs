using System.Net;
using PoliceFeeds.Infrastructure.Identity;
using PoliceFeeds.IntegrationTests.Infrastructure;
using static PoliceFeeds.IntegrationTests.Sessions.SessionTestData;

namespace PoliceFeeds.IntegrationTests.Sessions;

/// <summary>
/// A role change ends the user's sessions at once, and a user's own password change ends their other sessions at once
/// (not at the next 5-minute security stamp check).
/// </summary>
public sealed class SessionEndingTests(PoliceFeedsAppFactory factory) : IClassFixture<PoliceFeedsAppFactory>
{
    [Fact]
    public async Task A_role_change_ends_the_users_sessions_at_once()
    {
        using var officer = factory.CreateTestClient();
        var copied = await SignInAndCopyCookieAsync(officer, DemoUsers.Officer62);
        Assert.True(await CookieIsAcceptedAsync(factory, copied));
        using var admin = factory.CreateTestClient();
        await admin.SignInAsync(DemoUsers.Admin);
        var userId = await UserIdAsync(factory, DemoUsers.Officer62);

        using var saved = await admin.PostFormAsync($"/Admin/Users/Edit/{userId}",
            [new("Input.DisplayName", "Officier 62 devenu valideur"), new("Input.Roles", Roles.Validator), new("Input.DepartmentIds", DemoUsers.Department62.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        Assert.False(await CookieIsAcceptedAsync(factory, copied));
        Assert.False(await IsSignedInAsync(officer));
        Assert.True(await IsSignedInAsync(admin, "/Admin"));
    }

    [Fact]
    public async Task Saving_a_user_without_changing_their_roles_keeps_their_sessions()
    {
        using var validator = factory.CreateTestClient();
        var copied = await SignInAndCopyCookieAsync(validator, DemoUsers.Validator62);
        using var admin = factory.CreateTestClient();
        await admin.SignInAsync(DemoUsers.Admin);
        var userId = await UserIdAsync(factory, DemoUsers.Validator62);

        using var saved = await admin.PostFormAsync($"/Admin/Users/Edit/{userId}",
            [new("Input.DisplayName", "Valideur 62, nouveau nom"), new("Input.Roles", Roles.Validator), new("Input.DepartmentIds", DemoUsers.Department62.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        Assert.True(await CookieIsAcceptedAsync(factory, copied));
    }

    [Fact]
    public async Task Changing_ones_own_password_ends_the_other_sessions_and_keeps_this_one()
    {
        const string newPassword = "Nouveau-Mot-De-Passe-2026";
        using var here = factory.CreateTestClient();
        await here.SignInAsync(DemoUsers.Officer35);
        using var elsewhere = factory.CreateTestClient();
        var copied = await SignInAndCopyCookieAsync(elsewhere, DemoUsers.Officer35);

        using var changed = await here.PostFormAsync("/Account/ChangePassword",
            [new("CurrentPassword", Web.Startup.UserSeeder.DemoPassword), new("NewPassword", newPassword), new("ConfirmPassword", newPassword)]);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        Assert.False(await CookieIsAcceptedAsync(factory, copied));
        Assert.False(await IsSignedInAsync(elsewhere));
        Assert.True(await IsSignedInAsync(here));
    }
}
