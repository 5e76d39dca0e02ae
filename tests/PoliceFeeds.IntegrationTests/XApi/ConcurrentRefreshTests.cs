using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.FakeX;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Security;
using PoliceFeeds.Infrastructure.XApi;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Publishing;

namespace PoliceFeeds.IntegrationTests.XApi;

/// <summary>
/// One OAuth 2.0 refresh at a time per account across instances: two app instances on the same SQLite file, several
/// callers each (workers, the engagement job) and the admin's "Vérifier", all needing a refresh at once.
/// </summary>
public sealed class ConcurrentRefreshTests : IAsyncLifetime
{
    private const int Department = 4;
    private LivePublishing _live = null!;
    private PoliceFeedsAppFactory _other = null!;

    public async Task InitializeAsync()
    {
        _live = await LivePublishing.StartAsync();
        // Another instance of the app: same database file and keys, same X.
        _other = new PoliceFeedsAppFactory();
        foreach (var (key, value) in _live.Factory.Settings)
        {
            _other.Settings[key] = value;
        }

        _other.Settings["Database:DataDirectory"] = _live.Factory.DataDirectory;
        _ = _other.Services;
    }

    public async Task DisposeAsync()
    {
        await _other.DisposeAsync();
        await _live.DisposeAsync();
    }

    /// <summary>Connects the account with OAuth 2.0 tokens that are already due for a refresh (4 minutes left).</summary>
    private async Task<XTokenSet> ConnectExpiringAsync()
    {
        var fake = _live.X.AddBearerAccount("PoliceNat67", "unused-" + Guid.NewGuid());
        _live.X.AuthorizingAccount = fake;
        _live.X.AccessTokenLifetime = TimeSpan.FromMinutes(4);
        await using var scope = _live.Factory.CreateScope();
        var oauth = scope.ServiceProvider.GetRequiredService<IXOAuth2Client>();
        const string redirect = "https://policefeeds.example/Admin/Accounts/Callback";
        var authorization = oauth.CreateAuthorizationRequest(redirect);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(authorization.AuthorizeUrl).Query);
        using var approve = await browser.PostAsync(new Uri(_live.X.BaseAddress, "i/oauth2/authorize"), new FormUrlEncodedContent(
        [
            new("redirect_uri", query["redirect_uri"]!), new("state", query["state"]!), new("code_challenge", query["code_challenge"]!),
        ]));
        var code = System.Web.HttpUtility.ParseQueryString(approve.Headers.Location!.Query)["code"]!;
        var tokens = Assert.IsType<XOutcome<XTokenSet>.Success>(await oauth.ExchangeCodeAsync(code, authorization.CodeVerifier, redirect, CancellationToken.None)).Value;
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        var account = await db.PublishingAccounts.SingleAsync(a => a.DepartmentId == Department);
        scope.ServiceProvider.GetRequiredService<CredentialProtector>().Store(account, XAccountCredentials.OAuth2(tokens.AccessToken, tokens.RefreshToken, tokens.ExpiresAtUtc));
        account.Mode = AccountMode.Live;
        account.State = AccountState.Connected;
        await db.SaveChangesAsync();
        // Tokens issued from now on last X's two hours.
        _live.X.AccessTokenLifetime = TimeSpan.FromHours(2);
        return tokens;
    }

    private static async Task<XAuth?> AuthAsync(PoliceFeedsAppFactory instance, int accountId)
    {
        await using var scope = instance.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IXAccountAuthProvider>().GetAuthAsync(accountId, CancellationToken.None);
    }

    private async Task<(PublishingAccount Account, XAccountCredentials Credentials)> StoredAsync()
    {
        await using var scope = _live.Factory.CreateScope();
        var account = await scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>().PublishingAccounts.AsNoTracking().SingleAsync(a => a.DepartmentId == Department);
        return (account, scope.ServiceProvider.GetRequiredService<CredentialProtector>().Unprotect(account.ProtectedCredentials!));
    }

    [Fact]
    public async Task Two_instances_and_Verifier_refreshing_at_once_keep_the_account_connected_with_one_refresh()
    {
        var first = await ConnectExpiringAsync();
        var accountId = (await StoredAsync()).Account.Id;
        using var admin = _live.Factory.CreateTestClient();
        await admin.SignInAsync(DemoUsers.Admin);
        var page = await admin.GetPageAsync($"/Admin/Accounts/{Department}");
        var antiforgery = TestClient.AntiforgeryToken(page, "form[action*='handler=Verify']");
        // X takes its time over the first refresh: every other caller arrives while it is under way.
        _live.X.Faults.Enqueue(FakeXEndpoint.Token, FakeXFault.Latency(TimeSpan.FromMilliseconds(600)), FakeXFault.Normal());

        var callers = new List<Task<XAuth?>>();
        for (var i = 0; i < 3; i++)
        {
            callers.Add(Task.Run(() => AuthAsync(_live.Factory, accountId)));
            callers.Add(Task.Run(() => AuthAsync(_other, accountId)));
        }

        var verify = admin.Http.PostAsync(new Uri($"/Admin/Accounts/{Department}?handler=Verify", UriKind.Relative),
            new FormUrlEncodedContent([new("__RequestVerificationToken", antiforgery)]));
        var auths = await Task.WhenAll(callers);
        using var verified = await verify;

        Assert.Equal(1, _live.X.RefreshCount);
        var stored = await StoredAsync();
        Assert.Equal(AccountState.Connected, stored.Account.State);
        Assert.Null(stored.Account.RefreshLeaseToken);
        Assert.All(auths, a => Assert.Equal(stored.Credentials.AccessToken, Assert.IsType<XAuth.Bearer>(a).AccessToken));
        Assert.NotEqual(first.AccessToken, stored.Credentials.AccessToken);
        Assert.False(_live.X.IsRefreshTokenValid(first.RefreshToken!));
        Assert.True(_live.X.IsRefreshTokenValid(stored.Credentials.RefreshToken!));
        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
        Assert.NotNull(stored.Account.LastVerifiedAtUtc);

        // The next rotation, later, is again exactly one refresh.
        await ExpireStoredTokenAsync();
        var next = await Task.WhenAll(Task.Run(() => AuthAsync(_live.Factory, accountId)), Task.Run(() => AuthAsync(_other, accountId)));
        Assert.Equal(2, _live.X.RefreshCount);
        Assert.Equal(Assert.IsType<XAuth.Bearer>(next[0]).AccessToken, Assert.IsType<XAuth.Bearer>(next[1]).AccessToken);
        Assert.Equal(AccountState.Connected, (await StoredAsync()).Account.State);
    }

    [Fact]
    public async Task A_refused_refresh_uses_the_credentials_someone_else_saved_meanwhile()
    {
        var first = await ConnectExpiringAsync();
        var accountId = (await StoredAsync()).Account.Id;
        _live.X.Faults.Enqueue(FakeXEndpoint.Token, FakeXFault.Latency(TimeSpan.FromMilliseconds(800)), FakeXFault.Normal());
        var slow = Task.Run(() => AuthAsync(_live.Factory, accountId));
        while (_live.X.RequestCount(FakeXEndpoint.Token) < 2)
        {
            await Task.Delay(10);
        }

        // Meanwhile something that does not take the lease (an older version of the app) refreshes and saves first.
        XTokenSet saved;
        await using (var scope = _other.CreateScope())
        {
            saved = Assert.IsType<XOutcome<XTokenSet>.Success>(await scope.ServiceProvider.GetRequiredService<IXOAuth2Client>().RefreshAsync(first.RefreshToken!, CancellationToken.None)).Value;
            var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
            var account = await db.PublishingAccounts.SingleAsync(a => a.Id == accountId);
            scope.ServiceProvider.GetRequiredService<CredentialProtector>().Store(account, XAccountCredentials.OAuth2(saved.AccessToken, saved.RefreshToken, saved.ExpiresAtUtc));
            await db.SaveChangesAsync();
        }

        var auth = await slow;

        // X refused the slow refresh (its token was used): it read the account again and took the newer tokens.
        Assert.Equal(saved.AccessToken, Assert.IsType<XAuth.Bearer>(auth).AccessToken);
        Assert.Equal(AccountState.Connected, (await StoredAsync()).Account.State);
        Assert.Equal(1, _live.X.RefreshCount);
    }

    [Fact]
    public async Task A_refresh_token_works_once_and_a_second_use_answers_400_like_X()
    {
        var first = await ConnectExpiringAsync();
        await using var scope = _live.Factory.CreateScope();
        var oauth = scope.ServiceProvider.GetRequiredService<IXOAuth2Client>();

        var rotated = Assert.IsType<XOutcome<XTokenSet>.Success>(await oauth.RefreshAsync(first.RefreshToken!, CancellationToken.None)).Value;
        var again = Assert.IsType<XOutcome<XTokenSet>.Rejected>(await oauth.RefreshAsync(first.RefreshToken!, CancellationToken.None));

        Assert.Equal(400, again.StatusCode);
        Assert.Equal("Value passed for the token was invalid.", again.Detail);
        Assert.True(_live.X.IsRefreshTokenValid(rotated.RefreshToken!));
        Assert.Equal(1, _live.X.RefreshCount);
        Assert.Empty(_live.X.SchemaViolations);
    }

    [Fact]
    public async Task Needs_reconnecting_is_written_only_for_the_credentials_X_refused()
    {
        await ConnectExpiringAsync();
        var accountId = (await StoredAsync()).Account.Id;
        var current = Assert.IsType<XAuth.Bearer>(await AuthAsync(_live.Factory, accountId));
        await using var scope = _other.CreateScope();
        var provider = scope.ServiceProvider.GetRequiredService<IXAccountAuthProvider>();

        // A 401 on tokens replaced since (refreshed, reconnected): nothing is written.
        Assert.False(await provider.MarkNeedsReconnectingAsync(accountId, new XAuth.Bearer("at-stale"), CancellationToken.None));
        Assert.Equal(AccountState.Connected, (await StoredAsync()).Account.State);

        Assert.True(await provider.MarkNeedsReconnectingAsync(accountId, current, CancellationToken.None));
        Assert.Equal(AccountState.NeedsReconnecting, (await StoredAsync()).Account.State);
    }

    private async Task ExpireStoredTokenAsync()
    {
        await using var scope = _live.Factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        var protector = scope.ServiceProvider.GetRequiredService<CredentialProtector>();
        var account = await db.PublishingAccounts.SingleAsync(a => a.DepartmentId == Department);
        var credentials = protector.Unprotect(account.ProtectedCredentials!);
        protector.Store(account, credentials with { AccessTokenExpiresAtUtc = _live.Factory.UtcNow.AddMinutes(1) });
        await db.SaveChangesAsync();
    }
}
