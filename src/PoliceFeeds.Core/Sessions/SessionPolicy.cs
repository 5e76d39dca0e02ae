namespace PoliceFeeds.Core.Sessions;

/// <summary>
/// When a server-side session record still lets its cookie in, and when the record's "last seen" time is worth a write.
/// A session ends on logout, on an admin's deactivation, lock, password or second-factor reset or role change, on the
/// user's own password change (their other sessions), on a new sign-in from the same browser, after
/// <see cref="IdleTimeout"/> without a request (the cookie's own sliding expiry, enforced on the server as well), and in
/// any case after its absolute lifetime (<see cref="DefaultAbsoluteLifetime"/> unless configured), however busy.
/// </summary>
public static class SessionPolicy
{
    /// <summary>Same as the authentication cookie's sliding expiry.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromHours(8);

    /// <summary>"Last seen" is written at most this often per session (one small update, not one per request).</summary>
    public static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(10);

    /// <summary>Ended or idle records older than this are deleted when their user signs in again.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    /// <summary>A working day: a session opened in the morning ends in the evening, in use or not.</summary>
    public static readonly TimeSpan DefaultAbsoluteLifetime = TimeSpan.FromHours(10);

    public static bool IsLive(DateTime lastSeenAtUtc, DateTime? endedAtUtc, DateTime nowUtc) =>
        endedAtUtc is null && nowUtc - lastSeenAtUtc < IdleTimeout;

    /// <summary>Open, not idle too long, and younger than <paramref name="absoluteLifetime"/> since the sign-in.</summary>
    public static bool IsLive(DateTime createdAtUtc, DateTime lastSeenAtUtc, DateTime? endedAtUtc, DateTime nowUtc, TimeSpan absoluteLifetime) =>
        IsLive(lastSeenAtUtc, endedAtUtc, nowUtc) && nowUtc - createdAtUtc < absoluteLifetime;

    public static bool ShouldTouch(DateTime lastSeenAtUtc, DateTime nowUtc) => nowUtc - lastSeenAtUtc >= TouchInterval;

    /// <summary>Whether a record can be deleted: ended, or idle past the timeout, for longer than <see cref="Retention"/>.</summary>
    public static bool CanPurge(DateTime lastSeenAtUtc, DateTime? endedAtUtc, DateTime nowUtc) =>
        (endedAtUtc ?? lastSeenAtUtc + IdleTimeout) < nowUtc - Retention;
}
