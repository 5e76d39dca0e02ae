using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.IntegrationTests.Admin;

/// <summary>Only national admins reach the administration; officers and validators get 403 on every page and handler.</summary>
public sealed class AdminAuthorizationTests(PoliceFeedsAppFactory factory) : IClassFixture<PoliceFeedsAppFactory>
{
    public static TheoryData<string> Pages => new()
    {
        "/Admin", "/Admin/Departments/Edit", "/Admin/Departments/Edit/1", "/Admin/Accounts/1", "/Admin/Accounts/Callback",
        "/Admin/Users", "/Admin/Users/Edit", "/Admin/Audit", "/Admin/Audit?handler=Export",
    };

    public static TheoryData<string> Handlers => new()
    {
        "/Admin?handler=PauseNational", "/Admin?handler=ResumeNational", "/Admin?handler=PauseDepartment&departmentId=2", "/Admin?handler=ResumeDepartment&departmentId=2",
        "/Admin/Departments/Edit", "/Admin/Departments/Edit/2", "/Admin/Accounts/2?handler=OAuth1", "/Admin/Accounts/2?handler=Mode", "/Admin/Accounts/2?handler=Disconnect",
        "/Admin/Accounts/2?handler=Verify", "/Admin/Accounts/2?handler=Connect", "/Admin/Users/Edit",
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Officer_and_validator_get_403_on_every_admin_page(string url)
    {
        foreach (var who in new[] { DemoUsers.Officer44, DemoUsers.Validator44 })
        {
            using var client = factory.CreateTestClient();
            await client.SignInAsync(who);
            using var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden || response.Headers.Location?.OriginalString.Contains("/Account/AccessDenied", StringComparison.Ordinal) == true,
                $"{who} on {url}: {(int)response.StatusCode}");
        }
    }

    [Theory]
    [MemberData(nameof(Handlers))]
    public async Task Officer_forged_posts_change_nothing(string url)
    {
        var before = await SnapshotAsync();
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);
        var token = TestClient.AntiforgeryToken(await client.GetPageAsync("/Messages"), "form[action='/Account/Logout']");

        using var response = await client.Http.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token), new("Pause.Reason", "forgé"), new("Input.Code", "13"), new("Input.Name", "Forgé"),
            new("Input.TimeZoneId", "Europe/Paris"), new("Input.Handle", "Forge"), new("OAuth1.AccessToken", "x"), new("OAuth1.AccessTokenSecret", "y"),
            new("mode", "Live"), new("Input.Email", "forge@example.fr"), new("Input.DisplayName", "Forgé"), new("Input.Roles", "NationalAdmin"),
        ]));

        Assert.True(response.StatusCode == HttpStatusCode.Forbidden || response.Headers.Location?.OriginalString.Contains("/Account/AccessDenied", StringComparison.Ordinal) == true,
            $"{url}: {(int)response.StatusCode}");
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Admin_post_without_antiforgery_token_is_refused_and_changes_nothing()
    {
        var before = await SnapshotAsync();
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Admin);

        using var response = await client.Http.PostAsync(new Uri("/Admin?handler=PauseNational", UriKind.Relative), new FormUrlEncodedContent([new("Pause.Reason", "sans jeton")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await SnapshotAsync());
    }

    private async Task<string> SnapshotAsync()
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        var departments = await db.Departments.OrderBy(d => d.Id).Select(d => $"{d.Code}:{d.Name}:{d.PublishingPaused}").ToListAsync();
        var accounts = await db.XAccounts.OrderBy(a => a.Id).Select(a => $"{a.Handle}:{a.Mode}:{a.State}:{a.ProtectedCredentials != null}").ToListAsync();
        var settings = await db.PublishingSettings.Select(s => s.PublishingEnabled).SingleAsync();
        var users = await db.Users.CountAsync();
        return string.Join("|", departments.Concat(accounts).Append(settings.ToString()).Append(users.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
