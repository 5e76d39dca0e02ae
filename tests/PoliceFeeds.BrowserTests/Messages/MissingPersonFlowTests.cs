using Microsoft.Playwright;
using PoliceFeeds.BrowserTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.BrowserTests.Messages;

/// <summary>An officer of 62 publishes an appeal, marks the person found, and the thank-you goes out after validation.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MissingPersonFlowTests(BrowserFixture fixture)
{
    private static async Task WaitForStatusAsync(IPage page, string status)
    {
        for (var i = 0; i < 60 && await page.GetByTestId("status").TextContentAsync() != status; i++)
        {
            await Task.Delay(250);
            await page.ReloadAsync();
        }

        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync(status);
    }

    [BrowserFact]
    public async Task Marking_an_appeal_found_takes_the_post_down_and_the_thank_you_is_published_after_validation()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var appealText = $"Appel à témoins : Camille, 16 ans, disparue à Lens ({tag}). Contactez le 17.";
        var officer = await fixture.SharedSessionPageAsync(DemoUsers.Officer62);
        await officer.GotoAsync("/Messages/Edit?departmentId=" + DemoUsers.Department62);
        await officer.GetByLabel(BrowserFixture.CategoryLabel).SelectOptionAsync(new SelectOptionValue { Label = "Disparition inquiétante" });
        await officer.GetByLabel("Texte du message").FillAsync(appealText);
        await officer.GetByRole(AriaRole.Button, new() { Name = "Soumettre" }).ClickAsync();
        await Assertions.Expect(officer.GetByTestId("status")).ToHaveTextAsync("À valider");
        var appealUrl = officer.Url;

        var validator = await fixture.SharedSessionPageAsync(DemoUsers.Validator62);
        await validator.GotoAsync(appealUrl);
        await validator.GetByRole(AriaRole.Button, new() { Name = "Valider", Exact = true }).ClickAsync();
        await WaitForStatusAsync(validator, "Publié");
        await validator.GotoAsync("/Sandbox?departmentId=" + DemoUsers.Department62);
        await Assertions.Expect(validator.Locator("[data-sandbox-post]", new() { HasText = tag })).ToHaveCountAsync(1);

        // The author marks the person found and prepares the thank-you (checked by default once published).
        await officer.GotoAsync(appealUrl);
        await BrowserFixture.AssertNoSeriousAccessibilityViolationsAsync(officer);
        await Screenshots.SaveAsync(officer, "appeal-person-found");
        await Assertions.Expect(officer.GetByLabel("Préparer un message de remerciement (sans le nom de la personne, soumis à validation)")).ToBeCheckedAsync();
        await officer.GetByRole(AriaRole.Button, new() { Name = "Personne retrouvée" }).ClickAsync();

        // A confirmation says what will happen before anything does.
        var confirmation = officer.GetByRole(AriaRole.Dialog, new() { Name = "La personne a été retrouvée ?" });
        await Assertions.Expect(confirmation).ToContainTextAsync("Le post sera supprimé de X dans quelques secondes.");
        await BrowserFixture.WaitForOpenModalAsync(officer);
        await BrowserFixture.AssertNoSeriousAccessibilityViolationsAsync(officer);
        await Screenshots.SaveAsync(officer, "message-confirm-found");
        await confirmation.GetByRole(AriaRole.Button, new() { Name = "Oui, la personne est retrouvée" }).ClickAsync();

        await Assertions.Expect(officer.GetByTestId("follow-up-of")).ToContainTextAsync("N'y mettez pas le nom de la personne");
        await Assertions.Expect(officer.GetByTestId("flash")).ToContainTextAsync("Le post va être retiré de X dans quelques secondes.");
        await Assertions.Expect(officer.GetByLabel("Texte du message")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^La personne qui faisait l'objet de notre appel"));
        await BrowserFixture.AssertNoSeriousAccessibilityViolationsAsync(officer);
        await officer.GetByRole(AriaRole.Button, new() { Name = "Soumettre" }).ClickAsync();
        await Assertions.Expect(officer.GetByTestId("status")).ToHaveTextAsync("À valider");
        var thanksUrl = officer.Url;

        // The appeal's post leaves the training timeline within seconds.
        await validator.GotoAsync(appealUrl);
        await WaitForStatusAsync(validator, "Retiré de X");
        await Assertions.Expect(validator.GetByTestId("found-at")).ToBeVisibleAsync();
        await validator.GotoAsync("/Sandbox?departmentId=" + DemoUsers.Department62);
        await Assertions.Expect(validator.Locator("[data-sandbox-post]", new() { HasText = tag })).ToHaveCountAsync(0);

        await validator.GotoAsync(thanksUrl);
        await Assertions.Expect(validator.GetByTestId("thread-parent")).ToContainTextAsync("Remerciement après l'avis");
        await validator.GetByRole(AriaRole.Button, new() { Name = "Valider", Exact = true }).ClickAsync();
        await WaitForStatusAsync(validator, "Publié");
        await validator.GotoAsync("/Sandbox?departmentId=" + DemoUsers.Department62);
        await Assertions.Expect(validator.Locator("[data-sandbox-post]", new() { HasText = "La personne qui faisait l'objet de notre appel" }).First).ToBeVisibleAsync();
        await BrowserFixture.AssertNoSeriousAccessibilityViolationsAsync(validator);
    }
}
