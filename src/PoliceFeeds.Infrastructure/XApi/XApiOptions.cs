namespace PoliceFeeds.Infrastructure.XApi;

/// <summary>
/// The "XApi" configuration section: where X is, and the national app's keys. The keys come from configuration or user
/// secrets (or a key vault), never from the database.
/// </summary>
public sealed class XApiOptions
{
    public const string SectionName = "XApi";

    /// <summary>Base address of the X API v2 (tests point it at the fake server on loopback).</summary>
    public Uri BaseAddress { get; set; } = new("https://api.x.com");

    /// <summary>X's OAuth 2.0 authorize page.</summary>
    public Uri AuthorizeUrl { get; set; } = new("https://x.com/i/oauth2/authorize");

    /// <summary>OAuth 2.0 client id of the national app.</summary>
    public string? ClientId { get; set; }

    /// <summary>OAuth 2.0 client secret (confidential client: sent with HTTP Basic to the token endpoint).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>OAuth 1.0a consumer key of the national app.</summary>
    public string? ConsumerKey { get; set; }

    /// <summary>OAuth 1.0a consumer secret of the national app.</summary>
    public string? ConsumerSecret { get; set; }

    /// <summary>Scopes requested when connecting an account.</summary>
    public string Scopes { get; set; } = "tweet.read tweet.write users.read media.write offline.access";

    /// <summary>Timeout of one request to X.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long an OAuth 2.0 refresh lease on an account lasts if its holder never releases it (a crash): well over a
    /// token request's timeout, so that a lease never lapses while its holder still waits for X.
    /// </summary>
    public TimeSpan RefreshLeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a caller waits for another caller's refresh of the same account before giving up for now.</summary>
    public TimeSpan RefreshWaitTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
