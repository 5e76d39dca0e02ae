using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Publishing;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Messages;
using PoliceFeeds.IntegrationTests.Publishing;

namespace PoliceFeeds.IntegrationTests.Networks.Bluesky;

/// <summary>
/// A national admin connects a department's Bluesky account from the admin pages (against the real PDS), switches it to
/// live, and the department's next message goes out on it through the publisher, at the record key its delivery chose.
/// </summary>
[Collection(BlueskyPdsCollection.Name)]
public sealed class BlueskyAccountsPageTests(BlueskyPdsFixture pds, BlueskyApp app) : IClassFixture<BlueskyApp>
{
    private const int Department = DemoUsers.Department35;

    private static string Page => $"/Admin/Accounts/{Department}/Bluesky";

    [Fact]
    public async Task A_connected_account_receives_the_department_s_messages_at_their_own_record_keys()
    {
        var remote = await pds.CreateAccountAsync("dipn35");
        using var admin = app.Factory.CreateTestClient();
        await admin.SignInAsync(DemoUsers.Admin);

        using (var connected = await admin.PostFormAsync(Page, Fields(remote.Handle, remote.AppPassword), $"{Page}?handler=Connect", "form[action*='handler=Connect']"))
        {
            Assert.Equal(HttpStatusCode.Redirect, connected.StatusCode);
        }

        var account = await AccountAsync(remote.Did);
        Assert.Equal((AccountMode.Sandbox, AccountState.Connected, AccountAuthKind.AppPassword), (account.Mode, account.State, account.AuthKind));
        Assert.Equal(pds.Url.ToString().TrimEnd('/'), account.ServerUrl);
        Assert.DoesNotContain(remote.AppPassword, account.ProtectedCredentials, StringComparison.Ordinal);
        Assert.True(await PublishingTestData.WithDbAsync(app.Factory, db => db.AuditEntries.AnyAsync(a => a.Action == "account.connected" && a.DepartmentId == Department && a.Details == "Bluesky @" + remote.Handle)));
        var page = await admin.GetPageAsync(Page);
        Assert.Equal("@" + remote.Handle, page.QuerySelector($"[data-account-id='{account.Id}'] [data-testid=handle]")!.TextContent.Trim());

        using (var live = await admin.PostFormAsync(Page, [new("accountId", $"{account.Id}"), new("mode", "Live")], $"{Page}?handler=Mode", "form[action*='handler=Mode']"))
        {
            Assert.Equal(HttpStatusCode.Redirect, live.StatusCode);
        }

        Assert.Equal(AccountMode.Live, (await AccountAsync(remote.Did)).Mode);

        var id = (await PublishingTestData.AddDueMessagesAsync(app.Factory, Department, 1, app.UtcNow.AddSeconds(-1), "x", m => m.Text = "Rennes : contrôles de vitesse renforcés cette semaine. #SécuritéRoutière"))[0];
        await RunPublisherAsync();

        var delivery = await PublishingTestData.WithDbAsync(app.Factory, db => db.Deliveries.AsNoTracking().SingleAsync(d => d.MessageId == id && d.AccountId == account.Id));
        Assert.Equal(DeliveryStatus.Sent, delivery.Status);
        var record = await pds.GetRecordAsync(remote.Did, delivery.ClientKey!);
        Assert.NotNull(record);
        Assert.Equal("Rennes : contrôles de vitesse renforcés cette semaine. #SécuritéRoutière", record!["value"]!["text"]!.GetValue<string>());
        Assert.EndsWith(delivery.ClientKey!, delivery.RemotePostId, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "abcd-efgh-ijkl-mnop", "Indiquez l'identifiant du compte")]
    [InlineData("police35.test", "mon-mot-de-passe", "Un mot de passe d'application a la forme xxxx-xxxx-xxxx-xxxx")]
    public async Task Bad_input_is_refused_in_french_and_saves_nothing(string identifier, string appPassword, string expected)
    {
        using var admin = app.Factory.CreateTestClient();
        await admin.SignInAsync(DemoUsers.Admin);
        var before = await CountAsync();

        using var response = await admin.PostFormAsync(Page, Fields(identifier, appPassword), $"{Page}?handler=Connect", "form[action*='handler=Connect']");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(await MessageTestData.ErrorsAsync(response), e => e.StartsWith(expected, StringComparison.Ordinal));
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task A_wrong_app_password_is_refused_by_the_server_and_saves_nothing()
    {
        var remote = await pds.CreateAccountAsync("dipn35b");
        using var admin = app.Factory.CreateTestClient();
        await admin.SignInAsync(DemoUsers.Admin);
        var before = await CountAsync();

        using var response = await admin.PostFormAsync(Page, Fields(remote.Handle, "aaaa-bbbb-cccc-dddd"), $"{Page}?handler=Connect", "form[action*='handler=Connect']");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(await MessageTestData.ErrorsAsync(response), e => e.StartsWith("Bluesky a refusé cet identifiant", StringComparison.Ordinal));
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task An_officer_cannot_reach_the_page()
    {
        using var officer = app.Factory.CreateTestClient();
        await officer.SignInAsync(DemoUsers.Officer35);

        using var response = await officer.GetAsync(Page);

        Assert.Contains("/Account/AccessDenied", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    private IEnumerable<KeyValuePair<string, string>> Fields(string identifier, string appPassword) =>
        [new("Input.ServerUrl", pds.Url.ToString()), new("Input.Identifier", identifier), new("Input.AppPassword", appPassword)];

    private Task<PublishingAccount> AccountAsync(string did) =>
        PublishingTestData.WithDbAsync(app.Factory, db => db.PublishingAccounts.AsNoTracking().SingleAsync(a => a.Network == PublishingNetwork.Bluesky && a.RemoteUserId == did));

    private Task<int> CountAsync() =>
        PublishingTestData.WithDbAsync(app.Factory, db => db.PublishingAccounts.CountAsync(a => a.DepartmentId == Department && a.Network == PublishingNetwork.Bluesky));

    private Task RunPublisherAsync() => PublishingTestData.RunPublisherOnceAsync(
        app.Factory, new PublishingOptions { InstanceId = "test", ClockSkewTolerance = TimeSpan.Zero, ReconcileSettleTime = TimeSpan.FromMinutes(2) });
}
