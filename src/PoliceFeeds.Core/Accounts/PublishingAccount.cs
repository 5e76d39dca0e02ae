using PoliceFeeds.Core.Publishing;

namespace PoliceFeeds.Core.Accounts;

/// <summary>
/// An account a department publishes to, on one network (X, Bluesky, Mastodon). A department has any number of them. Its
/// credentials are stored encrypted, in the form its network needs, never in clear.
/// </summary>
public class PublishingAccount
{
    public int Id { get; set; }

    /// <summary>Its scope: a department, or the national scope's own department.</summary>
    public int DepartmentId { get; set; }

    public PublishingNetwork Network { get; set; } = PublishingNetwork.X;

    /// <summary>Handle without the leading @ (for example "PoliceNat44", "police44.bsky.social", "police44").</summary>
    public required string Handle { get; set; }

    /// <summary>
    /// The account's server where its network has several: a Bluesky PDS (<c>https://bsky.social</c>), a Mastodon instance
    /// (<c>https://social.numerique.gouv.fr</c>). Null for X.
    /// </summary>
    public string? ServerUrl { get; set; }

    /// <summary>The account's id at its network: X's numeric user id (GET /2/users/me), a Bluesky DID, a Mastodon account id.</summary>
    public string? RemoteUserId { get; set; }

    public AccountAuthKind AuthKind { get; set; } = AccountAuthKind.None;

    /// <summary>Credentials serialised then encrypted with ASP.NET Core Data Protection.</summary>
    public string? ProtectedCredentials { get; set; }

    public AccountMode Mode { get; set; } = AccountMode.Sandbox;

    public AccountState State { get; set; } = AccountState.Connected;

    public DateTime? LastVerifiedAtUtc { get; set; }

    /// <summary>Set after a 429: no request goes to X for this account before this instant.</summary>
    public DateTime? RateLimitedUntilUtc { get; set; }

    /// <summary>
    /// Set after a 429 on the metrics lookup (a limit of its own at X, apart from posting): the engagement job asks
    /// nothing more for this account before this instant. The publisher ignores it.
    /// </summary>
    public DateTime? MetricsRateLimitedUntilUtc { get; set; }

    /// <summary>Optimistic concurrency token, incremented on every save.</summary>
    public int Version { get; set; }

    /// <summary>
    /// Who holds the OAuth 2.0 refresh lease (instance and process): one refresh at a time per account, across
    /// instances, since X invalidates a refresh token once used. Taken and released by conditional updates.
    /// </summary>
    public string? RefreshLeaseOwner { get; set; }

    /// <summary>The refresh lease's fencing token.</summary>
    public Guid? RefreshLeaseToken { get; set; }

    /// <summary>When the refresh lease lapses if its holder never releases it.</summary>
    public DateTime? RefreshLeaseExpiresAtUtc { get; set; }

    /// <summary>
    /// The most characters a post may count on the account's server, read from it when the account is connected (a
    /// Mastodon instance's <c>max_characters</c>); null: the network's default.
    /// </summary>
    public int? MaxTextLength { get; set; }

    /// <summary>What a link counts on the account's server (Mastodon's <c>characters_reserved_per_url</c>); null: the network's default.</summary>
    public int? CharactersPerUrl { get; set; }

    /// <summary>The longest alt text the account's server takes (Mastodon's <c>description_limit</c>); null: the network's default.</summary>
    public int? MaxAltTextLength { get; set; }

    /// <summary>The account's own text limits, for the network's text rules.</summary>
    public Networks.AccountTextLimits TextLimits => new(MaxTextLength, CharactersPerUrl);

    /// <summary>Whether the publisher may send this account's messages.</summary>
    public bool IsUsable => Mode == AccountMode.Sandbox
        || (State == AccountState.Connected && AuthKind != AccountAuthKind.None && ProtectedCredentials is not null);

    public const int MaxHandleLength = 100;

    public const int MaxServerUrlLength = 200;

    /// <summary>Longest remote account id (X: 19 digits; a Bluesky DID, e.g. did:plc: and 24 characters; a Mastodon id).</summary>
    public const int MaxRemoteUserIdLength = 100;
}

public enum AccountMode
{
    /// <summary>Posts go to a simulated timeline stored in the database (training, demonstrations).</summary>
    Sandbox = 0,

    /// <summary>Posts go to X.</summary>
    Live = 1,
}

public enum AccountState
{
    Connected = 0,

    /// <summary>The network answered 401 or refused the refresh: a national admin must reconnect it.</summary>
    NeedsReconnecting = 1,

    Disconnected = 2,

    /// <summary>Paused by a national admin: its deliveries wait (they are not held, nor rerouted) until it is resumed.</summary>
    Paused = 3,
}

/// <summary>How the stored credentials authenticate, per network.</summary>
public enum AccountAuthKind
{
    None = 0,

    /// <summary>X: OAuth 1.0a user context.</summary>
    OAuth1UserContext = 1,

    /// <summary>X: OAuth 2.0 with PKCE (a refresh token that rotates).</summary>
    OAuth2Pkce = 2,

    /// <summary>Bluesky: the handle and an app password, and the session they open.</summary>
    AppPassword = 3,

    /// <summary>Mastodon: an OAuth 2.0 access token of the app registered on the instance (no expiry).</summary>
    OAuth2Token = 4,
}
