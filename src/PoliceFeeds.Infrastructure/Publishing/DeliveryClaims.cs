using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Infrastructure.Publishing;

/// <summary>
/// Claims and leases. A claim is a conditional update, conditional on the same "due" query the publisher searched with.
/// The lease token is a fencing token: every later update is conditional on it and on the worker's own deliveries (runs
/// claimed in the same transaction share one token, <see cref="ClaimBatch"/>). Where a claim's transaction runs depends
/// on how the database locks (<see cref="WriteAsync"/>).
/// </summary>
internal sealed class DeliveryClaims(PoliceFeedsDbContext db, GroupCommitWriter writer, PublishingOptions options, TimeProvider timeProvider)
{
    private DateTime Now => timeProvider.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Claims a run of one account's deliveries to post. The claim is made at the end of its transaction
    /// (<see cref="ClaimBatch"/>), in one update with the other runs claimed in the same group commit. Returns null if
    /// another instance took them all; otherwise the run, whose <see cref="ClaimedRun.Ids"/> are the deliveries this caller
    /// may read back under its token (the claim may have taken fewer of them).
    /// </summary>
    public async Task<ClaimedRun?> ClaimRunAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        var request = await WriteAsync(
            (_, group, _) => Task.FromResult(group.Step<ClaimBatch>().Add(ids, options, timeProvider)),
            cancellationToken);
        return request.Run;
    }

    /// <summary>Claims one deletion or check: one winner among all instances.</summary>
    public async Task<Guid?> ClaimOneAsync(DueDelivery delivery, CancellationToken cancellationToken)
    {
        var now = Now;
        var token = Guid.NewGuid();
        var leaseUntil = now + options.LeaseDuration;
        var id = delivery.Id;
        var claimed = await WriteAsync(
            async (db, _, ct) =>
            {
                var due = DueDeliveries.Query(db, now, options.ClockSkewTolerance).Where(x => x.Id == id).Select(x => x.Id);
                var transition = delivery.Work == DeliveryWork.Delete ? DeliveryTransition.ClaimTakedown : DeliveryTransition.ClaimCheck;
                var count = await db.Deliveries.Where(d => due.Contains(d.Id)).Allowing(transition).ExecuteUpdateAsync(
                    s => s
                        .Transition(transition, now)
                        .SetProperty(d => d.LeaseOwner, options.InstanceId)
                        .SetProperty(d => d.LeaseToken, token)
                        .SetProperty(d => d.LeaseExpiresAtUtc, leaseUntil),
                    ct);
                if (count > 0 && delivery.Work == DeliveryWork.Delete)
                {
                    await SetMessagesAsync(db, [id], token, MessageStatus.WithdrawalRequested, MessageStatus.Withdrawing, ct);
                }

                return count;
            },
            cancellationToken);
        return claimed == 0 ? null : token;
    }

    /// <summary>
    /// Deliveries of a run that were never sent: back to the queue as they were before the claim (the attempt the claim
    /// recorded is undone; an earlier uncertain attempt stays, to be checked first).
    /// </summary>
    public async Task HandBackAsync(IReadOnlyList<long> unsent, Guid token, IReadOnlySet<long> recordedAtClaim, CancellationToken cancellationToken)
    {
        if (unsent.Count == 0)
        {
            return;
        }

        var now = Now;
        await WriteAsync(
            async (db, _, ct) =>
            {
                var undo = unsent.Where(recordedAtClaim.Contains).ToList();
                var count = await db.Deliveries
                    .Where(d => unsent.Contains(d.Id) && d.LeaseToken == token)
                    .Allowing(DeliveryTransition.HandBack)
                    .ExecuteUpdateAsync(
                        s => s
                            .Transition(DeliveryTransition.HandBack, now, d => undo.Contains(d.Id))
                            .SetProperty(d => d.Attempts, d => undo.Contains(d.Id) ? d.Attempts - 1 : d.Attempts)
                            .SetProperty(d => d.LastAttemptAtUtc, d => undo.Contains(d.Id) ? null : d.LastAttemptAtUtc)
                            .EndLease(),
                        ct);
                var messages = db.Deliveries.Where(d => unsent.Contains(d.Id)).Select(d => d.MessageId);
                await db.Messages.Where(m => messages.Contains(m.Id) && m.Status == MessageStatus.Publishing
                        && !db.Deliveries.Any(d => d.MessageId == m.Id && d.Status == DeliveryStatus.Sending))
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.Approved).SetProperty(m => m.Version, m => m.Version + 1), ct);
                return count;
            },
            cancellationToken);
    }

    /// <summary>
    /// Right before <paramref name="next"/> is posted: renews its lease on condition that it is still this worker's and
    /// unexpired (a lease past its expiry may be taken over at any moment), its attempt's time brought to now when the claim
    /// recorded it (the settle time counts from the call, not the claim); then the rest of the run's. False: the lease of
    /// <paramref name="next"/> was lost, and the channel must not be called.
    /// </summary>
    public Task<bool> RenewAsync(long next, bool stampAttempt, IReadOnlyList<long> rest, Guid token, CancellationToken cancellationToken)
    {
        var now = Now;
        var until = now + options.LeaseDuration;

        // Through the group commit where the database takes one writer at a time (WriteAsync): a renewal on a connection of
        // its own waited for every group in progress in SQLite's busy handler (50 ms a post with a hundred accounts).
        return WriteAsync(
            async (db, _, ct) =>
            {
                var renewed = await db.Deliveries
                    .Where(d => d.Id == next && d.LeaseToken == token && d.LeaseExpiresAtUtc > now)
                    .Allowing(DeliveryTransition.RecordAttempt)
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseExpiresAtUtc, until).SetProperty(d => d.LastAttemptAtUtc, d => stampAttempt ? now : d.LastAttemptAtUtc), ct) == 1;
                if (renewed && rest.Count > 0)
                {
                    await db.Deliveries
                        .Where(d => rest.Contains(d.Id) && d.LeaseToken == token && d.LeaseExpiresAtUtc > now)
                        .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseExpiresAtUtc, until), ct);
                }

                return renewed;
            },
            cancellationToken);
    }

    internal static async Task SetMessagesAsync(PoliceFeedsDbContext db, IReadOnlyList<long> ids, Guid token, MessageStatus from, MessageStatus to, CancellationToken cancellationToken)
    {
        var messages = db.Deliveries.Where(d => ids.Contains(d.Id) && d.LeaseToken == token).Select(d => d.MessageId);
        await db.Messages.Where(m => messages.Contains(m.Id) && m.Status == from)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, to).SetProperty(m => m.Version, m => m.Version + 1), cancellationToken);
    }

    /// <summary>
    /// Runs a claim (or a hand-back) in a transaction that holds no other worker's claim where row locks could deadlock
    /// two instances, and without a wait of its own where the database takes one writer at a time:
    /// <list type="bullet">
    /// <item>SQL Server locks rows: a transaction holding several workers' claims, taken in different orders by two
    /// instances, could deadlock them. Each claim has its own short transaction, in this worker's context, and claims of
    /// different accounts run at the same time.</item>
    /// <item>SQLite takes the whole database's write lock when a write transaction begins (<c>BEGIN IMMEDIATE</c>), so two
    /// transactions can never deadlock; but only one writes at a time. A claim in a transaction of its own waited for every
    /// group commit in progress in SQLite's busy handler, whose sleeps grow to 100 ms: when a hundred accounts started
    /// together, their first posts went out two seconds after the first account's. Here the claim joins the group commit
    /// with the other workers' claims and records, and is committed with them.</item>
    /// </list>
    /// The write may run more than once (a failed group is retried write by write): it changes nothing outside the database.
    /// Work it leaves to the group's end (<see cref="GroupCommit.Step{T}"/>) runs before the commit either way.
    /// </summary>
    private async Task<T> WriteAsync<T>(Func<PoliceFeedsDbContext, GroupCommit, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            return await writer.WriteAsync(write, cancellationToken);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var group = new GroupCommit();
            var result = await write(db, group, ct);
            await group.FinishAsync(db, ct);
            await transaction.CommitAsync(ct);
            return result;
        }, cancellationToken);
    }
}

/// <summary>
/// A claimed run: its lease token, the claim time, its lease expiry and the deliveries it may hold. The claim gives the deliveries whose attempt it
/// recorded this expiry, and the others (an uncertain attempt pending, to be checked first) an expiry one second earlier:
/// read back under the run's token, the expiry tells which is which.
/// </summary>
internal sealed record ClaimedRun(Guid Token, DateTime ClaimedAt, DateTime RecordedLeaseExpiry, IReadOnlyList<long> Ids)
{
    public DateTime CheckFirstLeaseExpiry => RecordedLeaseExpiry - TimeSpan.FromSeconds(1);

    /// <summary>Whether the claim recorded the attempt of this delivery (read back under the run's token, before any renewal).</summary>
    public bool RecordedAtClaim(Delivery claimed) => claimed.LeaseExpiresAtUtc > CheckFirstLeaseExpiry + TimeSpan.FromMilliseconds(500);
}

/// <summary>The setters every update that ends a lease, or settles a delivery, shares.</summary>
public static class LeaseSetters
{
    /// <summary>
    /// Settled (sent, withdrawn, found online): no failure (code and remote detail cleared), and out of any worker's hands
    /// (<see cref="EndLease"/>). The marker is the transition's business (<see cref="DeliveryTransitionSql"/>).
    /// </summary>
    public static UpdateSettersBuilder<Delivery> Settle(this UpdateSettersBuilder<Delivery> setters) => setters
        .SetProperty(d => d.Failure, DeliveryFailure.None)
        .SetProperty(d => d.FailureDetail, (string?)null)
        .EndLease();

    /// <summary>No owner, no token, no expiry: the delivery is out of any worker's hands (the transition bumps the version).</summary>
    public static UpdateSettersBuilder<Delivery> EndLease(this UpdateSettersBuilder<Delivery> setters) => setters
        .SetProperty(d => d.LeaseOwner, (string?)null)
        .SetProperty(d => d.LeaseToken, (Guid?)null)
        .SetProperty(d => d.LeaseExpiresAtUtc, (DateTime?)null);
}
