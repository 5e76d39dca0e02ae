using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Infrastructure.Identity;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.IntegrationTests.Foundation;

public sealed class HealthAndSignInTests(PoliceFeedsAppFactory factory) : IClassFixture<PoliceFeedsAppFactory>
{
    [Fact]
    public async Task Health_reports_the_database_healthy()
    {
        using var client = factory.CreateTestClient();
        using var response = await client.GetAsync("/health");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"database\":\"Healthy\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_visitor_is_sent_to_the_sign_in_page()
    {
        using var client = factory.CreateTestClient();
        using var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_national_admin_can_sign_in()
    {
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Admin);

        using var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/Admin", home.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Wrong_password_gets_a_french_message_and_no_cookie()
    {
        using var client = factory.CreateTestClient();
        using var response = await client.PostFormAsync("/Account/Login", [new("Input.Email", DemoUsers.Officer62), new("Input.Password", "pas-le-bon-mot-de-passe")]);
        var page = await TestClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Adresse électronique ou mot de passe incorrect.", page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("PoliceFeeds.Auth", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Unknown_account_gets_the_same_message_as_a_wrong_password()
    {
        using var client = factory.CreateTestClient();
        using var response = await client.PostFormAsync("/Account/Login", [new("Input.Email", "personne@example.fr"), new("Input.Password", "peu importe")]);
        var page = await TestClient.ParseAsync(response);

        Assert.Contains("Adresse électronique ou mot de passe incorrect.", page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_failed_attempts_lock_the_account()
    {
        using var client = factory.CreateTestClient();
        for (var i = 0; i < 5; i++)
        {
            using var failed = await client.PostFormAsync("/Account/Login", [new("Input.Email", DemoUsers.Validator62), new("Input.Password", "mauvais-" + i)]);
        }

        using var response = await client.PostFormAsync("/Account/Login", [new("Input.Email", DemoUsers.Validator62), new("Input.Password", Web.Startup.UserSeeder.DemoPassword)]);
        var page = await TestClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The same answer as a wrong password or an unknown address: it does not tell that the account exists.
        Assert.Contains("Adresse électronique ou mot de passe incorrect.", page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        await using var scope = factory.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.True(await users.IsLockedOutAsync((await users.FindByEmailAsync(DemoUsers.Validator62))!));
    }

    [Fact]
    public async Task The_header_links_to_the_sign_out_page_which_only_asks_and_its_form_signs_out()
    {
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer35);

        // No page carries a token it does not need: the header's "Se déconnecter" is a link.
        var home = await client.GetPageAsync("/Messages");
        Assert.NotNull(home.QuerySelector("header a[href='/Account/Logout']"));
        Assert.Null(home.QuerySelector("input[name=__RequestVerificationToken]"));

        // Opening the page signs nobody out.
        var page = await client.GetPageAsync("/Account/Logout");
        Assert.Equal("Se déconnecter", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("a[href='/']"));
        using (var stillIn = await client.GetAsync("/Messages"))
        {
            Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        }

        using var response = await client.PostFormAsync("/Account/Logout", [], formSelector: TestClient.SignOutForm);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        using var signedOut = await client.GetAsync("/Messages");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Contains("/Account/Login", signedOut.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_out_is_refused_without_an_antiforgery_token()
    {
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer35);
        using var response = await client.Http.PostAsync(new Uri("/Account/Logout", UriKind.Relative), new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
