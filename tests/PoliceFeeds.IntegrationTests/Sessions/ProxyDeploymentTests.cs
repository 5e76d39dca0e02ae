using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Infrastructure.Identity;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.IntegrationTests.Sessions;

/// <summary>
/// Production behind a TLS-terminating reverse proxy, simulated: requests arrive over plain HTTP from the proxy's
/// address with X-Forwarded-Proto and X-Forwarded-For. From the known proxy they count as HTTPS (sign-in works, HSTS,
/// Secure cookies); from any other address the headers are ignored.
/// </summary>
public sealed class ProxyDeploymentTests : IAsyncLifetime
{
    private const string KnownProxy = "10.20.0.5";
    private const string PublicHost = "policefeeds.example.fr";
    private const string Email = "officier.prod@example.fr";
    private const string Password = "Officier-Prod-2026!";
    private readonly ProductionFactory _factory = new();

    public async Task InitializeAsync()
    {
        _factory.Settings["Publishing:RunHostedService"] = "false";
        _factory.Settings["AllowedHosts"] = PublicHost + ";policefeeds-interne";
        _factory.Settings["Deployment:PublicBaseAddress"] = "https://" + PublicHost;
        _factory.Settings["Deployment:KnownProxies:0"] = KnownProxy;
        _factory.Settings["XApi:ClientId"] = "prod-client-id";

        // One test instance whose data folder is thrown away: the generated certificate, knowingly.
        _factory.Settings["DataProtection:AllowGeneratedCertificate"] = "true";
        _factory.Settings["Logging:File:Path"] = Path.Combine(_factory.DataDirectory, "logs", "policefeeds-.json");
        await using var scope = _factory.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = Email, Email = Email, EmailConfirmed = true, DisplayName = "Officier prod", LockoutEnabled = true };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        await users.AddToRoleAsync(user, Roles.Officer);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Through_the_known_proxy_sign_in_works_with_hsts_and_secure_cookies()
    {
        using var client = new TestClient(ProxiedClient(KnownProxy));

        using var login = await client.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.True(login.Headers.Contains("Strict-Transport-Security"));
        Assert.All(SetCookies(login), c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));

        using var signIn = await client.PostFormAsync("/Account/Login", [new("Input.Email", Email), new("Input.Password", Password)]);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var auth = Assert.Single(SetCookies(signIn), c => c.StartsWith("PoliceFeeds.Auth=", StringComparison.Ordinal));
        Assert.Contains("secure", auth, StringComparison.OrdinalIgnoreCase);

        using var home = await client.GetAsync("/Messages");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Fact]
    public async Task The_oauth_redirect_uri_comes_from_the_configured_public_address()
    {
        const string adminEmail = "admin.prod@example.fr";
        const string key = "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U";
        await using (var scope = _factory.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var admin = new AppUser { UserName = adminEmail, Email = adminEmail, EmailConfirmed = true, DisplayName = "Admin prod", LockoutEnabled = true };
            Assert.True((await users.CreateAsync(admin, Password)).Succeeded);
            await users.AddToRoleAsync(admin, Roles.NationalAdmin);
            await users.SetAuthenticationTokenAsync(admin, "[AspNetUserStore]", "AuthenticatorKey", key);
            await users.SetTwoFactorEnabledAsync(admin, true);
        }

        // The proxy reaches the app under an internal name; the public address is what X must send the admin back to.
        using var client = new TestClient(ProxiedClient(KnownProxy, host: "policefeeds-interne"));
        await client.SignInAsync(adminEmail, Password, key);
        using var connect = await client.PostFormAsync("/Admin/Accounts/2", [], "/Admin/Accounts/2?handler=Connect", "form[action*='handler=Connect']");

        Assert.Equal(HttpStatusCode.Redirect, connect.StatusCode);
        var query = System.Web.HttpUtility.ParseQueryString(connect.Headers.Location!.Query);
        Assert.Equal($"https://{PublicHost}/Admin/Accounts/Callback", query["redirect_uri"]);
    }

    [Fact]
    public async Task Forwarded_headers_from_an_unknown_address_are_ignored()
    {
        using var client = ProxiedClient("198.51.100.7");

        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.False(health.Headers.Contains("Strict-Transport-Security"), "an unknown sender made the request count as HTTPS");
    }

    [Fact]
    public async Task A_host_that_is_not_allowed_is_refused()
    {
        using var client = ProxiedClient(KnownProxy, host: "attacker.example");

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private HttpClient ProxiedClient(string remoteAddress, string host = PublicHost) =>
        _factory.CreateDefaultClient(new Uri($"http://{host}/"), new ProxyHeaders(remoteAddress), new InsecureCookieJar());

    private static List<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];

    /// <summary>The app in Production, with the test's way to say which address a request comes from.</summary>
    private sealed class ProductionFactory : PoliceFeedsAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            builder.ConfigureServices(services => services.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, RemoteAddressFromTestHeader>());
        }
    }

    /// <summary>The test server has no TCP connection: a header stands for the address the proxy connects from.</summary>
    private sealed class RemoteAddressFromTestHeader : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue("X-Test-Remote-Address", out var address))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }

    /// <summary>What nginx adds in front of the app.</summary>
    private sealed class ProxyHeaders(string remoteAddress) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add("X-Test-Remote-Address", remoteAddress);
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-For", "203.0.113.9");
            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>
    /// Keeps cookies whatever their Secure flag: the browser sees https://, while the hop to the app is plain HTTP.
    /// </summary>
    private sealed class InsecureCookieJar : DelegatingHandler
    {
        private readonly Dictionary<string, string> _cookies = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (_cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            }

            var response = await base.SendAsync(request, cancellationToken);
            foreach (var cookie in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = cookie.Split(';')[0];
                var name = pair[..pair.IndexOf('=', StringComparison.Ordinal)];
                var value = pair[(name.Length + 1)..];
                if (value.Length == 0 || cookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                {
                    _cookies.Remove(name);
                }
                else
                {
                    _cookies[name] = value;
                }
            }

            return response;
        }
    }
}
