using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.IntegrationTests.Security;

public sealed class SecurityHeadersTests(PoliceFeedsAppFactory factory) : IClassFixture<PoliceFeedsAppFactory>
{
    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/health")]
    [InlineData("/page-qui-n-existe-pas")]
    public async Task Every_response_carries_the_security_headers(string url)
    {
        using var client = factory.CreateTestClient();
        using var response = await client.GetAsync(url);

        var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("base-uri 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        // The OAuth connection's redirect to X's authorize page is the one form target outside the app.
        Assert.Contains("form-action 'self' https://x.com", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task Pages_contain_no_inline_script()
    {
        using var client = factory.CreateTestClient();
        var page = await client.GetPageAsync("/Account/Login");

        Assert.All(page.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src")), "inline <script> found"));
    }

    [Fact]
    public void Hsts_lasts_at_least_a_year()
    {
        var options = factory.Services.GetRequiredService<IOptions<HstsOptions>>().Value;

        Assert.True(options.MaxAge >= TimeSpan.FromDays(365));
    }

    [Fact]
    public async Task Session_and_antiforgery_cookies_are_http_only_and_same_site()
    {
        using var client = factory.CreateTestClient();
        using var page = await client.GetAsync("/Account/Login");
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("PoliceFeeds.Antiforgery", StringComparison.Ordinal));
        Assert.Contains("httponly", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", antiforgery, StringComparison.OrdinalIgnoreCase);

        using var signIn = await client.PostFormAsync("/Account/Login", [new("Input.Email", DemoUsers.Officer35), new("Input.Password", Web.Startup.UserSeeder.DemoPassword)]);
        var auth = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("PoliceFeeds.Auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", auth, StringComparison.OrdinalIgnoreCase);
    }
}
