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
        "/Admin/Users", "/Admin/Users/Edit", "/Admin/Users/Edit/{admin}", "/Admin/Audit", "/Admin/Audit?handler=Export",
        "/Admin/Categories", "/Admin/Categories/Edit/1", "/Admin/Dashboard", "/Admin/Users/Import",
    };

    public static TheoryData<string> Handlers => new()
    {
        "/Admin?handler=PauseNational", "/Admin?handler=ResumeNational", "/Admin?handler=PauseDepartment&departmentId=2", "/Admin?handler=ResumeDepartment&departmentId=2",
        "/Admin/Departments/Edit", "/Admin/Departments/Edit/2", "/Admin/Accounts/2?handler=OAuth1", "/Admin/Accounts/2?handler=Mode", "/Admin/Accounts/2?handler=Disconnect",
        "/Admin/Accounts/2?handler=Verify", "/Admin/Accounts/2?handler=Connect", "/Admin/Users/Edit",
        "/Admin/Users/Edit/{admin}", "/Admin/Users/Edit/{admin}?handler=ResetPassword", "/Admin/Users/Edit/{admin}?handler=Lock",
        "/Admin/Users/Edit/{admin}?handler=Unlock", "/Admin/Users/Edit/{admin}?handler=Deactivate", "/Admin/Users/Edit/{admin}?handler=Reactivate",
        "/Admin/Categories/Edit/1", "/Admin?handler=Activate&departmentId=10", "/Admin/Users/Import?handler=Preview", "/Admin/Users/Import?handler=Confirm",
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Officer_and_validator_get_403_on_every_admin_page(string url)
    {
        url = await ResolveAsync(url);
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
        url = await ResolveAsync(url);
        var before = await SnapshotAsync();
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);
        var token = await client.AntiforgeryTokenAsync();

        using var response = await client.Http.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token), new("Pause.Reason", "forgé"), new("Input.Code", "13"), new("Input.Name", "Forgé"),
            new("Input.TimeZoneId", "Europe/Paris"), new("Input.Handle", "Forge"), new("OAuth1.AccessToken", "x"), new("OAuth1.AccessTokenSecret", "y"),
            new("mode", "Live"), new("Input.Email", "forge@example.fr"), new("Input.DisplayName", "Forgé"), new("Input.Roles", "NationalAdmin"),
            new("Input.RequiresValidation", "true"), new("Input.SuggestedHashtags", "#Forgé"),
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

    /// <summary>Puts the demo admin's id in place of <c>{admin}</c>: the forged posts aim at the most sensitive account.</summary>
    private async Task<string> ResolveAsync(string url)
    {
        if (!url.Contains("{admin}", StringComparison.Ordinal))
        {
            return url;
        }

        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        var adminId = await db.Users.Where(u => u.Email == DemoUsers.Admin).Select(u => u.Id).SingleAsync();
        return url.Replace("{admin}", adminId, StringComparison.Ordinal);
    }

    private async Task<string> SnapshotAsync()
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        var departments = await db.Departments.OrderBy(d => d.Id).Select(d => $"{d.Code}:{d.Name}:{d.PublishingPaused}").ToListAsync();
        var accounts = await db.PublishingAccounts.OrderBy(a => a.Id).Select(a => $"{a.Handle}:{a.Mode}:{a.State}:{a.ProtectedCredentials != null}").ToListAsync();
        var settings = await db.PublishingSettings.Select(s => s.PublishingEnabled).SingleAsync();
        var users = await db.Users.OrderBy(u => u.Id).Select(u => $"{u.Id}:{u.IsActive}:{u.LockoutEnd}:{u.PasswordHash}:{u.SecurityStamp}:{u.MustChangePassword}").ToListAsync();
        var roles = await db.UserRoles.OrderBy(r => r.UserId).ThenBy(r => r.RoleId).Select(r => r.UserId + ":" + r.RoleId).ToListAsync();
        var memberships = await db.UserDepartments.OrderBy(m => m.UserId).ThenBy(m => m.DepartmentId).Select(m => m.UserId + ":" + m.DepartmentId).ToListAsync();
        var categories = await db.Categories.OrderBy(c => c.Id).Select(c => $"{c.Key}:{c.RequiresValidation}:{c.SuggestedHashtags}").ToListAsync();
        return string.Join("|", departments.Concat(accounts).Append(settings.ToString()).Concat(users).Concat(roles).Concat(memberships).Concat(categories));
    }
}
