using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PoliceFeeds.BrowserTests.Infrastructure;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Web.Startup;

namespace PoliceFeeds.BrowserTests.Messages;

/// <summary>
/// Department 67 publishes on X, Bluesky and Mastodon (their training timelines): the officer composes one message for
/// the three, with a shorter text for Bluesky, a validator approves it once, it shows on the three timelines, and the
/// validator takes it down from all three.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ThreeNetworksFlowTests(BrowserFixture fixture)
{
    private const int Department67 = 4;

    [BrowserFact]
    public async Task One_message_composed_for_three_networks_is_validated_once_published_on_each_and_taken_down_from_all()
    {
        await AddTrainingAccountsAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var text = $"Bilan de l'opération de sécurisation du centre-ville de Strasbourg : 12 interpellations ({tag}).";
        var blueskyText = $"Opération de sécurisation à Strasbourg : 12 interpellations ({tag}).";

        var officer = await fixture.SharedSessionPageAsync(UserSeeder.DemoOfficerEmail("67"));
        await officer.GotoAsync("/Messages/Edit?departmentId=" + Department67);
        await officer.GetByLabel(BrowserFixture.CategoryLabel).SelectOptionAsync(new SelectOptionValue { Label = "Bilan d'affaires judiciaires élucidées" });

        // The three accounts are ticked by default; each network counts the text it will post.
        await Assertions.Expect(officer.Locator("input[name='Input.TargetAccountIds']:checked")).ToHaveCountAsync(3);
        await officer.GetByLabel("Texte du message").FillAsync(text);
        await officer.Locator("#variants summary").ClickAsync();
        await officer.GetByLabel("Texte pour Bluesky").FillAsync(blueskyText);
        await Assertions.Expect(officer.Locator("[data-network-count='Bluesky']")).ToHaveTextAsync($"Bluesky : {blueskyText.Length} / 300");
        await Assertions.Expect(officer.Locator("[data-network-count='Mastodon']")).ToHaveTextAsync($"Mastodon : {text.Length} / 500");
        await BrowserFixture.AssertNoSeriousAccessibilityViolationsAsync(officer);
        await Screenshots.SaveAsync(officer, "compose-three-networks");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Soumettre" }).ClickAsync();
        await Assertions.Expect(officer.GetByTestId("status")).ToHaveTextAsync("À valider");
        var url = officer.Url;

        var validator = await fixture.SharedSessionPageAsync(UserSeeder.DemoValidatorEmail("67"));
        await validator.GotoAsync(url);
        await Assertions.Expect(validator.Locator("[data-testid=variant-text][data-network=Bluesky]")).ToHaveTextAsync(blueskyText);
        await validator.GetByRole(AriaRole.Button, new() { Name = "Valider", Exact = true }).ClickAsync();
        await WaitForStatusAsync(validator, "Publié");
        await validator.GotoAsync("/Sandbox?departmentId=" + Department67);
        var posts = validator.Locator("[data-sandbox-post]", new() { HasText = tag });
        await Assertions.Expect(posts).ToHaveCountAsync(3);
        await Assertions.Expect(validator.Locator("[data-sandbox-post]", new() { HasText = blueskyText })).ToHaveCountAsync(1);

        await validator.GotoAsync(url);
        await validator.GetByLabel("Motif du retrait (obligatoire)").FillAsync("Erreur dans le bilan");
        await validator.GetByRole(AriaRole.Button, new() { Name = "Retirer le post de X" }).ClickAsync();
        await WaitForStatusAsync(validator, "Retiré de X");
        await validator.GotoAsync("/Sandbox?departmentId=" + Department67);
        await Assertions.Expect(validator.Locator("[data-sandbox-post]", new() { HasText = tag })).ToHaveCountAsync(0);
    }

    private static async Task WaitForStatusAsync(IPage page, string status)
    {
        for (var i = 0; i < 60 && await page.GetByTestId("status").TextContentAsync() != status; i++)
        {
            await Task.Delay(250);
            await page.ReloadAsync();
        }

        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync(status);
    }

    private async Task AddTrainingAccountsAsync()
    {
        await using var scope = fixture.Factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        if (await db.PublishingAccounts.AnyAsync(a => a.DepartmentId == Department67 && a.Network != PublishingNetwork.X))
        {
            return;
        }

        db.PublishingAccounts.AddRange(
            new PublishingAccount { DepartmentId = Department67, Network = PublishingNetwork.Bluesky, Handle = "police67.bsky.social", Mode = AccountMode.Sandbox },
            new PublishingAccount { DepartmentId = Department67, Network = PublishingNetwork.Mastodon, Handle = "police67", Mode = AccountMode.Sandbox });
        await db.SaveChangesAsync();
    }
}
