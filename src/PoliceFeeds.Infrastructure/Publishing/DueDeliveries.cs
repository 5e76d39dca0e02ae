using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Infrastructure.Publishing;

/// <summary>What the publisher does with a due delivery.</summary>
internal enum DeliveryWork
{
    /// <summary>Post it (or hold it, when its target changed since approval).</summary>
    Publish = 0,

    /// <summary>Delete its post, where the post actually is.</summary>
    Delete = 1,

    /// <summary>Only find out whether its uncertain attempt reached the channel.</summary>
    Check = 2,
}

/// <summary>A due delivery, as the query finds it (a member-init shape, so that EF Core can compose on it).</summary>
internal sealed class DueDelivery
{
    public long Id { get; init; }

    public long MessageId { get; init; }

    public int DepartmentId { get; init; }

    public int AccountId { get; init; }

    public DeliveryStatus Status { get; init; }

    public DeliveryMode Mode { get; init; }

    /// <summary>The account is still in the mode the delivery was approved for (and not disconnected, if live).</summary>
    public bool TargetMatches { get; init; }

    /// <summary>The order of the account's queue: when the message became due (or its next attempt).</summary>
    public DateTime? DueAtUtc { get; init; }

    public DeliveryWork Work => Status switch
    {
        DeliveryStatus.Pending or DeliveryStatus.Sending => DeliveryWork.Publish,
        DeliveryStatus.CheckRequested => DeliveryWork.Check,
        _ => DeliveryWork.Delete,
    };
}

/// <summary>
/// The "due" condition, written once: used to find the work, to claim it (the claim's update is conditional on the same
/// query) and to know when to wake up.
/// </summary>
internal static class DueDeliveries
{
    /// <summary>
    /// Deliveries the publisher may take at <paramref name="now"/>. Posting needs the national switch on, the department active and not
    /// paused and the message still approved; a delivery whose account changed mode (or was disconnected) since approval is
    /// due too, to be held with its reason, never rerouted. Deleting and checking follow where the post is: a live post needs
    /// the account's live credentials whatever its mode now. A rate-limited account waits.
    /// </summary>
    public static IQueryable<DueDelivery> Query(PoliceFeedsDbContext db, DateTime now, TimeSpan clockSkew)
    {
        var expiredBefore = now - clockSkew;
        return
            from d in db.Deliveries.AsNoTracking()
            join m in db.Messages on d.MessageId equals m.Id
            join dep in db.Departments on d.DepartmentId equals dep.Id
            join a in db.PublishingAccounts on d.AccountId equals a.Id
            let publish = ((d.Status == DeliveryStatus.Pending && d.NextAttemptAtUtc <= now)
                    || (d.Status == DeliveryStatus.Sending && d.LeaseExpiresAtUtc < expiredBefore))
                && dep.IsActive && !dep.PublishingPaused && db.PublishingSettings.Any(s => s.PublishingEnabled)
                && (m.Status == MessageStatus.Approved || m.Status == MessageStatus.Publishing || m.Status == MessageStatus.Published)
            let other = (d.Status == DeliveryStatus.WithdrawalRequested && d.NextAttemptAtUtc <= now)
                || (d.Status == DeliveryStatus.Withdrawing && d.LeaseExpiresAtUtc < expiredBefore)
                || (d.Status == DeliveryStatus.CheckRequested && d.NextAttemptAtUtc <= now && (d.LeaseExpiresAtUtc == null || d.LeaseExpiresAtUtc < expiredBefore))
            let liveUsable = a.State == AccountState.Connected && a.ProtectedCredentials != null

            // The account's create limit holds its posts only: a takedown or a check has limits of its own (kept on itself).
            let createsAllowed = a.RateLimitedUntilUtc == null || a.RateLimitedUntilUtc <= now
            let targetMatches = d.Mode == DeliveryMode.Live ? a.Mode == AccountMode.Live && a.State != AccountState.Disconnected : a.Mode == AccountMode.Sandbox
            where (publish && (!targetMatches || d.Mode == DeliveryMode.Training || (liveUsable && createsAllowed)))
                || (other && (d.Mode == DeliveryMode.Training || liveUsable))
            select new DueDelivery
            {
                Id = d.Id,
                MessageId = d.MessageId,
                DepartmentId = d.DepartmentId,
                AccountId = d.AccountId,
                Status = d.Status,
                Mode = d.Mode,
                TargetMatches = targetMatches,
                DueAtUtc = m.DueAtUtc ?? d.NextAttemptAtUtc,
            };
    }

    /// <summary>
    /// Due deliveries (one account's only, if given): takedowns and checks first (a person found, a cancelled message: the
    /// most urgent work), then posts in the order they were due, then by id.
    /// </summary>
    public static async Task<List<DueDelivery>> FindAsync(PoliceFeedsDbContext db, DateTime now, TimeSpan clockSkew, int? accountId, int take, CancellationToken cancellationToken)
    {
        var due = Query(db, now, clockSkew);
        if (accountId is { } only)
        {
            due = due.Where(x => x.AccountId == only);
        }

        return await due
            .OrderBy(x => x.Status == DeliveryStatus.Pending || x.Status == DeliveryStatus.Sending ? 1 : 0)
            .ThenBy(x => x.DueAtUtc)
            .ThenBy(x => x.Id)
            .Take(take)
            .ToListAsync(cancellationToken);
    }

    /// <summary>When something next becomes due if nothing wakes the publisher before: a next attempt (after any rate-limit reset) or a lease expiry.</summary>
    public static async Task<DateTime?> NextAsync(PoliceFeedsDbContext db, TimeSpan clockSkew, CancellationToken cancellationToken)
    {
        var waiting =
            from x in Query(db, DateTime.MaxValue - clockSkew - TimeSpan.FromDays(1), clockSkew)
            join d in db.Deliveries on x.Id equals d.Id
            join a in db.PublishingAccounts on x.AccountId equals a.Id
            select new { d.Status, d.NextAttemptAtUtc, d.LeaseExpiresAtUtc, a.RateLimitedUntilUtc };
        var nextAttempt = await waiting
            .Where(w => (w.Status == DeliveryStatus.Pending || w.Status == DeliveryStatus.WithdrawalRequested || w.Status == DeliveryStatus.CheckRequested) && w.NextAttemptAtUtc != null)
            .Select(w => w.Status == DeliveryStatus.Pending && w.RateLimitedUntilUtc != null && w.RateLimitedUntilUtc > w.NextAttemptAtUtc ? w.RateLimitedUntilUtc : w.NextAttemptAtUtc)
            .MinAsync(cancellationToken);
        var nextLease = await waiting
            .Where(w => (w.Status == DeliveryStatus.Sending || w.Status == DeliveryStatus.Withdrawing) && w.LeaseExpiresAtUtc != null)
            .MinAsync(w => w.LeaseExpiresAtUtc, cancellationToken);
        return new[] { nextAttempt, nextLease + clockSkew }.Where(d => d.HasValue).Min();
    }
}
