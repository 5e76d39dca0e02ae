using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.FakeMastodon;
using PoliceFeeds.Infrastructure.Networks.Mastodon;

namespace PoliceFeeds.IntegrationTests.Networks.Mastodon;

/// <summary>What the admin "connect a Mastodon account" page will call: app registration, authorize URL, code exchange.</summary>
public sealed class MastodonConnectTests
{
    [Fact]
    public async Task An_account_is_connected_through_the_code_flow_and_can_publish()
    {
        await using var network = await MastodonNetwork.StartAsync();
        var person = network.Server.AddAccount("PoliceNat44", "unused");
        network.Server.AuthorizingAccount = person;
        var instance = MastodonInstance.Parse(network.Server.BaseAddress.AbsoluteUri);
        var client = network.Factory.Services.GetRequiredService<MastodonClient>();

        var app = (await client.RegisterAppAsync(instance, CancellationToken.None)).Value!;
        var registered = Assert.Single(network.Server.Apps);
        Assert.Equal(("PoliceFeeds", "write:statuses write:media read:statuses", MastodonNetwork.RedirectUri), (registered.Name, registered.Scopes, registered.RedirectUri));
        var authorize = client.AuthorizationUrl(app, "state-123");
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var answer = await browser.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var back = System.Web.HttpUtility.ParseQueryString(answer.Headers.Location!.Query);
        Assert.Equal("state-123", back["state"]);
        var token = (await client.ExchangeCodeAsync(app, back["code"]!, CancellationToken.None)).Value!;
        var me = (await client.VerifyCredentialsAsync(new MastodonAuth(instance, token), CancellationToken.None)).Value!;
        Assert.Equal(person.Id, me.Id);

        var reused = await client.ExchangeCodeAsync(app, back["code"]!, CancellationToken.None);
        Assert.Equal(400, Assert.IsType<ChannelOutcome.Rejected>(reused.Failure).StatusCode);
    }

    [Fact]
    public async Task The_token_and_the_app_secret_are_stored_encrypted_under_the_network_s_own_purpose()
    {
        await using var network = await MastodonNetwork.StartAsync();
        var (account, _, token) = await network.ConnectAsync();

        var stored = await network.WithScopeAsync(s => s.GetRequiredService<PoliceFeeds.Infrastructure.Data.PoliceFeedsDbContext>().PublishingAccounts
            .Where(a => a.Id == account.Id).Select(a => a.ProtectedCredentials).SingleAsync());

        Assert.DoesNotContain(token, stored!, StringComparison.Ordinal);
        Assert.DoesNotContain("client-secret", stored!, StringComparison.Ordinal);
        var x = network.Factory.Services.GetRequiredService<PoliceFeeds.Infrastructure.Security.CredentialProtector>();
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => x.Unprotect(stored!));
        var read = await network.WithScopeAsync(s => s.GetRequiredService<IMastodonConnections>().GetAsync(account.Id, CancellationToken.None));
        Assert.Equal((token, "client-secret", account.RemoteUserId), (read!.Credentials.AccessToken, read.Credentials.ClientSecret, read.RemoteUserId));
    }

    [Fact]
    public async Task A_wrong_client_secret_is_refused()
    {
        await using var network = await MastodonNetwork.StartAsync();
        var instance = MastodonInstance.Parse(network.Server.BaseAddress.AbsoluteUri);
        var client = network.Factory.Services.GetRequiredService<MastodonClient>();
        var app = (await client.RegisterAppAsync(instance, CancellationToken.None)).Value!;

        var exchanged = await client.ExchangeCodeAsync(app with { ClientSecret = "wrong" }, "code", CancellationToken.None);

        Assert.IsType<ChannelOutcome.Unauthorized>(exchanged.Failure);
    }
}
