using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Security;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Publishing;

namespace PoliceFeeds.IntegrationTests.Admin;

/// <summary>"Connecter le compte X" end to end: the app, the fake X's authorize page, the callback, the stored tokens.</summary>
public sealed class ConnectAccountTests : IAsyncLifetime
{
    private LivePublishing _live = null!;

    public async Task InitializeAsync()
    {
        _live = await LivePublishing.StartAsync();
    }

    public async Task DisposeAsync() => await _live.DisposeAsync();

    [Fact]
    public async Task Admin_connects_an_account_with_oauth2_pkce_and_verifies_it()
    {
        _live.X.AuthorizingAccount = _live.X.AddBearerAccount("PoliceNat35_Officiel", "unused-" + Guid.NewGuid());
        using var admin = _live.Factory.CreateTestClient();
        await admin.SignInAsync(DemoUsers.Admin);

        using var connect = await admin.PostFormAsync("/Admin/Accounts/2", [], "/Admin/Accounts/2?handler=Connect", "form[action*='handler=Connect']");
        Assert.Equal(HttpStatusCode.Redirect, connect.StatusCode);
        var authorize = connect.Headers.Location!;
        Assert.StartsWith(_live.X.BaseAddress + "i/oauth2/authorize", authorize.ToString(), StringComparison.Ordinal);

        // The administrator approves on X's page.
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var page = await browser.GetStringAsync(authorize);
        Assert.Contains("Autoriser l'application", page, StringComparison.Ordinal);
        var query = System.Web.HttpUtility.ParseQueryString(authorize.Query);
        using var approved = await browser.PostAsync(new Uri(_live.X.BaseAddress, "i/oauth2/authorize"), new FormUrlEncodedContent(
            [new("redirect_uri", query["redirect_uri"]!), new("state", query["state"]!), new("code_challenge", query["code_challenge"]!)]));
        var callback = approved.Headers.Location!;
        Assert.Equal("/Admin/Accounts/Callback", callback.AbsolutePath);

        using var done = await admin.GetAsync(callback.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);

        var account = await _live.AccountAsync(2);
        Assert.Equal(AccountAuthKind.OAuth2Pkce, account.AuthKind);
        Assert.Equal(AccountState.Connected, account.State);
        Assert.Equal("PoliceNat35_Officiel", account.Handle);
        await using var scope = _live.Factory.CreateScope();
        var credentials = scope.ServiceProvider.GetRequiredService<CredentialProtector>().Unprotect(account.ProtectedCredentials!);
        Assert.NotNull(credentials.RefreshToken);
        Assert.True(await scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>().AuditEntries.AnyAsync(a => a.Action == "account.connected" && a.DepartmentId == 2));

        using var verify = await admin.PostFormAsync("/Admin/Accounts/2", [], "/Admin/Accounts/2?handler=Verify", "form[action*='handler=Verify']");
        Assert.Equal(HttpStatusCode.Redirect, verify.StatusCode);
        Assert.NotNull((await _live.AccountAsync(2)).LastVerifiedAtUtc);
    }

    [Fact]
    public async Task Callback_with_a_forged_state_stores_nothing()
    {
        using var admin = _live.Factory.CreateTestClient();
        await admin.SignInAsync(DemoUsers.Admin);
        using var connect = await admin.PostFormAsync("/Admin/Accounts/2", [], "/Admin/Accounts/2?handler=Connect", "form[action*='handler=Connect']");

        using var forged = await admin.GetAsync("/Admin/Accounts/Callback?state=forged&code=whatever");

        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        var page = await TestClient.ParseAsync(forged);
        Assert.Contains("a expiré ou ne correspond pas", page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Null((await _live.AccountAsync(2)).ProtectedCredentials);
    }
}
