using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Infrastructure.Publishing;

/// <summary>
/// Claims and leases. A claim is one conditional update in a short transaction of its own (never in a group commit that
/// holds other workers' claims, which could deadlock two instances on SQL Server), conditional on the same "due" query
/// the publisher searched with. The lease token is a fencing token: every later update is conditional on it.
/// </summary>
internal sealed class DeliveryClaims(PoliceFeedsDbContext db, PublishingOptions options, TimeProvider timeProvider)
{
    private DateTime Now => timeProvider.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Claims a run of one account's deliveries to post (one lease token for the run). The attempt of every delivery with
    /// no uncertain attempt pending is recorded by the claim itself (attempts + 1, marker set), so each is recorded before
    /// the channel is called. Returns the token, the claim time and the deliveries whose attempt the claim recorded (told
    /// by the claim itself, never guessed from timestamps: with a coarse or frozen clock, an earlier uncertain attempt can
    /// carry the very same time as this claim), or null if another instance took them all.
    /// </summary>
    public async Task<ClaimedRun?> ClaimRunAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        var now = Now;
        var token = Guid.NewGuid();
        var freshToken = Guid.NewGuid();
        var leaseUntil = now + options.LeaseDuration;
        var due = DueDeliveries.Query(db, now, options.ClockSkewTolerance).Where(x => ids.Contains(x.Id)).Select(x => x.Id);
        var recorded = new List<long>();
        var claimed = await InOwnTransactionAsync(
            async ct =>
            {
                recorded.Clear();

                // Without an uncertain attempt pending: the claim records this attempt (under a token of its own, to know which).
                var fresh = await db.Deliveries.Where(d => due.Contains(d.Id) && d.PossiblySentSinceUtc == null).ExecuteUpdateAsync(
                    s => s
                        .SetProperty(d => d.Status, DeliveryStatus.Sending)
                        .SetProperty(d => d.LeaseOwner, options.InstanceId)
                        .SetProperty(d => d.LeaseToken, freshToken)
                        .SetProperty(d => d.LeaseExpiresAtUtc, leaseUntil)
                        .SetProperty(d => d.Attempts, d => d.Attempts + 1)
                        .SetProperty(d => d.LastAttemptAtUtc, now)
                        .SetProperty(d => d.PossiblySentSinceUtc, now)
                        .SetProperty(d => d.Version, d => d.Version + 1),
                    ct);
                if (fresh > 0)
                {
                    recorded.AddRange(await db.Deliveries.Where(d => d.LeaseToken == freshToken).Select(d => d.Id).ToListAsync(ct));
                    await db.Deliveries.Where(d => d.LeaseToken == freshToken).ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseToken, token), ct);
                }

                // With an uncertain attempt pending: claimed as they are, to be checked before anything is posted.
                var pending = await db.Deliveries.Where(d => due.Contains(d.Id) && d.PossiblySentSinceUtc != null).ExecuteUpdateAsync(
                    s => s
                        .SetProperty(d => d.Status, DeliveryStatus.Sending)
                        .SetProperty(d => d.LeaseOwner, options.InstanceId)
                        .SetProperty(d => d.LeaseToken, token)
                        .SetProperty(d => d.LeaseExpiresAtUtc, leaseUntil)
                        .SetProperty(d => d.Version, d => d.Version + 1),
                    ct);
                var count = fresh + pending;
                if (count > 0)
                {
                    await SetMessagesAsync(token, MessageStatus.Approved, MessageStatus.Publishing, ct);
                }

                return count;
            },
            cancellationToken);
        return claimed == 0 ? null : new ClaimedRun(token, now, recorded.ToHashSet());
    }

    /// <summary>Claims one deletion or check: one winner among all instances.</summary>
    public async Task<Guid?> ClaimOneAsync(DueDelivery delivery, CancellationToken cancellationToken)
    {
        var now = Now;
        var token = Guid.NewGuid();
        var leaseUntil = now + options.LeaseDuration;
        var id = delivery.Id;
        var due = DueDeliveries.Query(db, now, options.ClockSkewTolerance).Where(x => x.Id == id).Select(x => x.Id);
        var claimed = await InOwnTransactionAsync(
            async ct =>
            {
                var count = await db.Deliveries.Where(d => due.Contains(d.Id)).ExecuteUpdateAsync(
                    s => s
                        .SetProperty(d => d.Status, d => d.Status == DeliveryStatus.CheckRequested ? DeliveryStatus.CheckRequested : DeliveryStatus.Withdrawing)
                        .SetProperty(d => d.LeaseOwner, options.InstanceId)
                        .SetProperty(d => d.LeaseToken, token)
                        .SetProperty(d => d.LeaseExpiresAtUtc, leaseUntil)
                        .SetProperty(d => d.Version, d => d.Version + 1),
                    ct);
                if (count > 0 && delivery.Work == DeliveryWork.Delete)
                {
                    await SetMessagesAsync(token, MessageStatus.WithdrawalRequested, MessageStatus.Withdrawing, ct);
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

        await InOwnTransactionAsync(
            async ct =>
            {
                var undo = unsent.Where(recordedAtClaim.Contains).ToList();
                var count = await db.Deliveries
                    .Where(d => unsent.Contains(d.Id) && d.LeaseToken == token && d.Status == DeliveryStatus.Sending)
                    .ExecuteUpdateAsync(
                        s => s
                            .SetProperty(d => d.Status, DeliveryStatus.Pending)
                            .SetProperty(d => d.Attempts, d => undo.Contains(d.Id) ? d.Attempts - 1 : d.Attempts)
                            .SetProperty(d => d.LastAttemptAtUtc, d => undo.Contains(d.Id) ? null : d.LastAttemptAtUtc)
                            .SetProperty(d => d.PossiblySentSinceUtc, d => undo.Contains(d.Id) ? null : d.PossiblySentSinceUtc)
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

    /// <summary>Renews the lease of a run's deliveries still in hand (they share one token and one expiry).</summary>
    public async Task<bool> RenewAsync(IReadOnlyList<long> held, Guid token, CancellationToken cancellationToken)
    {
        var until = Now + options.LeaseDuration;
        return await db.Deliveries
            .Where(d => held.Contains(d.Id) && d.LeaseToken == token)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseExpiresAtUtc, until), cancellationToken) > 0;
    }

    private async Task SetMessagesAsync(Guid token, MessageStatus from, MessageStatus to, CancellationToken cancellationToken)
    {
        var messages = db.Deliveries.Where(d => d.LeaseToken == token).Select(d => d.MessageId);
        await db.Messages.Where(m => messages.Contains(m.Id) && m.Status == from)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, to).SetProperty(m => m.Version, m => m.Version + 1), cancellationToken);
    }

    private async Task<int> InOwnTransactionAsync(Func<CancellationToken, Task<int>> write, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var count = await write(ct);
            await transaction.CommitAsync(ct);
            return count;
        }, cancellationToken);
    }
}

/// <summary>A claimed run: its lease token, the claim time, and the deliveries whose attempt the claim itself recorded.</summary>
internal sealed record ClaimedRun(Guid Token, DateTime ClaimedAt, IReadOnlySet<long> RecordedAtClaim);

/// <summary>The setters every update that ends a lease, or settles a delivery, shares.</summary>
internal static class LeaseSetters
{
    /// <summary>
    /// Settled (sent, withdrawn, found online): nothing uncertain left (the "possibly sent" marker cleared), no failure
    /// (code and remote detail cleared), and out of any worker's hands (<see cref="EndLease"/>).
    /// </summary>
    public static UpdateSettersBuilder<Delivery> Settle(this UpdateSettersBuilder<Delivery> setters) => setters
        .SetProperty(d => d.PossiblySentSinceUtc, (DateTime?)null)
        .SetProperty(d => d.Failure, DeliveryFailure.None)
        .SetProperty(d => d.FailureDetail, (string?)null)
        .EndLease();

    /// <summary>No owner, no token, no expiry, and a new version: the delivery is out of any worker's hands.</summary>
    public static UpdateSettersBuilder<Delivery> EndLease(this UpdateSettersBuilder<Delivery> setters) => setters
        .SetProperty(d => d.LeaseOwner, (string?)null)
        .SetProperty(d => d.LeaseToken, (Guid?)null)
        .SetProperty(d => d.LeaseExpiresAtUtc, (DateTime?)null)
        .SetProperty(d => d.Version, d => d.Version + 1);
}
