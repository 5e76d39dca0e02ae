namespace PoliceFeeds.Core.Sessions;

/// <summary>
/// When a server-side session record still lets its cookie in, and when the record's "last seen" time is worth a write.
/// A session ends on logout, on an admin's deactivation or lock, on a new sign-in from the same browser, or after
/// <see cref="IdleTimeout"/> without a request (the cookie's own sliding expiry, enforced on the server as well).
/// </summary>
public static class SessionPolicy
{
    /// <summary>Same as the authentication cookie's sliding expiry.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromHours(8);

    /// <summary>"Last seen" is written at most this often per session (one small update, not one per request).</summary>
    public static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(10);

    /// <summary>Ended or idle records older than this are deleted when their user signs in again.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    public static bool IsLive(DateTime lastSeenAtUtc, DateTime? endedAtUtc, DateTime nowUtc) =>
        endedAtUtc is null && nowUtc - lastSeenAtUtc < IdleTimeout;

    public static bool ShouldTouch(DateTime lastSeenAtUtc, DateTime nowUtc) => nowUtc - lastSeenAtUtc >= TouchInterval;

    /// <summary>Whether a record can be deleted: ended, or idle past the timeout, for longer than <see cref="Retention"/>.</summary>
    public static bool CanPurge(DateTime lastSeenAtUtc, DateTime? endedAtUtc, DateTime nowUtc) =>
        (endedAtUtc ?? lastSeenAtUtc + IdleTimeout) < nowUtc - Retention;
}
