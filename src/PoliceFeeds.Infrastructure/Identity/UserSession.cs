namespace PoliceFeeds.Infrastructure.Identity;

/// <summary>
/// One sign-in, on the server: the authentication cookie carries its id (claim <c>policefeeds:sid</c>) and is refused
/// once the record has ended, on every instance, at the next request.
/// </summary>
public class UserSession
{
    /// <summary>256 random bits, base64url.</summary>
    public required string Id { get; set; }

    public required string UserId { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>Written at most every 10 minutes (<c>SessionPolicy.TouchInterval</c>).</summary>
    public DateTime LastSeenAtUtc { get; set; }

    public DateTime? EndedAtUtc { get; set; }

    /// <summary>logout, deactivated, locked, password-reset, replaced.</summary>
    public string? EndReason { get; set; }
}
