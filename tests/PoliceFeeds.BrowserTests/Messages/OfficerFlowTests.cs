using Microsoft.Playwright;
using PoliceFeeds.BrowserTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.BrowserTests.Messages;

/// <summary>The newcomer's flow: the officer of 44 writes, the validator of 44 approves or rejects.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OfficerFlowTests(BrowserFixture fixture)
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private static async Task<string> ComposeAsync(IPage page, string category, string text, bool withPhoto)
    {
        await page.GotoAsync("/Messages");
        await BrowserFixture.AssertNoSeriousAccessibilityViolationsAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Nouveau message" }).ClickAsync();
        await page.GetByLabel(BrowserFixture.CategoryLabel).SelectOptionAsync(new SelectOptionValue { Label = category });
        var textarea = page.GetByLabel("Texte du message");
        await textarea.FillAsync(text);
        if (withPhoto)
        {
            await page.Locator("#new-photo-0").SetInputFilesAsync(new FilePayload { Name = "chien.png", MimeType = "image/png", Buffer = Png });
            await page.GetByLabel("Description de la photo 1").FillAsync("Le chien renifleur de la brigade, assis");
        }

        return text;
    }

    [BrowserFact]
    public async Task Officer_composes_with_the_live_counter_and_preview_then_validator_approves()
    {
        var officer = await fixture.SharedSessionPageAsync(DemoUsers.Officer44);
        var text = await ComposeAsync(officer, "Disparition inquiétante", "Appel à témoins https://www.police-nationale.interieur.gouv.fr #AppelATémoins " + Guid.NewGuid().ToString("N")[..6], withPhoto: true);

        // twitter-text counts the URL as 23 characters, whatever its length.
        var counter = officer.Locator("#text-counter");
        await Assertions.Expect(counter).ToContainTextAsync("/ 280 caractères");
        var weighted = int.Parse((await counter.GetAttributeAsync("data-weighted-length"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(PoliceFeeds.Core.Text.TweetText.WeightedLength(text), weighted);
        await Assertions.Expect(officer.Locator("[data-post-preview] a", new() { HasText = "#AppelATémoins" })).ToBeVisibleAsync();
        await Assertions.Expect(officer.Locator("[data-post-preview-photos] img[alt='Le chien renifleur de la brigade, assis']")).ToHaveCountAsync(1);
        await BrowserFixture.AssertNoSeriousAccessibilityViolationsAsync(officer);
        await Screenshots.SaveAsync(officer, "compose");

        await officer.GetByRole(AriaRole.Button, new() { Name = "Soumettre" }).ClickAsync();
        await Assertions.Expect(officer.GetByTestId("status")).ToHaveTextAsync("À valider");
        var messageUrl = officer.Url;

        var validator = await fixture.SharedSessionPageAsync(DemoUsers.Validator44);
        await validator.GotoAsync(messageUrl);
        await BrowserFixture.AssertNoSeriousAccessibilityViolationsAsync(validator);
        await validator.GetByRole(AriaRole.Button, new() { Name = "Valider", Exact = true }).ClickAsync();
        await Assertions.Expect(validator.GetByTestId("status")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("Programmé|En cours de publication|Publié"));

        // The publisher posts it to the training timeline within seconds.
        for (var i = 0; i < 40 && await validator.GetByTestId("status").TextContentAsync() != "Publié"; i++)
        {
            await Task.Delay(250);
            await validator.ReloadAsync();
        }

        await Assertions.Expect(validator.GetByTestId("status")).ToHaveTextAsync("Publié");
        await validator.GotoAsync("/Sandbox");
        var post = validator.Locator("[data-sandbox-post]", new() { HasText = text[..40] });
        await Assertions.Expect(post).ToBeVisibleAsync(new() { Timeout = 10_000 });

        // The training timeline shows the photo with its alt text and links the post to its message.
        await Assertions.Expect(post.Locator("img[alt='Le chien renifleur de la brigade, assis']")).ToBeVisibleAsync();
        Assert.True(await post.Locator("img").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the photo does not load");
        await post.GetByTestId("sandbox-message-link").ClickAsync();
        Assert.Equal(messageUrl, validator.Url);
        await validator.GoBackAsync();
        await BrowserFixture.AssertNoSeriousAccessibilityViolationsAsync(validator);
    }

    [BrowserFact]
    public async Task Counter_turns_red_past_280_characters_and_the_server_refuses_in_french()
    {
        var officer = await fixture.SharedSessionPageAsync(DemoUsers.Officer44);
        await ComposeAsync(officer, "Prévention", new string('a', 281), withPhoto: false);

        await Assertions.Expect(officer.Locator("#text-counter")).ToContainTextAsync("trop long de 1 caractères");
        await Assertions.Expect(officer.Locator("#text-counter")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("fr-error-text"));
        await officer.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).ClickAsync();

        await Assertions.Expect(officer.GetByRole(AriaRole.Alert)).ToContainTextAsync("Le texte compte 281 caractères");
        await BrowserFixture.AssertNoSeriousAccessibilityViolationsAsync(officer);
    }

    [BrowserFact]
    public async Task Validator_rejects_with_a_reason_the_author_then_reads()
    {
        var officer = await fixture.SharedSessionPageAsync(DemoUsers.Officer44);
        await ComposeAsync(officer, "Bilan d'affaires judiciaires élucidées", "Bilan de la semaine " + Guid.NewGuid().ToString("N")[..6], withPhoto: false);
        await officer.GetByRole(AriaRole.Button, new() { Name = "Soumettre" }).ClickAsync();
        var messageUrl = officer.Url;

        var validator = await fixture.SharedSessionPageAsync(DemoUsers.Validator44);
        await validator.GotoAsync(messageUrl);
        await validator.GetByLabel("Motif du refus").FillAsync("Chiffres à confirmer avec le parquet.");
        await validator.GetByRole(AriaRole.Button, new() { Name = "Refuser" }).ClickAsync();
        await Assertions.Expect(validator.GetByTestId("status")).ToHaveTextAsync("Refusé");

        await officer.ReloadAsync();
        await Assertions.Expect(officer.GetByTestId("rejection-reason")).ToHaveTextAsync("Chiffres à confirmer avec le parquet.");
        await BrowserFixture.AssertNoSeriousAccessibilityViolationsAsync(officer);
    }
}
