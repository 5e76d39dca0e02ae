using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using PoliceFeeds.Core.Audit;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Infrastructure.Publishing;

/// <summary>
/// The records of outcomes: every update is conditional on the delivery's lease token, goes through the group commit with
/// the other workers' records, and brings the message's publishing status in step with its deliveries in the same
/// transaction (with its audit entry).
/// </summary>
internal sealed class DeliveryRecords(GroupCommitWriter writer, PublishingOptions options, TimeProvider timeProvider)
{
    private DateTime Now => timeProvider.GetUtcNow().UtcDateTime;

    /// <summary>The post is online: its id and address, the marker cleared (this is the reconciliation's only exit besides "absent").</summary>
    public Task<bool> SentAsync(long id, long messageId, int departmentId, Guid token, string postId, string postUrl, ReplyFallback fallback, string? note, CancellationToken cancellationToken)
    {
        var now = Now;
        return UpdateAsync(
            id,
            token,
            DeliveryStatus.Sending,
            s => s
                .SetProperty(d => d.Status, DeliveryStatus.Sent)
                .SetProperty(d => d.RemotePostId, postId)
                .SetProperty(d => d.RemotePostUrl, postUrl)
                .SetProperty(d => d.SentAtUtc, now)
                .SetProperty(d => d.NextAttemptAtUtc, (DateTime?)null)
                .SetProperty(d => d.ReplyFallbackUsed, fallback)
                .Settle(),
            (_, group, _) =>
            {
                group.Step<FirstPosts>().Add(messageId);
                return Task.FromResult(1);
            },
            () => Audit(messageId, departmentId, "message.published", MessageStatus.Publishing, MessageStatus.Published, note is null ? postId : $"{postId} ({note})"),
            cancellationToken);
    }

    /// <summary>The post is gone (or was never there): withdrawn.</summary>
    public Task<bool> WithdrawnAsync(long id, long messageId, int departmentId, Guid token, DeliveryStatus from, string? note, CancellationToken cancellationToken)
    {
        var now = Now;
        return UpdateAsync(
            id,
            token,
            from,
            s => s
                .SetProperty(d => d.Status, DeliveryStatus.Withdrawn)
                .SetProperty(d => d.WithdrawnAtUtc, now)
                .SetProperty(d => d.NextAttemptAtUtc, (DateTime?)null)
                .Settle(),
            (db, _, ct) => db.Messages.Where(m => m.Id == messageId && m.WithdrawnAtUtc == null).ExecuteUpdateAsync(s => s.SetProperty(m => m.WithdrawnAtUtc, now), ct),
            () => Audit(messageId, departmentId, "message.withdrawn", MessageStatus.Withdrawing, MessageStatus.Withdrawn, note),
            cancellationToken);
    }

    /// <summary>
    /// A possibly-sent delivery found online: its post id recorded (and the message's first post, if it has none), and its
    /// deletion queued when someone asked for it. Whether someone did is the row's <see cref="Delivery.WithdrawIfFound"/>
    /// as the update finds it, never the value read at the claim: a cancellation during the check is obeyed.
    /// </summary>
    public Task<bool> FoundAsync(long id, long messageId, int departmentId, Guid token, DeliveryStatus from, string postId, string postUrl, CancellationToken cancellationToken)
    {
        var now = Now;
        var withdrawn = false;
        return UpdateAsync(
            id,
            token,
            from,
            s => s
                .SetProperty(d => d.Status, d => d.WithdrawIfFound ? DeliveryStatus.WithdrawalRequested : DeliveryStatus.Sent)
                .SetProperty(d => d.RemotePostId, postId)
                .SetProperty(d => d.RemotePostUrl, postUrl)
                .SetProperty(d => d.SentAtUtc, now)
                .SetProperty(d => d.Attempts, 0)
                .SetProperty(d => d.NextAttemptAtUtc, d => d.WithdrawIfFound ? now : null)
                .Settle(),
            async (db, group, ct) =>
            {
                // Online: the message shows it as its first post if it has none (as a recorded success does).
                group.Step<FirstPosts>().Add(messageId);
                withdrawn = await db.Deliveries.Where(d => d.Id == id).Select(d => d.Status).SingleAsync(ct) == DeliveryStatus.WithdrawalRequested;
                return 1;
            },
            () => Audit(messageId, departmentId, "message.found_after_uncertain_attempt", MessageStatus.Approved, withdrawn ? MessageStatus.WithdrawalRequested : MessageStatus.Published, postId),
            cancellationToken);
    }

    /// <summary>
    /// Back in the queue at <paramref name="nextAttempt"/> with its reason. <paramref name="keepMarker"/> false clears the
    /// marker only when this very attempt certainly created nothing; an earlier uncertain attempt is never forgotten here.
    /// </summary>
    public Task<bool> RescheduleAsync(long id, Guid token, DeliveryStatus from, DateTime nextAttempt, DeliveryFailure reason, string? detail, bool keepMarker, CancellationToken cancellationToken, DateTime? markerSince = null)
    {
        var now = Now;
        var back = from == DeliveryStatus.Withdrawing ? DeliveryStatus.WithdrawalRequested : from == DeliveryStatus.CheckRequested ? DeliveryStatus.CheckRequested : DeliveryStatus.Pending;
        return UpdateAsync(
            id,
            token,
            from,
            s => s
                .SetProperty(d => d.Status, back)
                .SetProperty(d => d.NextAttemptAtUtc, nextAttempt)
                .SetProperty(d => d.Failure, reason)
                .SetProperty(d => d.FailureDetail, Delivery.Truncate(detail))
                .SetProperty(d => d.FailedAtUtc, now)
                .SetProperty(d => d.PossiblySentSinceUtc, d => keepMarker ? markerSince ?? d.PossiblySentSinceUtc : null)
                .EndLease(),
            null,
            null,
            cancellationToken);
    }

    /// <summary>
    /// Gives up: a post that failed (the marker kept if the post may be online), a deletion that failed (back to sent:
    /// the post is still online), or a check that could not be made (back to its status before the check).
    /// </summary>
    public Task<bool> FailAsync(long id, long messageId, int departmentId, Guid token, DeliveryStatus from, DeliveryFailure reason, string? detail, bool keepMarker, CancellationToken cancellationToken)
    {
        var now = Now;
        var to = from == DeliveryStatus.Withdrawing ? DeliveryStatus.Sent : DeliveryStatus.Failed;
        return UpdateAsync(
            id,
            token,
            from,
            s => s
                .SetProperty(d => d.Status, to)
                .SetProperty(d => d.NextAttemptAtUtc, (DateTime?)null)
                .SetProperty(d => d.Failure, reason)
                .SetProperty(d => d.FailureDetail, Delivery.Truncate(detail))
                .SetProperty(d => d.FailedAtUtc, now)
                .SetProperty(d => d.PossiblySentSinceUtc, d => keepMarker ? d.PossiblySentSinceUtc : null)
                .EndLease(),
            null,
            () => Audit(messageId, departmentId, from == DeliveryStatus.Withdrawing ? "message.withdrawal_failed" : "message.failed", MessageStatus.Publishing, to == DeliveryStatus.Sent ? MessageStatus.Published : MessageStatus.Failed, reason.ToString()),
            cancellationToken);
    }

    /// <summary>
    /// A check that found nothing after the settle time: the cancelled delivery stays out of the queue, marker cleared
    /// (cancelled or failed by the row's <see cref="Delivery.WithdrawIfFound"/> as the update finds it).
    /// </summary>
    public Task<bool> CheckedAbsentAsync(long id, Guid token, CancellationToken cancellationToken) =>
        UpdateAsync(
            id,
            token,
            DeliveryStatus.CheckRequested,
            s => s
                .SetProperty(d => d.Status, d => d.WithdrawIfFound ? DeliveryStatus.Cancelled : DeliveryStatus.Failed)
                .SetProperty(d => d.PossiblySentSinceUtc, (DateTime?)null)
                .SetProperty(d => d.NextAttemptAtUtc, (DateTime?)null)
                .SetProperty(d => d.Failure, d => d.WithdrawIfFound ? DeliveryFailure.None : d.Failure == DeliveryFailure.PossiblySent ? DeliveryFailure.Unavailable : d.Failure)
                .EndLease(),
            null,
            null,
            cancellationToken);

    /// <summary>Held without a claim: the account changed mode or was disconnected since approval (never rerouted).</summary>
    public Task<bool> HoldAsync(DueDelivery delivery, DeliveryHold hold, CancellationToken cancellationToken)
    {
        var now = Now;
        var id = delivery.Id;
        return writer.WriteAsync(
            async (db, group, ct) =>
            {
                var dueNow = DueDeliveries.Query(db, now, options.ClockSkewTolerance).Where(x => x.Id == id && !x.TargetMatches).Select(x => x.Id);
                var held = await db.Deliveries.Where(d => dueNow.Contains(d.Id)).ExecuteUpdateAsync(
                    s => s
                        .SetProperty(d => d.Status, DeliveryStatus.Held)
                        .SetProperty(d => d.Hold, hold)
                        .SetProperty(d => d.Failure, hold == DeliveryHold.Disconnected ? DeliveryFailure.Disconnected : DeliveryFailure.ModeChanged)
                        .SetProperty(d => d.FailedAtUtc, now)
                        .EndLease(),
                    ct) == 1;
                if (held)
                {
                    group.Step<MessageSummaries>().Add(id);
                    db.AuditEntries.Add(Audit(delivery.MessageId, delivery.DepartmentId, "message.held", MessageStatus.Approved, MessageStatus.Approved, hold.ToString()));
                }

                return held;
            },
            cancellationToken);
    }

    public Task RateLimitAccountAsync(int accountId, DateTime until, CancellationToken cancellationToken) =>
        writer.WriteAsync((db, ct) => db.XAccounts.Where(a => a.Id == accountId).ExecuteUpdateAsync(s => s.SetProperty(a => a.RateLimitedUntilUtc, until), ct), cancellationToken);

    /// <summary>Records that the attempt about to be made (attempts + 1, last attempt, marker) before the channel is called.</summary>
    public Task<bool> AttemptAsync(long id, Guid token, DeliveryStatus from, bool marks, CancellationToken cancellationToken)
    {
        var now = Now;
        return UpdateAsync(
            id,
            token,
            from,
            s => s
                .SetProperty(d => d.Attempts, d => d.Attempts + 1)
                .SetProperty(d => d.LastAttemptAtUtc, d => marks ? now : d.LastAttemptAtUtc)
                .SetProperty(d => d.PossiblySentSinceUtc, d => marks ? d.PossiblySentSinceUtc ?? now : d.PossiblySentSinceUtc)
                .SetProperty(d => d.LeaseExpiresAtUtc, now + options.LeaseDuration),
            null,
            null,
            cancellationToken,
            endsLease: false);
    }

    /// <summary>
    /// A conditional update of one delivery (on its lease token and status), the record's own change to its message and
    /// the audit entry, in one transaction of the group commit, where the message's status is then brought in step with
    /// its deliveries (<see cref="MessageSummaries"/>). False: the lease was lost meanwhile.
    /// </summary>
    private Task<bool> UpdateAsync(long id, Guid token, DeliveryStatus from, Action<UpdateSettersBuilder<Delivery>> setters, Func<PoliceFeedsDbContext, GroupCommit, CancellationToken, Task<int>>? message, Func<AuditEntry>? audit, CancellationToken cancellationToken, bool endsLease = true) =>
        writer.WriteAsync(
            async (db, group, ct) =>
            {
                var changed = await db.Deliveries.Where(d => d.Id == id && d.LeaseToken == token && d.Status == from).ExecuteUpdateAsync(setters, ct) == 1;
                if (!changed || !endsLease)
                {
                    return changed;
                }

                if (message is not null)
                {
                    await message(db, group, ct);
                }

                if (audit is not null)
                {
                    db.AuditEntries.Add(audit());
                }

                group.Step<MessageSummaries>().Add(id);
                return true;
            },
            cancellationToken);

    private AuditEntry Audit(long messageId, int departmentId, string action, MessageStatus from, MessageStatus to, string? details) => new()
    {
        AtUtc = Now,
        ActorId = SystemActors.Publisher,
        ActorName = options.InstanceId,
        Action = action,
        EntityType = nameof(Message),
        EntityId = messageId.ToString(CultureInfo.InvariantCulture),
        DepartmentId = departmentId,
        FromStatus = from.ToString(),
        ToStatus = to.ToString(),
        Details = details is { Length: > AuditEntry.MaxDetailsLength } ? details[..AuditEntry.MaxDetailsLength] : details,
    };
}
