using System.Net;
using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.FakeMastodon;
using PoliceFeeds.Infrastructure.Networks.Mastodon;
using PoliceFeeds.Infrastructure.Publishing;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Messages;
using PoliceFeeds.IntegrationTests.Publishing;

namespace PoliceFeeds.IntegrationTests.Networks.Mastodon;

/// <summary>
/// A national admin connects a department's Mastodon account from the admin pages, through the whole code flow against
/// the fake instance: the app registered once per instance, the instance's authorize page, the callback that exchanges
/// the code and reads the account and the instance's limits; then live, and the publisher posts on the instance.
/// </summary>
public sealed class MastodonAccountsPageTests : IAsyncLifetime
{
    private const int Department = DemoUsers.Department35;

    private static string Page => $"/Admin/Accounts/{Department}/Mastodon";

    private MastodonNetwork _network = null!;

    private FakeMastodonServer Server => _network.Server;

    public async Task InitializeAsync() => _network = await MastodonNetwork.StartAsync();

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact]
    public async Task A_connected_account_goes_live_and_publishes_within_its_instance_s_own_limit()
    {
        Server.Behaviour.MaxCharacters = 200;
        var person = Server.AddAccount("dipn35", "unused");
        Server.AuthorizingAccount = person;
        using var admin = _network.Factory.CreateTestClient();
        await admin.SignInAsync(DemoUsers.Admin);

        using (var back = await ConnectThroughInstanceAsync(admin))
        {
            Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
            Assert.Equal(Page, back.Headers.Location!.OriginalString);
        }

        var registered = Assert.Single(Server.Apps);
        Assert.Equal(("write:statuses write:media read:statuses", "http://localhost/Admin/Accounts/MastodonCallback"), (registered.Scopes, registered.RedirectUri));
        var account = await AccountAsync();
        Assert.Equal((AccountMode.Sandbox, AccountState.Connected, AccountAuthKind.OAuth2Token), (account.Mode, account.State, account.AuthKind));
        Assert.Equal((person.Id, "dipn35", Server.BaseAddress.GetLeftPart(UriPartial.Authority)), (account.RemoteUserId, account.Handle, account.ServerUrl));
        Assert.Equal((200, 23, 1500), (account.MaxTextLength, account.CharactersPerUrl, account.MaxAltTextLength));
        Assert.True(await PublishingTestData.WithDbAsync(_network.Factory, db => db.AuditEntries.AnyAsync(a => a.Action == "account.connected" && a.DepartmentId == Department && a.Details!.StartsWith("Mastodon @dipn35@"))));
        var page = await admin.GetPageAsync(Page);
        Assert.Equal($"@dipn35@{Server.BaseAddress.Authority}", page.QuerySelector($"[data-account-id='{account.Id}'] [data-testid=handle]")!.TextContent.Trim());
        Assert.Equal("200", page.QuerySelector($"[data-account-id='{account.Id}'] [data-testid=text-limit]")!.TextContent.Trim());

        // The app is stored encrypted and reused: connecting again registers nothing new.
        var apps = await PublishingTestData.WithDbAsync(_network.Factory, db => db.Set<MastodonInstanceApp>().AsNoTracking().ToListAsync());
        Assert.DoesNotContain(registered.ClientSecret, Assert.Single(apps).ProtectedClient, StringComparison.Ordinal);
        using (var again = await ConnectThroughInstanceAsync(admin))
        {
            Assert.Equal(Page, again.Headers.Location!.OriginalString);
        }

        Assert.Single(Server.Apps);
        Assert.Equal(account.Id, (await AccountAsync()).Id);

        using (var live = await admin.PostFormAsync(Page, [new("accountId", $"{account.Id}"), new("mode", "Live")], $"{Page}?handler=Mode", "form[action*='handler=Mode']"))
        {
            Assert.Equal(HttpStatusCode.Redirect, live.StatusCode);
        }

        Assert.Equal(AccountMode.Live, (await AccountAsync()).Mode);
        Assert.True(await PublishingTestData.WithDbAsync(_network.Factory, db => db.AuditEntries.AnyAsync(a => a.Action == "account.mode_changed" && a.Details == "Mastodon Live")));

        // The compose page counts the text against this instance's 200, not Mastodon's default 500.
        using var officer = _network.Factory.CreateTestClient();
        await officer.SignInAsync(DemoUsers.Officer35);
        var tooLong = "Rennes : " + new string('a', 230);
        using (var form = MessageTestData.ComposeForm(Department, MessageTestData.Prevention, tooLong))
        using (var refused = await officer.ComposeAsync(form, departmentId: Department))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains(await MessageTestData.ErrorsAsync(refused), e => e.Contains($"pour Mastodon, dont la limite est de 200", StringComparison.Ordinal));
        }

        var text = "Rennes : contrôles de vitesse renforcés cette semaine. #SécuritéRoutière";
        var id = (await PublishingTestData.AddDueMessagesAsync(_network.Factory, Department, 1, _network.Factory.Clock.GetUtcNow().UtcDateTime.AddSeconds(-1), "x", m => m.Text = text))[0];
        await PublishingTestData.RunPublisherOnceAsync(_network.Factory, new PublishingOptions { InstanceId = "test", ClockSkewTolerance = TimeSpan.Zero, ReconcileSettleTime = TimeSpan.FromMinutes(2) });

        var delivery = await PublishingTestData.WithDbAsync(_network.Factory, db => db.Deliveries.AsNoTracking().SingleAsync(d => d.MessageId == id && d.AccountId == account.Id));
        Assert.Equal(DeliveryStatus.Sent, delivery.Status);
        var status = Assert.Single(Server.Statuses);
        Assert.Equal((delivery.RemotePostId, delivery.ClientKey), (status.Id, status.IdempotencyKey));
    }

    [Theory]
    [InlineData("")]
    [InlineData("pas une adresse")]
    [InlineData("ftp://social.example.fr")]
    [InlineData("http://social.example.fr")]
    [InlineData("https://social.example.fr/@police35")]
    [InlineData("https://social.example.fr/?x=1")]
    public async Task A_bad_instance_address_is_refused_in_french_and_changes_nothing(string address)
    {
        using var admin = _network.Factory.CreateTestClient();
        await admin.SignInAsync(DemoUsers.Admin);

        using var response = await admin.PostFormAsync(Page, [new("Input.InstanceUrl", address)], $"{Page}?handler=Connect", "form[action*='handler=Connect']");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(await MessageTestData.ErrorsAsync(response), e => e.StartsWith("Indiquez l'adresse de l'instance", StringComparison.Ordinal));
        Assert.Empty(Server.Apps);
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task An_unreachable_instance_is_said_in_french_and_changes_nothing()
    {
        using var admin = _network.Factory.CreateTestClient();
        await admin.SignInAsync(DemoUsers.Admin);

        using var response = await admin.PostFormAsync(Page, [new("Input.InstanceUrl", "http://127.0.0.1:1")], $"{Page}?handler=Connect", "form[action*='handler=Connect']");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(await MessageTestData.ErrorsAsync(response), e => e.StartsWith("L'instance 127.0.0.1:1 n'a pas pu être jointe", StringComparison.Ordinal));
        Assert.Equal(0, await PublishingTestData.WithDbAsync(_network.Factory, db => db.Set<MastodonInstanceApp>().CountAsync()));
    }

    [Fact]
    public async Task A_denied_authorization_connects_nothing()
    {
        Server.AuthorizingAccount = Server.AddAccount("dipn35", "unused");
        Server.DenyAuthorization = true;
        using var admin = _network.Factory.CreateTestClient();
        await admin.SignInAsync(DemoUsers.Admin);

        using var back = await ConnectThroughInstanceAsync(admin);

        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.StartsWith("L'autorisation a été refusée sur l'instance Mastodon", await CallbackErrorAsync(back), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task A_code_the_instance_refuses_connects_nothing()
    {
        Server.AuthorizingAccount = Server.AddAccount("dipn35", "unused");
        using var admin = _network.Factory.CreateTestClient();
        await admin.SignInAsync(DemoUsers.Admin);

        using var back = await ConnectThroughInstanceAsync(admin, callback => callback.Replace("code=", "code=used", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.StartsWith($"L'instance {Server.BaseAddress.Authority} a refusé le code d'autorisation", await CallbackErrorAsync(back), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task A_callback_whose_state_is_not_the_one_sent_connects_nothing()
    {
        Server.AuthorizingAccount = Server.AddAccount("dipn35", "unused");
        using var admin = _network.Factory.CreateTestClient();
        await admin.SignInAsync(DemoUsers.Admin);

        using var back = await ConnectThroughInstanceAsync(admin, callback => callback.Replace("state=", "state=forged", StringComparison.Ordinal));

        Assert.StartsWith("La demande de connexion a expiré ou ne correspond pas", await CallbackErrorAsync(back), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync());
    }

    [Theory]
    [InlineData("/Admin/Accounts/2/Mastodon")]
    [InlineData("/Admin/Accounts/MastodonCallback?code=a&state=b")]
    public async Task An_officer_cannot_reach_the_pages(string url)
    {
        using var officer = _network.Factory.CreateTestClient();
        await officer.SignInAsync(DemoUsers.Officer35);

        using var response = await officer.GetAsync(url);

        Assert.Contains("/Account/AccessDenied", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_x_account_page_links_to_the_mastodon_accounts()
    {
        using var admin = _network.Factory.CreateTestClient();
        await admin.SignInAsync(DemoUsers.Admin);

        var page = await admin.GetPageAsync($"/Admin/Accounts/{Department}");

        Assert.Equal(Page, page.QuerySelector("[data-testid=mastodon-accounts-link]")!.GetAttribute("href"));
    }

    /// <summary>"Continuer vers l'instance", the instance's authorize page (a browser of its own), then back to the callback.</summary>
    private async Task<HttpResponseMessage> ConnectThroughInstanceAsync(TestClient admin, Func<string, string>? alterCallback = null)
    {
        using var started = await admin.PostFormAsync(Page, [new("Input.InstanceUrl", Server.BaseAddress.AbsoluteUri)], $"{Page}?handler=Connect", "form[action*='handler=Connect']");
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var authorize = started.Headers.Location!;
        Assert.Equal(Server.BaseAddress.Authority, authorize.Authority);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var instanceAnswer = await browser.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, instanceAnswer.StatusCode);
        var callback = instanceAnswer.Headers.Location!;
        Assert.Equal("/Admin/Accounts/MastodonCallback", callback.AbsolutePath);
        return await admin.GetAsync((alterCallback ?? (c => c))(callback.PathAndQuery));
    }

    private static async Task<string> CallbackErrorAsync(HttpResponseMessage response) =>
        (await TestClient.ParseAsync(response)).QuerySelector("[data-testid=callback-error]")!.TextContent.Trim();

    private Task<PublishingAccount> AccountAsync() =>
        PublishingTestData.WithDbAsync(_network.Factory, db => db.PublishingAccounts.AsNoTracking().SingleAsync(a => a.DepartmentId == Department && a.Network == PublishingNetwork.Mastodon));

    private Task<int> CountAsync() =>
        PublishingTestData.WithDbAsync(_network.Factory, db => db.PublishingAccounts.CountAsync(a => a.DepartmentId == Department && a.Network == PublishingNetwork.Mastodon));
}
