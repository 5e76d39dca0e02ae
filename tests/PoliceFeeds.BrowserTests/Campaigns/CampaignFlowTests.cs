using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PoliceFeeds.BrowserTests.Infrastructure;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.SensitiveWords;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.BrowserTests.Campaigns;

/// <summary>
/// A national campaign as people click it: the admin creates it, an officer finds the draft on the home, rewrites it
/// (a sensitive word typed in it turns the notice to "validation" at once, naming the word) and submits it; the
/// campaign page follows.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CampaignFlowTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task An_admin_creates_a_campaign_an_officer_adapts_it_and_a_sensitive_word_sends_it_to_validation()
    {
        var marker = new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).ToArray());
        var word = "saisie" + marker;
        await using (var scope = fixture.Factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
            var adminId = await db.Users.Where(u => u.Email == DemoUsers.Admin).Select(u => u.Id).SingleAsync();
            db.SensitiveWords.Add(new SensitiveWord { Phrase = word, Key = SensitiveWordMatcher.Key(word), CreatedById = adminId, CreatedAtUtc = fixture.Factory.UtcNow });
            await db.SaveChangesAsync();
        }

        var title = "Tranquillité vacances " + marker;
        var admin = await fixture.SharedSessionPageAsync(DemoUsers.Admin);
        await admin.GotoAsync("/Campaigns");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Nouvelle campagne" }).ClickAsync();
        await admin.GetByLabel("Titre").FillAsync(title);
        await admin.GetByLabel("Catégorie").SelectOptionAsync(new SelectOptionValue { Label = "Prévention" });
        await admin.GetByLabel("Texte proposé").FillAsync("Partez l'esprit tranquille : inscrivez-vous à l'opération tranquillité vacances.");
        await admin.Locator($"label[for=department-{DemoUsers.Department44}]").ClickAsync();
        await admin.Locator($"label[for=department-{DemoUsers.Department35}]").ClickAsync();
        await admin.GetByTestId("create-campaign").ClickAsync();
        await admin.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/Campaigns/\d+$"));
        var campaignUrl = new Uri(admin.Url).PathAndQuery;
        await Assertions.Expect(admin.Locator("tr[data-department='44']")).ToContainTextAsync("À adapter");
        await BrowserFixture.AssertNoSeriousAccessibilityViolationsAsync(admin);

        var officer = await fixture.SharedSessionPageAsync(DemoUsers.Officer44);
        await officer.GotoAsync($"/Messages?departmentId={DemoUsers.Department44}");
        await officer.GetByTestId("campaign-drafts").GetByRole(AriaRole.Link, new() { Name = $"Campagne nationale : à adapter – {title}" }).ClickAsync();
        await Assertions.Expect(officer.GetByTestId("campaign-banner")).ToContainTextAsync(title);
        var outcome = officer.GetByTestId("submit-outcome");
        await Assertions.Expect(outcome).Not.ToContainTextAsync("validateur");

        await officer.GetByLabel("Texte du message").FillAsync($"Loire-Atlantique : avant les vacances, signalez votre départ. Belle {word} hier.");
        await Assertions.Expect(outcome).ToContainTextAsync("validateur");
        await Assertions.Expect(officer.GetByTestId("sensitive-words")).ToContainTextAsync(word);
        await BrowserFixture.AssertNoSeriousAccessibilityViolationsAsync(officer);
        await officer.GetByRole(AriaRole.Button, new() { Name = "Soumettre", Exact = true }).ClickAsync();
        await officer.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/Messages/\d+$"));

        await using (var scope = fixture.Factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
            var relay = await db.Messages.AsNoTracking().SingleAsync(m => m.Text.Contains(word));
            Assert.Equal((MessageStatus.Submitted, word), (relay.Status, relay.SensitiveWordsFound));
        }

        await admin.GotoAsync(campaignUrl);
        await Assertions.Expect(admin.Locator("tr[data-department='44']")).ToContainTextAsync("En attente de validation");
        await Assertions.Expect(admin.Locator("tr[data-department='35']")).ToContainTextAsync("À adapter");
        await officer.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }
}
