using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Identity;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.IntegrationTests.Sessions;

/// <summary>Signing in while keeping a copy of the authentication cookie, and replaying it from another "browser".</summary>
public static class SessionTestData
{
    /// <summary>Signs in through the form (no second factor) and returns the authentication cookie as a Cookie header.</summary>
    public static async Task<string> SignInAndCopyCookieAsync(TestClient client, string email, string password = Web.Startup.UserSeeder.DemoPassword)
    {
        using var response = await client.PostFormAsync("/Account/Login", [new("Input.Email", email), new("Input.Password", password)]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return AuthCookieHeader(response);
    }

    public static string AuthCookieHeader(HttpResponseMessage response)
    {
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];
        var auth = cookies.Where(c => c.StartsWith("PoliceFeeds.Auth", StringComparison.Ordinal)).Select(c => c.Split(';')[0]).ToList();
        Assert.NotEmpty(auth);
        return string.Join("; ", auth);
    }

    /// <summary>A request carrying only the copied cookie: whether it is let in (not sent to the sign-in page).</summary>
    public static async Task<bool> CookieIsAcceptedAsync(PoliceFeedsAppFactory factory, string cookieHeader, string path = "/Messages")
    {
        using var http = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookieHeader);
        using var response = await http.SendAsync(request);
        return response.StatusCode == HttpStatusCode.OK;
    }

    public static async Task<bool> IsSignedInAsync(TestClient client, string path = "/Messages")
    {
        using var response = await client.GetAsync(path);
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>A national admin who has not enrolled in two-factor authentication yet.</summary>
    public static async Task CreateAdminWithoutTwoFactorAsync(PoliceFeedsAppFactory factory, string email, string password, string displayName)
    {
        await using var scope = factory.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, LockoutEnabled = true };
        Assert.True((await users.CreateAsync(user, password)).Succeeded);
        await users.AddToRoleAsync(user, Roles.NationalAdmin);
    }

    public static async Task<string> UserIdAsync(PoliceFeedsAppFactory factory, string email)
    {
        await using var scope = factory.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>().Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    /// <summary>An admin action on the user page (Lock, Deactivate, ResetPassword...), through the real form.</summary>
    public static async Task AdminActsAsync(TestClient admin, string userId, string handler)
    {
        using var response = await admin.PostFormAsync($"/Admin/Users/Edit/{userId}", [], $"/Admin/Users/Edit/{userId}?handler={handler}", $"form[action*='handler={handler}']");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
