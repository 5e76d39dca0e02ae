using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.FakeX;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Security;
using PoliceFeeds.Infrastructure.XApi;
using PoliceFeeds.IntegrationTests.Publishing;

namespace PoliceFeeds.IntegrationTests.XApi;

/// <summary>OAuth 2.0 PKCE and token rotation against the fake X's authorize and token endpoints.</summary>
public sealed class XAccountAuthProviderTests : IAsyncLifetime
{
    private const int Department = 4;
    private LivePublishing _live = null!;

    public async Task InitializeAsync() => _live = await LivePublishing.StartAsync();

    public async Task DisposeAsync() => await _live.DisposeAsync();

    /// <summary>Runs the PKCE round trip over HTTP as a browser would, and stores the tokens on the account.</summary>
    private async Task<XTokenSet> ConnectWithPkceAsync()
    {
        _live.X.AuthorizingAccount = _live.X.AddBearerAccount("PoliceNat67", "unused-" + Guid.NewGuid());
        await using var scope = _live.Factory.CreateScope();
        var oauth = scope.ServiceProvider.GetRequiredService<IXOAuth2Client>();
        const string redirect = "https://policefeeds.example/Admin/Accounts/Callback";
        var authorization = oauth.CreateAuthorizationRequest(redirect);
        Assert.Contains("code_challenge_method=S256", authorization.AuthorizeUrl, StringComparison.Ordinal);
        Assert.Contains("scope=tweet.read%20tweet.write%20users.read%20media.write%20offline.access", authorization.AuthorizeUrl, StringComparison.Ordinal);

        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var authorizeUrl = new Uri(_live.X.BaseAddress, "i/oauth2/authorize" + new Uri(authorization.AuthorizeUrl).Query);
        var page = await browser.GetStringAsync(authorizeUrl);
        Assert.Contains("Autoriser l'application", page, StringComparison.Ordinal);
        var query = System.Web.HttpUtility.ParseQueryString(authorizeUrl.Query);
        using var approve = await browser.PostAsync(new Uri(_live.X.BaseAddress, "i/oauth2/authorize"), new FormUrlEncodedContent(
        [
            new("redirect_uri", query["redirect_uri"]!), new("state", query["state"]!), new("code_challenge", query["code_challenge"]!),
        ]));
        var callback = System.Web.HttpUtility.ParseQueryString(approve.Headers.Location!.Query);
        Assert.Equal(authorization.State, callback["state"]);

        var exchanged = await oauth.ExchangeCodeAsync(callback["code"]!, authorization.CodeVerifier, redirect, CancellationToken.None);
        var tokens = Assert.IsType<XOutcome<XTokenSet>.Success>(exchanged).Value;
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        var account = await db.PublishingAccounts.SingleAsync(a => a.DepartmentId == Department);
        scope.ServiceProvider.GetRequiredService<CredentialProtector>().Store(account, XAccountCredentials.OAuth2(tokens.AccessToken, tokens.RefreshToken, tokens.ExpiresAtUtc));
        account.Mode = AccountMode.Live;
        await db.SaveChangesAsync();
        return tokens;
    }

    [Fact]
    public async Task Pkce_round_trip_gives_a_bearer_that_X_accepts()
    {
        var tokens = await ConnectWithPkceAsync();
        await using var scope = _live.Factory.CreateScope();
        var auth = await scope.ServiceProvider.GetRequiredService<IXAccountAuthProvider>().GetAuthAsync(Department, CancellationToken.None);

        var bearer = Assert.IsType<XAuth.Bearer>(auth);
        Assert.Equal(tokens.AccessToken, bearer.AccessToken);
        var me = await scope.ServiceProvider.GetRequiredService<IXApiClient>().GetMeAsync(bearer, CancellationToken.None);
        Assert.Equal("PoliceNat67", Assert.IsType<XOutcome<XUser>.Success>(me).Value.Username);
    }

    [Fact]
    public async Task Wrong_code_verifier_is_refused()
    {
        await using var scope = _live.Factory.CreateScope();
        var oauth = scope.ServiceProvider.GetRequiredService<IXOAuth2Client>();

        var outcome = await oauth.ExchangeCodeAsync("not-a-code", "wrong-verifier", "https://policefeeds.example/cb", CancellationToken.None);

        Assert.IsType<XOutcome<XTokenSet>.Rejected>(outcome);
    }

    [Fact]
    public async Task Expiring_token_is_refreshed_and_the_rotated_refresh_token_is_saved_first()
    {
        var first = await ConnectWithPkceAsync();
        var clock = new FakeTimeProvider(_live.Factory.Now.AddHours(2));
        await using var scope = _live.Factory.CreateScope();
        var provider = ActivatorUtilities.CreateInstance<XAccountAuthProvider>(scope.ServiceProvider, (TimeProvider)clock);

        var auth = Assert.IsType<XAuth.Bearer>(await provider.GetAuthAsync(Department, CancellationToken.None));

        Assert.NotEqual(first.AccessToken, auth.AccessToken);
        Assert.False(_live.X.IsRefreshTokenValid(first.RefreshToken!));
        var stored = await StoredCredentialsAsync();
        Assert.Equal(auth.AccessToken, stored.AccessToken);
        Assert.NotEqual(first.RefreshToken, stored.RefreshToken);
        Assert.True(_live.X.IsRefreshTokenValid(stored.RefreshToken!));
    }

    [Fact]
    public async Task Refused_refresh_marks_the_account_as_needing_reconnection()
    {
        var first = await ConnectWithPkceAsync();
        // The refresh token was used elsewhere (rotation): X refuses it.
        await using (var scope = _live.Factory.CreateScope())
        {
            var refreshedElsewhere = await scope.ServiceProvider.GetRequiredService<IXOAuth2Client>().RefreshAsync(first.RefreshToken!, CancellationToken.None);
            Assert.IsType<XOutcome<XTokenSet>.Success>(refreshedElsewhere);
        }

        await using var check = _live.Factory.CreateScope();
        var provider = ActivatorUtilities.CreateInstance<XAccountAuthProvider>(check.ServiceProvider, (TimeProvider)new FakeTimeProvider(_live.Factory.Now.AddHours(3)));

        Assert.Null(await provider.GetAuthAsync(Department, CancellationToken.None));
        Assert.Equal(AccountState.NeedsReconnecting, (await _live.AccountAsync(Department)).State);
    }

    private async Task<XAccountCredentials> StoredCredentialsAsync()
    {
        await using var scope = _live.Factory.CreateScope();
        var account = await scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>().PublishingAccounts.AsNoTracking().SingleAsync(a => a.DepartmentId == Department);
        return scope.ServiceProvider.GetRequiredService<CredentialProtector>().Unprotect(account.ProtectedCredentials!);
    }
}
