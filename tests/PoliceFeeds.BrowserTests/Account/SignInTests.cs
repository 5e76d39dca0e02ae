using Microsoft.Playwright;
using PoliceFeeds.BrowserTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.BrowserTests.Account;

[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task Sign_in_page_is_in_french_and_accessible()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/Account/Login");

        Assert.Equal("fr", await page.Locator("html").GetAttributeAsync("lang"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Connexion" })).ToBeVisibleAsync();
        await BrowserFixture.AssertNoSeriousAccessibilityViolationsAsync(page);
    }

    [BrowserFact]
    public async Task Wrong_password_shows_a_french_message()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Adresse électronique").FillAsync(DemoUsers.Officer35);
        await page.GetByLabel("Mot de passe").FillAsync("mauvais mot de passe");
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Adresse électronique ou mot de passe incorrect.");
        await BrowserFixture.AssertNoSeriousAccessibilityViolationsAsync(page);
    }

    [BrowserFact]
    public async Task Signed_in_admin_can_sign_out()
    {
        var page = await fixture.SignedInPageAsync(DemoUsers.Admin);
        await page.GetByRole(AriaRole.Link, new() { Name = "Se déconnecter" }).ClickAsync();

        // The link only asks: the page's button signs out.
        await page.WaitForURLAsync("**/Account/Logout");
        await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await page.WaitForURLAsync("**/Account/Login");
        await page.GotoAsync("/");
        Assert.Contains("/Account/Login", page.Url, StringComparison.Ordinal);
    }
}
