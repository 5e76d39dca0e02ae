using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PoliceFeeds.BrowserTests.Infrastructure;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.BrowserTests.Messages;

/// <summary>The frictions an officer met on the compose and message pages, as a person clicks them.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ComposeFrictionTests(BrowserFixture fixture)
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private async Task SetModeAsync(int departmentId, AccountMode mode)
    {
        await using var scope = fixture.Factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        await db.PublishingAccounts.Where(a => a.DepartmentId == departmentId).ExecuteUpdateAsync(s => s.SetProperty(a => a.Mode, mode));
    }

    private async Task<int> CountAsync(string text)
    {
        await using var scope = fixture.Factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        return await db.Messages.CountAsync(m => m.Text == text);
    }

    [BrowserFact]
    public async Task The_page_says_what_submit_will_do_and_asks_before_publishing_at_once_on_a_live_account()
    {
        await SetModeAsync(DemoUsers.Department35, AccountMode.Live);
        try
        {
            var officer = await fixture.SharedSessionPageAsync(DemoUsers.Officer35);
            await officer.GotoAsync($"/Messages/Edit?departmentId={DemoUsers.Department35}");
            var outcome = officer.GetByTestId("submit-outcome");
            var date = officer.Locator("#Input_ScheduledLocal");

            await officer.GetByLabel(BrowserFixture.CategoryLabel).SelectOptionAsync(new SelectOptionValue { Label = "Disparition inquiétante" });
            await Assertions.Expect(outcome).ToContainTextAsync("envoie le message à un validateur du département");
            await Assertions.Expect(officer.Locator("label[for=schedule-asap]")).ToHaveTextAsync("Dès la validation");

            await officer.GetByLabel(BrowserFixture.CategoryLabel).SelectOptionAsync(new SelectOptionValue { Label = "Prévention" });
            await Assertions.Expect(outcome).ToContainTextAsync("publie le message sur le compte X réel @PoliceNat35");
            await Assertions.Expect(officer.Locator("label[for=schedule-asap]")).ToHaveTextAsync("Dès que possible");
            await Assertions.Expect(officer.GetByText("Date et heure (heure de Paris)")).ToBeVisibleAsync();

            // The date only applies to "at a given time".
            await Assertions.Expect(date).ToBeDisabledAsync();
            await officer.Locator("label[for=schedule-at]").ClickAsync();
            await Assertions.Expect(date).ToBeEnabledAsync();
            await officer.Locator("label[for=schedule-asap]").ClickAsync();
            await Assertions.Expect(date).ToBeDisabledAsync();

            var text = "Conseils de prévention " + Guid.NewGuid().ToString("N")[..8];
            await officer.GetByLabel("Texte du message").FillAsync(text);
            await officer.GetByRole(AriaRole.Button, new() { Name = "Soumettre", Exact = true }).ClickAsync();
            var dialog = officer.GetByRole(AriaRole.Dialog, new() { Name = "Publier sur le compte X réel ?" });
            await Assertions.Expect(dialog).ToBeVisibleAsync();
            await Assertions.Expect(dialog).ToContainTextAsync("visible de tous");
            await BrowserFixture.WaitForOpenModalAsync(officer);
            await BrowserFixture.AssertNoSeriousAccessibilityViolationsAsync(officer);
            await Screenshots.SaveAsync(officer, "compose-confirm-live");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Revenir au message" }).ClickAsync();
            await Assertions.Expect(dialog).Not.ToBeVisibleAsync();
            Assert.Contains("/Messages/Edit", officer.Url, StringComparison.Ordinal);
            Assert.Equal(0, await CountAsync(text));

            // "Soumettre et publier" posts the confirmation the server requires: the message is submitted.
            await officer.GetByRole(AriaRole.Button, new() { Name = "Soumettre", Exact = true }).ClickAsync();
            await Assertions.Expect(dialog).ToBeVisibleAsync();
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Soumettre et publier" }).ClickAsync();
            await officer.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/Messages/\d+$"));
            Assert.Equal(1, await CountAsync(text));
            await officer.Context.CloseAsync();
        }
        finally
        {
            await SetModeAsync(DemoUsers.Department35, AccountMode.Sandbox);
        }
    }

    [BrowserFact]
    public async Task Photos_survive_a_refused_form_and_errors_sit_beside_their_field()
    {
        var officer = await fixture.SharedSessionPageAsync(DemoUsers.Officer44);
        await officer.GotoAsync($"/Messages/Edit?departmentId={DemoUsers.Department44}");
        await officer.GetByLabel(BrowserFixture.CategoryLabel).SelectOptionAsync(new SelectOptionValue { Label = "Prévention" });
        await officer.Locator("#new-photo-0").SetInputFilesAsync(new FilePayload { Name = "chien.png", MimeType = "image/png", Buffer = Png });
        await officer.GetByLabel("Description de la photo 1").FillAsync("Le chien de la brigade");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).ClickAsync();

        await Assertions.Expect(officer.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await Assertions.Expect(officer.Locator("#Input_Text-error")).ToBeVisibleAsync();
        await Assertions.Expect(officer.Locator("#Input_Text")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(officer.GetByTestId("pending-photo")).ToHaveTextAsync("Photo gardée : chien.png");
        await BrowserFixture.AssertNoSeriousAccessibilityViolationsAsync(officer);
        await Screenshots.SaveAsync(officer, "compose-errors");

        var text = "Prévention avec photo " + Guid.NewGuid().ToString("N")[..8];
        await officer.GetByLabel("Texte du message").FillAsync(text);
        await officer.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).ClickAsync();
        await Assertions.Expect(officer.GetByTestId("status")).ToHaveTextAsync("Brouillon");
        await Assertions.Expect(officer.Locator("figure img[alt='Le chien de la brigade']")).ToHaveCountAsync(1);
        await officer.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Cancelling_a_message_asks_for_confirmation_with_its_consequences()
    {
        var officer = await fixture.SharedSessionPageAsync(DemoUsers.Officer44);
        await officer.GotoAsync($"/Messages/Edit?departmentId={DemoUsers.Department44}");
        await officer.GetByLabel(BrowserFixture.CategoryLabel).SelectOptionAsync(new SelectOptionValue { Label = "Vie du service" });
        await officer.GetByLabel("Texte du message").FillAsync("Journée portes ouvertes " + Guid.NewGuid().ToString("N")[..8]);
        await officer.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).ClickAsync();
        await Assertions.Expect(officer.GetByTestId("status")).ToHaveTextAsync("Brouillon");

        var open = officer.Locator("#cancel-form").GetByRole(AriaRole.Button, new() { Name = "Annuler le message" });
        await open.ClickAsync();
        var dialog = officer.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("Le message ne sera pas publié");
        await BrowserFixture.WaitForOpenModalAsync(officer);
        await BrowserFixture.AssertNoSeriousAccessibilityViolationsAsync(officer);
        await Screenshots.SaveAsync(officer, "message-confirm-cancel");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Revenir sans rien changer" }).ClickAsync();
        await Assertions.Expect(dialog).Not.ToBeVisibleAsync();
        await Assertions.Expect(officer.GetByTestId("status")).ToHaveTextAsync("Brouillon");

        // With the keyboard: the button opens the dialog, the confirmation takes the focus path.
        await open.FocusAsync();
        await officer.Keyboard.PressAsync("Enter");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Annuler le message" }).FocusAsync();
        await officer.Keyboard.PressAsync("Enter");
        await Assertions.Expect(officer.GetByTestId("status")).ToHaveTextAsync("Annulé");
        await officer.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Without_javascript_cancelling_still_asks_for_confirmation_and_only_its_button_cancels()
    {
        var officer = await fixture.SharedSessionPageAsync(DemoUsers.Officer35, javaScript: false);
        await officer.GotoAsync($"/Messages/Edit?departmentId={DemoUsers.Department35}");
        await officer.GetByLabel(BrowserFixture.CategoryLabel).SelectOptionAsync(new SelectOptionValue { Label = "Vie du service" });
        await officer.GetByLabel("Texte du message").FillAsync("Cérémonie de la Sainte-Geneviève " + Guid.NewGuid().ToString("N")[..8]);
        await officer.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).ClickAsync();
        await Assertions.Expect(officer.GetByTestId("status")).ToHaveTextAsync("Brouillon");
        var messageUrl = officer.Url;

        // The button that only opens a modal with a script is hidden; the one that stands in asks the server.
        var cancel = officer.Locator("#cancel-form").GetByRole(AriaRole.Button, new() { Name = "Annuler le message" });
        await Assertions.Expect(cancel).ToHaveCountAsync(1);
        await cancel.ClickAsync();
        var dialog = officer.GetByRole(AriaRole.Dialog, new() { Name = "Annuler le message n°" });
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(dialog).ToContainTextAsync("Le message ne sera pas publié");
        await Assertions.Expect(officer.GetByTestId("status")).ToHaveTextAsync("Brouillon");

        // Going back changes nothing; confirming cancels.
        await dialog.GetByRole(AriaRole.Link, new() { Name = "Revenir sans rien changer" }).ClickAsync();
        await Assertions.Expect(officer.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Assertions.Expect(officer.GetByTestId("status")).ToHaveTextAsync("Brouillon");
        Assert.Equal(messageUrl, officer.Url);
        await officer.Locator("#cancel-form").GetByRole(AriaRole.Button, new() { Name = "Annuler le message" }).ClickAsync();
        await officer.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Annuler le message" }).ClickAsync();
        await Assertions.Expect(officer.GetByTestId("status")).ToHaveTextAsync("Annulé");
        await officer.Context.CloseAsync();
    }
}
