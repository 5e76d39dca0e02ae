namespace PoliceFeeds.Web.Startup;

/// <summary>The "Deployment" configuration section: how the app is reached (docs/deployment.md).</summary>
public sealed class DeploymentOptions
{
    public const string SectionName = "Deployment";

    /// <summary>
    /// The address people type, e.g. <c>https://policefeeds.example.gouv.fr</c> (scheme and host, no path). The OAuth
    /// <c>redirect_uri</c> is built from it, never from the request's Host. Required outside Development.
    /// </summary>
    public string? PublicBaseAddress { get; set; }

    /// <summary>Addresses of the reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks (CIDR, e.g. <c>10.0.0.0/24</c>) of the reverse proxies whose forwarded headers are believed.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many instances share the database (more than one requires a configured key-ring certificate).</summary>
    public int Instances { get; set; } = 1;

    public bool BehindProxy => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    /// <summary>The OAuth 2.0 callback: from <see cref="PublicBaseAddress"/>, else (Development) from the request.</summary>
    public string RedirectUri(HttpRequest request, string path) =>
        string.IsNullOrWhiteSpace(PublicBaseAddress)
            ? $"{request.Scheme}://{request.Host}{path}"
            : PublicBaseAddress.TrimEnd('/') + path;
}
