namespace PoliceFeeds.Core.XAccounts;

/// <summary>The X account of a department. Its credentials are stored encrypted, never in clear.</summary>
public class XAccount
{
    public int Id { get; set; }

    public int DepartmentId { get; set; }

    /// <summary>Handle without the leading @ (for example "PoliceNat44").</summary>
    public required string Handle { get; set; }

    /// <summary>X's numeric user id, learnt from GET /2/users/me.</summary>
    public string? XUserId { get; set; }

    public XAuthKind AuthKind { get; set; } = XAuthKind.None;

    /// <summary>Credentials serialised then encrypted with ASP.NET Core Data Protection.</summary>
    public string? ProtectedCredentials { get; set; }

    public XAccountMode Mode { get; set; } = XAccountMode.Sandbox;

    public XAccountState State { get; set; } = XAccountState.Connected;

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

    /// <summary>Whether the publisher may send this account's messages.</summary>
    public bool IsUsable => Mode == XAccountMode.Sandbox
        || (State == XAccountState.Connected && AuthKind != XAuthKind.None && ProtectedCredentials is not null);
}

public enum XAccountMode
{
    /// <summary>Posts go to a simulated timeline stored in the database (training, demonstrations).</summary>
    Sandbox = 0,

    /// <summary>Posts go to X.</summary>
    Live = 1,
}

public enum XAccountState
{
    Connected = 0,

    /// <summary>X answered 401 or the refresh token was refused: a national admin must reconnect it.</summary>
    NeedsReconnecting = 1,

    Disconnected = 2,
}

public enum XAuthKind
{
    None = 0,
    OAuth1UserContext = 1,
    OAuth2Pkce = 2,
}
