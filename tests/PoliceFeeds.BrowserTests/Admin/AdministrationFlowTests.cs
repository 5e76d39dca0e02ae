using Microsoft.Playwright;
using PoliceFeeds.BrowserTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.BrowserTests.Admin;

[Collection(BrowserCollection.Name)]
public sealed class AdministrationFlowTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task Admin_pauses_and_resumes_a_department()
    {
        var admin = await fixture.SharedSessionPageAsync(DemoUsers.Admin);
        await admin.GotoAsync("/Admin");
        await BrowserFixture.AssertNoSeriousAccessibilityViolationsAsync(admin);

        var row = admin.Locator("tr[data-department='67']");
        await row.GetByPlaceholder("Motif de la suspension").FillAsync("Exercice de crise");
        await row.GetByRole(AriaRole.Button, new() { Name = "Suspendre le 67" }).ClickAsync();
        await Assertions.Expect(admin.Locator("tr[data-department='67'] [data-testid=paused]")).ToBeVisibleAsync();

        await admin.Locator("tr[data-department='67']").GetByRole(AriaRole.Button, new() { Name = "Reprendre le 67" }).ClickAsync();
        await Assertions.Expect(admin.Locator("tr[data-department='67'] [data-testid=paused]")).ToHaveCountAsync(0);
    }

    [BrowserFact]
    public async Task Admin_creates_a_user_who_then_signs_in()
    {
        var admin = await fixture.SharedSessionPageAsync(DemoUsers.Admin);
        await admin.GotoAsync("/Admin/Users/Edit");
        await admin.GetByLabel("Adresse électronique").FillAsync("nouvel.officier@example.fr");
        await admin.GetByLabel("Nom affiché").FillAsync("Nouvel officier");
        await admin.GetByLabel("Officier de communication").CheckAsync(new() { Force = true });
        await admin.GetByLabel("44 Loire-Atlantique").CheckAsync(new() { Force = true });
        await BrowserFixture.AssertNoSeriousAccessibilityViolationsAsync(admin);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        var temporary = (await admin.GetByTestId("temporary-password").TextContentAsync())!;

        var user = await fixture.NewPageAsync();
        await user.GotoAsync("/Account/Login");
        await user.GetByLabel("Adresse électronique").FillAsync("nouvel.officier@example.fr");
        await user.GetByLabel("Mot de passe").FillAsync(temporary);
        await user.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await user.GetByLabel("Mot de passe actuel").FillAsync(temporary);
        await user.GetByLabel("Nouveau mot de passe", new() { Exact = true }).FillAsync("Mot-De-Passe-Choisi-2026");
        await user.GetByLabel("Confirmez le nouveau mot de passe").FillAsync("Mot-De-Passe-Choisi-2026");
        await BrowserFixture.AssertNoSeriousAccessibilityViolationsAsync(user);
        await user.GetByRole(AriaRole.Button, new() { Name = "Changer le mot de passe" }).ClickAsync();

        await Assertions.Expect(user.GetByRole(AriaRole.Heading, new() { Name = "Messages – 44 Loire-Atlantique" })).ToBeVisibleAsync();
    }

    [BrowserFact]
    public async Task Admin_connects_an_account_through_the_fake_X_authorize_page()
    {
        fixture.X.AuthorizingAccount = fixture.X.AddBearerAccount("PoliceNat06_Officiel", "unused-" + Guid.NewGuid());
        var admin = await fixture.SharedSessionPageAsync(DemoUsers.Admin);
        await admin.GotoAsync("/Admin/Accounts/5");
        await BrowserFixture.AssertNoSeriousAccessibilityViolationsAsync(admin);

        await admin.GetByRole(AriaRole.Button, new() { Name = "Connecter le compte X" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Autoriser PoliceFeeds à accéder à votre compte ?" })).ToBeVisibleAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Autoriser l'application" }).ClickAsync();

        await admin.WaitForURLAsync("**/Admin/Accounts/5");
        await Assertions.Expect(admin.GetByTestId("handle")).ToHaveTextAsync("@PoliceNat06_Officiel");
        await Assertions.Expect(admin.GetByTestId("state")).ToHaveTextAsync("Connecté");
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Compte @PoliceNat06_Officiel connecté.");
    }

    [BrowserFact]
    public async Task Admin_reads_the_audit_trail()
    {
        var admin = await fixture.SharedSessionPageAsync(DemoUsers.Admin);
        await admin.GotoAsync("/Admin/Audit");
        await Assertions.Expect(admin.Locator("[data-audit-action='user.created']").First).ToBeVisibleAsync();
        await BrowserFixture.AssertNoSeriousAccessibilityViolationsAsync(admin);
    }

    [BrowserFact]
    public async Task Admin_makes_a_category_require_validation()
    {
        var admin = await fixture.SharedSessionPageAsync(DemoUsers.Admin);
        await admin.GotoAsync("/Admin");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Catégories", Exact = true }).ClickAsync();
        await BrowserFixture.AssertNoSeriousAccessibilityViolationsAsync(admin);

        await admin.Locator("tr[data-category='road-check']").GetByRole(AriaRole.Link).ClickAsync();
        await BrowserFixture.AssertNoSeriousAccessibilityViolationsAsync(admin);
        await admin.GetByLabel("Tout message de cette catégorie doit être validé").CheckAsync(new() { Force = true });
        await admin.GetByLabel("Mots-dièse suggérés").FillAsync("#Contrôle #SécuritéRoutière");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();

        var row = admin.Locator("tr[data-category='road-check']");
        await Assertions.Expect(row).ToContainTextAsync("#Contrôle #SécuritéRoutière");
        await Assertions.Expect(row).ToContainTextAsync("Oui");
    }
}
