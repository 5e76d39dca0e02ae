using PoliceFeeds.Web.Pages.Admin.Accounts;

namespace PoliceFeeds.IntegrationTests.Networks.Mastodon;

/// <summary>What the Mastodon page takes as an instance's address, in production and in tests.</summary>
public sealed class MastodonInstanceAddressTests
{
    [Theory]
    [InlineData("https://social.numerique.gouv.fr", true, true)]
    [InlineData("https://social.numerique.gouv.fr/", true, true)]
    [InlineData("social.numerique.gouv.fr", true, true)]
    [InlineData("https://mastodon.example:8443", true, true)]
    [InlineData("http://127.0.0.1:5000", false, true)]
    [InlineData("http://social.numerique.gouv.fr", false, false)]
    [InlineData("https://social.numerique.gouv.fr/@police", false, false)]
    [InlineData("https://social.numerique.gouv.fr/?a=b", false, false)]
    [InlineData("https://user:secret@social.numerique.gouv.fr", false, false)]
    [InlineData("ftp://social.numerique.gouv.fr", false, false)]
    [InlineData("pas une adresse", false, false)]
    public void Only_https_hosts_without_a_path_are_taken_and_loopback_http_only_outside_production(string address, bool inProduction, bool inTests)
    {
        Assert.Equal(inProduction, MastodonConnectInputValidator.IsInstance(address, production: true));
        Assert.Equal(inTests, MastodonConnectInputValidator.IsInstance(address, production: false));
    }
}
