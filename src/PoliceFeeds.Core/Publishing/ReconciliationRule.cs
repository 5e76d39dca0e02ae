namespace PoliceFeeds.Core.Publishing;

/// <summary>What a look at the account's recent posts says about a possibly-sent delivery.</summary>
public enum ReconcileVerdict
{
    /// <summary>The post is online: record it, never post again.</summary>
    Found = 0,

    /// <summary>Not there yet, but timelines lag behind a create: look again later, keep the marker.</summary>
    NotYetSettled = 1,

    /// <summary>Still absent after the settle time: the attempt did not create a post; a new attempt may go.</summary>
    Absent = 2,
}

/// <summary>The reconciliation rules, pure (the publisher does the reading).</summary>
public static class ReconciliationRule
{
    /// <summary>
    /// Only posts created since the first uncertain attempt count, less the clock skew between us and the channel, rounded
    /// down to the whole second: X gives <c>created_at</c> to the millisecond and takes <c>start_time</c> to the second,
    /// while our marker carries ticks, so a post created in the very millisecond of the attempt would otherwise look older
    /// than the attempt (and, with no skew tolerance, be missed and posted again).
    /// </summary>
    public static DateTime SearchSince(DateTime possiblySentSinceUtc, TimeSpan clockSkew)
    {
        var since = possiblySentSinceUtc - clockSkew;
        return new DateTime(since.Ticks - (since.Ticks % TimeSpan.TicksPerSecond), since.Kind);
    }

    /// <summary>Whether a remote post, created at <paramref name="createdAtUtc"/> (unknown: null), may be ours.</summary>
    public static bool IsCandidate(DateTime? createdAtUtc, DateTime possiblySentSinceUtc, TimeSpan clockSkew) =>
        createdAtUtc is not { } created || created >= SearchSince(possiblySentSinceUtc, clockSkew);

    /// <summary>"Not found" is final only once <paramref name="settleTime"/> has passed since the last attempt.</summary>
    public static ReconcileVerdict Judge(bool found, DateTime lastAttemptUtc, DateTime nowUtc, TimeSpan settleTime) =>
        found ? ReconcileVerdict.Found
        : nowUtc - lastAttemptUtc >= settleTime ? ReconcileVerdict.Absent
        : ReconcileVerdict.NotYetSettled;

    /// <summary>When to look again at a post not yet settled.</summary>
    public static DateTime NextLook(DateTime lastAttemptUtc, TimeSpan settleTime) => lastAttemptUtc + settleTime;
}
