using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Campaigns;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Messages;
using PoliceFeeds.IntegrationTests.Officer;
using PoliceFeeds.IntegrationTests.SensitiveWords;

namespace PoliceFeeds.IntegrationTests.Campaigns;

/// <summary>
/// National campaigns: a national admin creates one for three departments, each receives a draft it relays in its own
/// words through its usual validation; an identical text is refused; a department declines; the campaign page follows.
/// </summary>
public sealed class CampaignTests : IClassFixture<PoliceFeedsAppFactory>
{
    private static readonly int[] Targets = [DemoUsers.Department44, DemoUsers.Department35, DemoUsers.Department62];

    private readonly PoliceFeedsAppFactory _factory;

    public CampaignTests(PoliceFeedsAppFactory factory)
    {
        _factory = factory;
        _factory.Settings["Publishing:RunHostedService"] = "false";
    }

    private async Task<(int CampaignId, Dictionary<int, long> Drafts)> CreateCampaignAsync(string title, string text = "Partez en vacances l'esprit tranquille : inscrivez-vous à l'opération tranquillité vacances.")
    {
        using var admin = _factory.CreateTestClient();
        await admin.SignInAsync(DemoUsers.Admin);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(_factory.Now, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).DateTime);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Input.Title", title), new("Input.CategoryId", MessageTestData.Prevention.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Input.Text", text), new("Input.StartsOn", today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            new("Input.EndsOn", today.AddDays(20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        };
        fields.AddRange(Targets.Select(t => new KeyValuePair<string, string>("Input.DepartmentIds", t.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        using var response = await admin.PostFormAsync("/Campaigns/Edit", fields, formSelector: "#campaign-form");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var campaignId = int.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);

        await using var scope = _factory.CreateScope();
        var drafts = await scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>().CampaignDepartments.AsNoTracking()
            .Where(d => d.CampaignId == campaignId).ToDictionaryAsync(d => d.DepartmentId, d => d.MessageId!.Value);
        return (campaignId, drafts);
    }

    private static async Task<HttpResponseMessage> RelayAsync(TestClient officer, Message draft, string text) =>
        await officer.EditAsync(draft.Id, OfficerTestData.EditForm(draft, text), "Submit");

    private async Task<TestClient> SignedInAsync(string email)
    {
        var client = _factory.CreateTestClient();
        await client.SignInAsync(email);
        return client;
    }

    private async Task<IHtmlDocument> CampaignPageAsync(int campaignId)
    {
        using var admin = await SignedInAsync(DemoUsers.Admin);
        return await admin.GetPageAsync($"/Campaigns/{campaignId}");
    }

    private static string? StatusOf(IHtmlDocument page, string code) => page.QuerySelector($"tr[data-department='{code}']")?.GetAttribute("data-relay-status");

    [Fact]
    public async Task Three_departments_receive_a_draft_each_relay_it_in_their_own_words_and_the_campaign_page_follows()
    {
        var (campaignId, drafts) = await CreateCampaignAsync("OTV " + Guid.NewGuid().ToString("N")[..6]);

        Assert.Equal(Targets.Order(), drafts.Keys.Order());
        foreach (var (department, id) in drafts)
        {
            var draft = await MessageTestData.LoadAsync(_factory, id);
            Assert.Equal((department, MessageStatus.Draft, campaignId), (draft.DepartmentId, draft.Status, draft.CampaignId));
        }

        var page = await CampaignPageAsync(campaignId);
        Assert.All(["44", "35", "62"], code => Assert.Equal(nameof(CampaignRelayStatus.ToAdapt), StatusOf(page, code)));

        using var officer44 = await SignedInAsync(DemoUsers.Officer44);
        var home = await officer44.GetPageAsync($"/Messages?departmentId={DemoUsers.Department44}");
        Assert.NotNull(home.QuerySelector($"[data-testid=campaign-drafts] [data-campaign-draft='{drafts[DemoUsers.Department44]}'] a[href='/Messages/Edit/{drafts[DemoUsers.Department44]}']"));
        Assert.Contains("à adapter", home.QuerySelector("[data-testid=campaign-drafts]")!.TextContent, StringComparison.Ordinal);

        var texts = new Dictionary<int, (string Officer, string Text)>
        {
            [DemoUsers.Department44] = (DemoUsers.Officer44, "Vous partez ? La police de Loire-Atlantique veille sur votre logement : inscrivez-vous à l'OTV."),
            [DemoUsers.Department35] = (DemoUsers.Officer35, "Vacances en vue : en Ille-et-Vilaine, signalez votre absence au commissariat, on passe surveiller."),
            [DemoUsers.Department62] = (DemoUsers.Officer62, "Pas-de-Calais : avant de partir, pensez à l'opération tranquillité vacances, c'est gratuit."),
        };
        foreach (var (department, (email, text)) in texts)
        {
            using var officer = await SignedInAsync(email);
            using var response = await RelayAsync(officer, await MessageTestData.LoadAsync(_factory, drafts[department]), text);
            Assert.Equal($"/Messages/{drafts[department]}", response.Headers.Location?.OriginalString);
        }

        foreach (var (department, id) in drafts)
        {
            var relay = await MessageTestData.LoadAsync(_factory, id);
            Assert.Equal((MessageStatus.Approved, texts[department].Text), (relay.Status, relay.Text));
        }

        page = await CampaignPageAsync(campaignId);
        Assert.All(["44", "35", "62"], code => Assert.Equal(nameof(CampaignRelayStatus.Scheduled), StatusOf(page, code)));
        Assert.NotNull(page.QuerySelector($"tr[data-department='44'] a[href='/Messages/{drafts[DemoUsers.Department44]}']"));
    }

    [Fact]
    public async Task A_text_identical_to_another_departments_relay_once_normalised_is_refused_in_french_and_changes_nothing()
    {
        var (_, drafts) = await CreateCampaignAsync("Identique " + Guid.NewGuid().ToString("N")[..6]);
        using var officer44 = await SignedInAsync(DemoUsers.Officer44);
        using var first = await RelayAsync(officer44, await MessageTestData.LoadAsync(_factory, drafts[DemoUsers.Department44]), "Fermez vos portes à clé avant de partir. #OTV https://www.interieur.gouv.fr/otv");
        Assert.Equal(MessageStatus.Approved, (await MessageTestData.LoadAsync(_factory, drafts[DemoUsers.Department44])).Status);

        using var officer35 = await SignedInAsync(DemoUsers.Officer35);
        var draft35 = await MessageTestData.LoadAsync(_factory, drafts[DemoUsers.Department35]);
        using var refused = await RelayAsync(officer35, draft35, "  FERMEZ vos portes a clé   avant de partir. #Police35 ");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var errors = string.Join(" ", await MessageTestData.ErrorsAsync(refused));
        Assert.Contains("identique", errors, StringComparison.Ordinal);
        Assert.Contains("44", errors, StringComparison.Ordinal);
        Assert.Contains("X refuse", errors, StringComparison.Ordinal);
        var unchanged = await MessageTestData.LoadAsync(_factory, draft35.Id);
        Assert.Equal((MessageStatus.Draft, draft35.Text, draft35.Version), (unchanged.Status, unchanged.Text, unchanged.Version));

        // From the message page too, once saved as a draft with that text.
        using var saved = await officer35.EditAsync(draft35.Id, OfficerTestData.EditForm(unchanged, "Fermez vos portes à clé avant de partir."));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using var fromPage = await officer35.ActAsync(draft35.Id, "Submit");
        Assert.Contains("identique", string.Join(" ", await MessageTestData.ErrorsAsync(fromPage)), StringComparison.Ordinal);
        Assert.Equal(MessageStatus.Draft, (await MessageTestData.LoadAsync(_factory, draft35.Id)).Status);

        using var own = await RelayAsync(officer35, await MessageTestData.LoadAsync(_factory, draft35.Id), "Avant de partir, fermez bien portes et fenêtres à clé.");
        Assert.Equal(MessageStatus.Approved, (await MessageTestData.LoadAsync(_factory, draft35.Id)).Status);
    }

    [Fact]
    public async Task A_department_declines_with_a_reason_its_draft_is_cancelled_and_the_campaign_page_says_why()
    {
        var (campaignId, drafts) = await CreateCampaignAsync("Décliner " + Guid.NewGuid().ToString("N")[..6]);
        var id = drafts[DemoUsers.Department62];
        using var officer62 = await SignedInAsync(DemoUsers.Officer62);
        var details = await officer62.GetPageAsync($"/Messages/{id}");
        Assert.NotNull(details.QuerySelector($"[data-testid=campaign-banner] a[href='/Campaigns/Decline/{id}']"));

        using var noReason = await officer62.PostFormAsync($"/Campaigns/Decline/{id}", [new("Reason", " ")]);
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("Indiquez pourquoi", string.Join(" ", await MessageTestData.ErrorsAsync(noReason)), StringComparison.Ordinal);
        Assert.Equal(MessageStatus.Draft, (await MessageTestData.LoadAsync(_factory, id)).Status);

        using var declined = await officer62.PostFormAsync($"/Campaigns/Decline/{id}", [new("Reason", "Campagne locale déjà en cours")]);
        Assert.Equal($"/Messages/{id}", declined.Headers.Location?.OriginalString);
        Assert.Equal(MessageStatus.Cancelled, (await MessageTestData.LoadAsync(_factory, id)).Status);

        var page = await CampaignPageAsync(campaignId);
        Assert.Equal(nameof(CampaignRelayStatus.Declined), StatusOf(page, "62"));
        Assert.Equal("Campagne locale déjà en cours", page.QuerySelector("tr[data-department='62'] [data-testid=decline-reason]")!.TextContent.Trim());
        Assert.Equal(nameof(CampaignRelayStatus.ToAdapt), StatusOf(page, "44"));
    }

    [Fact]
    public async Task Officers_see_only_their_own_departments_draft_and_cannot_create_nor_follow_campaigns()
    {
        var (campaignId, drafts) = await CreateCampaignAsync("Droits " + Guid.NewGuid().ToString("N")[..6]);
        using var officer35 = await SignedInAsync(DemoUsers.Officer35);

        var ownHome = await officer35.GetPageAsync($"/Messages?departmentId={DemoUsers.Department35}");
        var listed = ownHome.QuerySelectorAll("[data-campaign-draft]").Select(e => e.GetAttribute("data-campaign-draft")).ToList();
        Assert.Contains(drafts[DemoUsers.Department35].ToString(System.Globalization.CultureInfo.InvariantCulture), listed);
        Assert.DoesNotContain(drafts[DemoUsers.Department44].ToString(System.Globalization.CultureInfo.InvariantCulture), listed);

        foreach (var url in new[] { $"/Messages/{drafts[DemoUsers.Department44]}", $"/Messages/Edit/{drafts[DemoUsers.Department44]}", $"/Campaigns/Decline/{drafts[DemoUsers.Department44]}" })
        {
            using var other = await officer35.GetAsync(url);
            Assert.True(other.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{url}: {(int)other.StatusCode}");
        }

        var token = await officer35.AntiforgeryTokenAsync();
        using var forgedDecline = await officer35.Http.PostAsync(new Uri($"/Campaigns/Decline/{drafts[DemoUsers.Department44]}", UriKind.Relative),
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Reason", "forgé")]));
        Assert.Equal(HttpStatusCode.NotFound, forgedDecline.StatusCode);
        Assert.Equal(MessageStatus.Draft, (await MessageTestData.LoadAsync(_factory, drafts[DemoUsers.Department44])).Status);

        foreach (var who in new[] { DemoUsers.Officer44, DemoUsers.Validator44 })
        {
            using var client = await SignedInAsync(who);
            foreach (var url in new[] { "/Campaigns", "/Campaigns/Edit", $"/Campaigns/{campaignId}" })
            {
                using var response = await client.GetAsync(url);
                await SensitiveWordTests.AssertForbiddenAsync(client, response);
            }

            var before = await CampaignCountAsync();
            var forgeToken = await client.AntiforgeryTokenAsync();
            using var forged = await client.Http.PostAsync(new Uri("/Campaigns/Edit", UriKind.Relative), new FormUrlEncodedContent(
                [new("__RequestVerificationToken", forgeToken), new("Input.Title", "Forgée"), new("Input.CategoryId", "1"), new("Input.Text", "Forgée"),
                 new("Input.StartsOn", "2026-12-07"), new("Input.EndsOn", "2026-12-31"), new("Input.DepartmentIds", "1")]));
            await SensitiveWordTests.AssertForbiddenAsync(client, forged);
            Assert.Equal(before, await CampaignCountAsync());
        }
    }

    [Fact]
    public async Task A_campaign_without_departments_or_with_an_end_before_its_start_is_refused_in_french()
    {
        using var admin = await SignedInAsync(DemoUsers.Admin);
        var before = await CampaignCountAsync();

        using var response = await admin.PostFormAsync("/Campaigns/Edit",
            [new("Input.Title", "Sans cible"), new("Input.CategoryId", "1"), new("Input.Text", "Un texte"), new("Input.StartsOn", "2026-12-20"), new("Input.EndsOn", "2026-12-10")],
            formSelector: "#campaign-form");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = string.Join(" ", await MessageTestData.ErrorsAsync(response));
        Assert.Contains("au moins un département", errors, StringComparison.Ordinal);
        Assert.Contains("Le dernier jour doit être", errors, StringComparison.Ordinal);
        Assert.Equal(before, await CampaignCountAsync());
    }

    private async Task<int> CampaignCountAsync()
    {
        await using var scope = _factory.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>().Campaigns.CountAsync();
    }
}
