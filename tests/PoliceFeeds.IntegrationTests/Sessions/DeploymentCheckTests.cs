using PoliceFeeds.Web.Startup;

namespace PoliceFeeds.IntegrationTests.Sessions;

/// <summary>The start-up rule for set-ups that cannot work (a plain rule: no app needed).</summary>
public sealed class DeploymentCheckTests
{
    private static DeploymentOptions Proxied() => new() { PublicBaseAddress = "https://policefeeds.example.fr", KnownProxies = ["10.0.0.5"] };

    [Fact]
    public void A_complete_proxied_production_set_up_passes() =>
        Assert.Empty(DeploymentCheck.Problems(Proxied(), strict: true, allowedHosts: "policefeeds.example.fr", listensOnHttps: false));

    [Fact]
    public void Production_over_plain_http_without_a_proxy_setting_is_refused()
    {
        var options = Proxied();
        options.KnownProxies.Clear();

        var problem = Assert.Single(DeploymentCheck.Problems(options, strict: true, allowedHosts: "policefeeds.example.fr", listensOnHttps: false));

        Assert.Contains("plain HTTP", problem, StringComparison.Ordinal);
        Assert.Contains("Deployment:KnownProxies", problem, StringComparison.Ordinal);
        Assert.Empty(DeploymentCheck.Problems(options, strict: true, allowedHosts: "policefeeds.example.fr", listensOnHttps: true));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("")]
    [InlineData(null)]
    public void Production_needs_allowed_hosts(string? allowedHosts) =>
        Assert.Contains(DeploymentCheck.Problems(Proxied(), strict: true, allowedHosts, listensOnHttps: false), p => p.StartsWith("AllowedHosts", StringComparison.Ordinal));

    [Fact]
    public void Allowed_hosts_must_include_the_public_host()
    {
        Assert.Contains(DeploymentCheck.Problems(Proxied(), strict: true, "autre.example.fr", listensOnHttps: false), p => p.Contains("does not include 'policefeeds.example.fr'", StringComparison.Ordinal));
        Assert.Empty(DeploymentCheck.Problems(Proxied(), strict: true, "*.example.fr", listensOnHttps: false));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("http://policefeeds.example.fr")]
    [InlineData("https://policefeeds.example.fr/app")]
    [InlineData("policefeeds.example.fr")]
    public void Production_needs_an_https_public_address_without_a_path(string? address)
    {
        var options = Proxied();
        options.PublicBaseAddress = address;

        Assert.Contains(DeploymentCheck.Problems(options, strict: true, "policefeeds.example.fr", listensOnHttps: false), p => p.StartsWith("Deployment:PublicBaseAddress", StringComparison.Ordinal));
    }

    [Fact]
    public void Malformed_proxy_addresses_are_refused_in_every_environment()
    {
        var options = new DeploymentOptions { KnownProxies = ["10.0.0.300"], KnownNetworks = ["10.0.0.0/99", "192.168.1.0/24"] };

        var problems = DeploymentCheck.Problems(options, strict: false, allowedHosts: "*", listensOnHttps: false);

        Assert.Equal(2, problems.Count);
    }

    [Fact]
    public void Development_on_plain_http_needs_nothing() =>
        Assert.Empty(DeploymentCheck.Problems(new DeploymentOptions(), strict: false, allowedHosts: "*", listensOnHttps: false));
}
