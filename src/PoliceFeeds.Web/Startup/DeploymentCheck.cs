using System.Net;

namespace PoliceFeeds.Web.Startup;

/// <summary>
/// Set-ups that cannot work, found at start-up rather than as a 500 on every form: each problem says what to set.
/// </summary>
public static class DeploymentCheck
{
    /// <param name="strict">Outside Development and Testing.</param>
    /// <param name="allowedHosts">The <c>AllowedHosts</c> setting.</param>
    /// <param name="listensOnHttps">Whether Kestrel has an HTTPS endpoint (ASPNETCORE_URLS, HTTPS_PORTS, Kestrel:Endpoints).</param>
    /// <param name="generatedCertificate">
    /// Whether the key ring would be encrypted by the certificate generated in the data folder (no
    /// <c>DataProtection:CertificatePath</c>) without <c>DataProtection:AllowGeneratedCertificate</c> saying so knowingly.
    /// </param>
    public static IReadOnlyList<string> Problems(DeploymentOptions options, bool strict, string? allowedHosts, bool listensOnHttps, bool generatedCertificate = false)
    {
        var problems = new List<string>();
        problems.AddRange(options.KnownProxies.Where(p => !IPAddress.TryParse(p, out _))
            .Select(p => $"Deployment:KnownProxies: '{p}' is not an IP address."));
        problems.AddRange(options.KnownNetworks.Where(n => !IPNetwork.TryParse(n, out _))
            .Select(n => $"Deployment:KnownNetworks: '{n}' is not a network in CIDR notation (e.g. 10.0.0.0/24)."));

        Uri? publicAddress = null;
        if (!string.IsNullOrWhiteSpace(options.PublicBaseAddress)
            && (!Uri.TryCreate(options.PublicBaseAddress, UriKind.Absolute, out publicAddress)
                || (publicAddress.Scheme != Uri.UriSchemeHttps && (strict || publicAddress.Scheme != Uri.UriSchemeHttp))
                || publicAddress.AbsolutePath != "/" || publicAddress.Query.Length > 0))
        {
            problems.Add($"Deployment:PublicBaseAddress '{options.PublicBaseAddress}' must be an https:// address with no path, e.g. https://policefeeds.example.gouv.fr.");
            publicAddress = null;
        }

        if (!strict)
        {
            return problems;
        }

        if (string.IsNullOrWhiteSpace(options.PublicBaseAddress))
        {
            problems.Add("Deployment:PublicBaseAddress is not set: set the address people use, e.g. https://policefeeds.example.gouv.fr (the OAuth redirect_uri registered with X is built from it).");
        }

        var hosts = (allowedHosts ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (hosts.Length == 0 || hosts.Contains("*"))
        {
            problems.Add("AllowedHosts is '*' or empty: set it to the public host name(s), separated by ';' (e.g. policefeeds.example.gouv.fr).");
        }
        else if (publicAddress is not null && !hosts.Any(h => Matches(h, publicAddress.Host)))
        {
            problems.Add($"AllowedHosts '{allowedHosts}' does not include '{publicAddress.Host}', the host of Deployment:PublicBaseAddress: every request would be refused.");
        }

        if (generatedCertificate)
        {
            problems.Add("DataProtection:CertificatePath is not set: the key ring (X credentials, authenticator keys, sessions) would be " +
                "encrypted by a certificate generated in the data folder, next to the database, so one copy of that folder " +
                "decrypts everything. Set DataProtection:CertificatePath (and DataProtection:CertificatePassword) to a PFX kept " +
                "apart, from a key vault or the host; or, knowingly, for a single instance whose data folder is protected as " +
                "a secret, set DataProtection:AllowGeneratedCertificate=true.");
        }

        if (!listensOnHttps && !options.BehindProxy)
        {
            problems.Add("The app listens on plain HTTP and no Deployment:KnownProxies or Deployment:KnownNetworks is set. Its cookies are " +
                "Secure (sign-in, antiforgery), so every form would fail. Behind a reverse proxy that terminates TLS, set " +
                "Deployment:KnownProxies to its address (or Deployment:KnownNetworks); otherwise serve HTTPS " +
                "(ASPNETCORE_URLS=https://+:443 and a certificate in Kestrel:Certificates:Default).");
        }

        return problems;
    }

    /// <summary>
    /// Whether the key ring would be encrypted by the generated certificate without a setting allowing it knowingly.
    /// </summary>
    public static bool UsesGeneratedCertificate(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration["DataProtection:CertificatePath"])
        && !configuration.GetValue("DataProtection:AllowGeneratedCertificate", false);

    /// <summary>Whether Kestrel's configuration names an HTTPS endpoint.</summary>
    public static bool ListensOnHttps(IConfiguration configuration) =>
        (configuration["urls"] ?? "").Contains("https://", StringComparison.OrdinalIgnoreCase)
        || !string.IsNullOrWhiteSpace(configuration["https_ports"])
        || configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Any(e => (e["Url"] ?? "").StartsWith("https://", StringComparison.OrdinalIgnoreCase));

    private static bool Matches(string allowed, string host) =>
        allowed.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(allowed[1..], StringComparison.OrdinalIgnoreCase)
            : string.Equals(allowed, host, StringComparison.OrdinalIgnoreCase);
}
