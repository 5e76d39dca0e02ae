using System.Net;
using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.FakeX;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Messages;
using PoliceFeeds.IntegrationTests.Publishing;

namespace PoliceFeeds.IntegrationTests.Admin;

/// <summary>The same X account (the same X user id) cannot be connected to two departments.</summary>
public sealed class OneDepartmentPerXAccountTests : IAsyncLifetime
{
    private const string Refused = "est déjà connecté au département 44 : un compte X ne peut être connecté qu'à un seul département.";
    private LivePublishing _live = null!;

    public async Task InitializeAsync() => _live = await LivePublishing.StartAsync();

    public async Task DisposeAsync() => await _live.DisposeAsync();

    /// <summary>Department 44's account is the X user <paramref name="account"/>.</summary>
    private Task ConnectDepartment44Async(FakeXAccount account) =>
        PublishingTestData.WithDbAsync(_live.Factory, db => db.PublishingAccounts.Where(a => a.DepartmentId == DemoUsers.Department44)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.RemoteUserId, account.Id).SetProperty(a => a.Handle, account.Username)));

    [Fact]
    public async Task Oauth1_tokens_of_an_x_account_connected_elsewhere_are_refused_in_french()
    {
        var token = "tok-" + Guid.NewGuid().ToString("N");
        var secret = "sec-" + Guid.NewGuid().ToString("N");
        var shared = _live.X.AddOAuth1Account("PoliceNat44", token, secret);
        await ConnectDepartment44Async(shared);
        using var admin = _live.Factory.CreateTestClient();
        await admin.SignInAsync(DemoUsers.Admin);

        using var response = await admin.PostFormAsync("/Admin/Accounts/2", [new("OAuth1.AccessToken", token), new("OAuth1.AccessTokenSecret", secret)], "/Admin/Accounts/2?handler=OAuth1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(await MessageTestData.ErrorsAsync(response), e => e.Contains("@PoliceNat44 " + Refused, StringComparison.Ordinal));
        var account = await _live.AccountAsync(DemoUsers.Department35);
        Assert.Null(account.ProtectedCredentials);
        Assert.Null(account.RemoteUserId);

        // Tokens of another X account are taken, with the X user they belong to.
        var own = _live.X.AddOAuth1Account("PoliceNat35", token + "-35", secret + "-35");
        using var accepted = await admin.PostFormAsync("/Admin/Accounts/2", [new("OAuth1.AccessToken", token + "-35"), new("OAuth1.AccessTokenSecret", secret + "-35")], "/Admin/Accounts/2?handler=OAuth1");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(own.Id, (await _live.AccountAsync(DemoUsers.Department35)).RemoteUserId);
    }

    [Fact]
    public async Task Oauth2_connection_of_an_x_account_connected_elsewhere_is_refused_in_french()
    {
        var shared = _live.X.AddBearerAccount("PoliceNat44", "unused-" + Guid.NewGuid());
        await ConnectDepartment44Async(shared);
        _live.X.AuthorizingAccount = shared;
        using var admin = _live.Factory.CreateTestClient();
        await admin.SignInAsync(DemoUsers.Admin);

        using var connect = await admin.PostFormAsync("/Admin/Accounts/2", [], "/Admin/Accounts/2?handler=Connect", "form[action*='handler=Connect']");
        var authorize = connect.Headers.Location!;
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var query = System.Web.HttpUtility.ParseQueryString(authorize.Query);
        using var approved = await browser.PostAsync(new Uri(_live.X.BaseAddress, "i/oauth2/authorize"), new FormUrlEncodedContent(
            [new("redirect_uri", query["redirect_uri"]!), new("state", query["state"]!), new("code_challenge", query["code_challenge"]!)]));
        using var callback = await admin.GetAsync(approved.Headers.Location!.PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
        var page = await TestClient.ParseAsync(callback);
        Assert.Contains("@PoliceNat44 " + Refused, page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        var account = await _live.AccountAsync(DemoUsers.Department35);
        Assert.Null(account.ProtectedCredentials);
        Assert.Null(account.RemoteUserId);
    }

    [Fact]
    public async Task The_database_refuses_a_second_department_with_the_same_x_user_id()
    {
        var shared = _live.X.AddBearerAccount("PoliceNat44", "unused-" + Guid.NewGuid());
        await ConnectDepartment44Async(shared);

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => PublishingTestData.WithDbAsync(_live.Factory, async db =>
        {
            var other = await db.PublishingAccounts.SingleAsync(a => a.DepartmentId == DemoUsers.Department35);
            other.RemoteUserId = shared.Id;
            return await db.SaveChangesAsync();
        }));

        Assert.Contains("UNIQUE", error.InnerException!.Message, StringComparison.OrdinalIgnoreCase);
        // Accounts whose X user is not known yet are not held by the index.
        // The four other pilot accounts and the national one.
        Assert.Equal(5, await PublishingTestData.WithDbAsync(_live.Factory, db => db.PublishingAccounts.CountAsync(a => a.RemoteUserId == null)));
    }

    private const string UserUnknown = "X n'a pas encore dit à quel compte X appartiennent ces jetons";

    /// <summary>X answers 503 to every <c>GET /2/users/me</c> until <see cref="FakeXFaults.Clear"/> (the client's retries included).</summary>
    private void UsersMeFails() => _live.X.Faults.Enqueue(FakeXEndpoint.UsersMe, Enumerable.Range(0, 20).Select(_ => FakeXFault.ServerError()).ToArray());

    private async Task<HttpResponseMessage> SwitchToLiveAsync(TestClient admin) =>
        await admin.PostFormAsync("/Admin/Accounts/2", [new("mode", "Live")], "/Admin/Accounts/2?handler=Mode", "form[action*='handler=Mode']");

    [Fact]
    public async Task An_account_connected_while_users_me_fails_cannot_go_live_until_its_x_user_is_known()
    {
        var shared = _live.X.AddBearerAccount("PoliceNat44", "unused-" + Guid.NewGuid());
        await ConnectDepartment44Async(shared);
        _live.X.AuthorizingAccount = shared;
        using var admin = _live.Factory.CreateTestClient();
        await admin.SignInAsync(DemoUsers.Admin);

        // 44's X account is connected to 35 while X cannot say whose tokens they are.
        UsersMeFails();
        using var connect = await admin.PostFormAsync("/Admin/Accounts/2", [], "/Admin/Accounts/2?handler=Connect", "form[action*='handler=Connect']");
        var query = System.Web.HttpUtility.ParseQueryString(connect.Headers.Location!.Query);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var approved = await browser.PostAsync(new Uri(_live.X.BaseAddress, "i/oauth2/authorize"), new FormUrlEncodedContent(
            [new("redirect_uri", query["redirect_uri"]!), new("state", query["state"]!), new("code_challenge", query["code_challenge"]!)]));
        using (var callback = await admin.GetAsync(approved.Headers.Location!.PathAndQuery))
        {
            Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        }

        Assert.Null((await _live.AccountAsync(DemoUsers.Department35)).RemoteUserId);

        // Going live is refused in French while the X user is unknown, even once X answers again.
        using (var live = await SwitchToLiveAsync(admin))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            Assert.Contains(await MessageTestData.ErrorsAsync(live), e => e.Contains(UserUnknown, StringComparison.Ordinal));
        }

        Assert.Equal(AccountMode.Sandbox, (await _live.AccountAsync(DemoUsers.Department35)).Mode);

        // "Vérifier" learns who the tokens are for: 44's X account, refused here.
        _live.X.Faults.Clear();
        using (var verify = await admin.PostFormAsync("/Admin/Accounts/2", [], "/Admin/Accounts/2?handler=Verify", "form[action*='handler=Verify']"))
        {
            Assert.Contains(await MessageTestData.ErrorsAsync(verify), e => e.Contains("@PoliceNat44 " + Refused, StringComparison.Ordinal));
        }

        using (var stillRefused = await SwitchToLiveAsync(admin))
        {
            Assert.Contains(await MessageTestData.ErrorsAsync(stillRefused), e => e.Contains(UserUnknown, StringComparison.Ordinal));
        }

        var account = await _live.AccountAsync(DemoUsers.Department35);
        Assert.Equal((AccountMode.Sandbox, (string?)null), (account.Mode, account.RemoteUserId));
    }

    [Fact]
    public async Task A_live_account_is_not_reconnected_while_users_me_fails()
    {
        var own = await _live.MakeLiveAsync(DemoUsers.Department35);
        var before = await _live.AccountAsync(DemoUsers.Department35);
        var token = "tok-" + Guid.NewGuid().ToString("N");
        var secret = "sec-" + Guid.NewGuid().ToString("N");
        var shared = _live.X.AddOAuth1Account("PoliceNat44", token, secret);
        await ConnectDepartment44Async(shared);
        using var admin = _live.Factory.CreateTestClient();
        await admin.SignInAsync(DemoUsers.Admin);

        UsersMeFails();
        using var response = await admin.PostFormAsync("/Admin/Accounts/2", [new("OAuth1.AccessToken", token), new("OAuth1.AccessTokenSecret", secret)], "/Admin/Accounts/2?handler=OAuth1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(await MessageTestData.ErrorsAsync(response), e => e.Contains(UserUnknown, StringComparison.Ordinal));
        var account = await _live.AccountAsync(DemoUsers.Department35);
        Assert.Equal((AccountMode.Live, own.Id, before.ProtectedCredentials), (account.Mode, account.RemoteUserId, account.ProtectedCredentials));
    }
}
