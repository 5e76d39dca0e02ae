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
            DeliveryTransition.Sent,
            s => s
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
    public Task<bool> WithdrawnAsync(long id, long messageId, int departmentId, Guid token, string? note, CancellationToken cancellationToken)
    {
        var now = Now;
        return UpdateAsync(
            id,
            token,
            DeliveryTransition.Withdrawn,
            s => s
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
    public Task<bool> FoundAsync(long id, long messageId, int departmentId, Guid token, string postId, string postUrl, CancellationToken cancellationToken)
    {
        var now = Now;
        var withdrawn = false;
        return UpdateAsync(
            id,
            token,
            DeliveryTransition.Found,
            s => s
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
    /// Back in the queue at <paramref name="nextAttempt"/> with its reason (a post back to pending, a deletion back to its
    /// queue, a check stays a check). <paramref name="nothingSent"/>: the channel's answer proves this attempt created
    /// nothing, so the marker goes if it was this attempt's own (<paramref name="ownAttempt"/>); an earlier uncertain
    /// attempt is never forgotten here.
    /// </summary>
    public Task<bool> RescheduleAsync(long id, Guid token, DateTime nextAttempt, DeliveryFailure reason, string? detail, bool nothingSent, bool ownAttempt, CancellationToken cancellationToken)
    {
        var now = Now;
        return UpdateAsync(
            id,
            token,
            nothingSent ? DeliveryTransition.RetryNothingSent : DeliveryTransition.Retry,
            s => s
                .SetProperty(d => d.NextAttemptAtUtc, nextAttempt)
                .SetProperty(d => d.Failure, reason)
                .SetProperty(d => d.FailureDetail, Delivery.Truncate(detail))
                .SetProperty(d => d.FailedAtUtc, now)
                .EndLease(),
            null,
            null,
            cancellationToken,
            ownAttempt: ownAttempt);
    }

    /// <summary>
    /// Gives up a post: failed, the marker kept (the post may be online: "Relancer" checks first) unless
    /// <paramref name="nothingSent"/>: the answer proves its only attempt, the one that set the marker, created nothing.
    /// </summary>
    public Task<bool> FailAsync(long id, long messageId, int departmentId, Guid token, DeliveryFailure reason, string? detail, bool nothingSent, CancellationToken cancellationToken)
    {
        var now = Now;
        return UpdateAsync(
            id,
            token,
            DeliveryTransition.Fail,
            s => s
                .SetProperty(d => d.NextAttemptAtUtc, (DateTime?)null)
                .SetProperty(d => d.Failure, reason)
                .SetProperty(d => d.FailureDetail, Delivery.Truncate(detail))
                .SetProperty(d => d.FailedAtUtc, now)
                .EndLease(),
            null,
            () => Audit(messageId, departmentId, "message.failed", MessageStatus.Publishing, MessageStatus.Failed, reason.ToString()),
            cancellationToken,
            ownAttempt: nothingSent);
    }

    /// <summary>
    /// A check that found nothing after the settle time, on a complete read: the marker cleared as "not online"; the
    /// delivery is cancelled if someone asked for its withdrawal, held again if it was held, failed otherwise (the officer
    /// may edit and retry).
    /// </summary>
    public Task<bool> CheckedAbsentAsync(long id, Guid token, CancellationToken cancellationToken) =>
        UpdateAsync(
            id,
            token,
            DeliveryTransition.ReconciledAbsent,
            s => s
                .SetProperty(d => d.NextAttemptAtUtc, (DateTime?)null)
                .SetProperty(d => d.Failure, AbsentFailure)
                .EndLease(),
            null,
            null,
            cancellationToken);

    /// <summary>
    /// A possibly-sent delivery that no complete read can settle (the account's timeline no longer reaches the attempt): it
    /// waits for a validator to say whether the post is online; nothing is posted again meanwhile.
    /// </summary>
    public Task<bool> NeedsHandCheckAsync(long id, long messageId, int departmentId, Guid token, CancellationToken cancellationToken)
    {
        var now = Now;
        return UpdateAsync(
            id,
            token,
            DeliveryTransition.NeedsHandCheck,
            s => s
                .SetProperty(d => d.NextAttemptAtUtc, (DateTime?)null)
                .SetProperty(d => d.Failure, DeliveryFailure.CheckByHand)
                .SetProperty(d => d.FailedAtUtc, now)
                .EndLease(),
            null,
            () => Audit(messageId, departmentId, "message.check_by_hand", MessageStatus.Publishing, MessageStatus.Failed, null),
            cancellationToken);
    }

    /// <summary>The failure a check found absent leaves: none if cancelled, the hold's reason if held again, else what failed before.</summary>
    private static readonly System.Linq.Expressions.Expression<Func<Delivery, DeliveryFailure>> AbsentFailure = d =>
        d.WithdrawIfFound ? DeliveryFailure.None
        : d.Hold == DeliveryHold.Disconnected ? DeliveryFailure.Disconnected
        : d.Hold == DeliveryHold.ModeChanged ? DeliveryFailure.ModeChanged
        : d.Failure == DeliveryFailure.PossiblySent || d.Failure == DeliveryFailure.CheckByHand ? DeliveryFailure.Unavailable
        : d.Failure;

    /// <summary>Held without a claim: the account changed mode or was disconnected since approval (never rerouted).</summary>
    public Task<bool> HoldAsync(DueDelivery delivery, DeliveryHold hold, CancellationToken cancellationToken)
    {
        var now = Now;
        var id = delivery.Id;
        return writer.WriteAsync(
            async (db, group, ct) =>
            {
                var dueNow = DueDeliveries.Query(db, now, options.ClockSkewTolerance).Where(x => x.Id == id && !x.TargetMatches).Select(x => x.Id);
                var held = await db.Deliveries.Where(d => dueNow.Contains(d.Id)).Allowing(DeliveryTransition.Hold).ExecuteUpdateAsync(
                    s => s
                        .Transition(DeliveryTransition.Hold, now)
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
        writer.WriteAsync((db, ct) => db.PublishingAccounts.Where(a => a.Id == accountId).ExecuteUpdateAsync(s => s.SetProperty(a => a.RateLimitedUntilUtc, until), ct), cancellationToken);

    /// <summary>
    /// Records the call about to be made (attempts + 1, and for a post the last attempt's time and the marker) before the
    /// channel is called, and renews the lease from now: the settle time and the lease count from the call, not the claim.
    /// False: the lease was lost (another instance took the delivery over): the caller must not call the channel.
    /// </summary>
    public Task<bool> AttemptAsync(long id, Guid token, bool marks, CancellationToken cancellationToken, ReplyFallback? fallback = null)
    {
        var now = Now;
        return UpdateAsync(
            id,
            token,
            marks ? DeliveryTransition.RecordAttempt : DeliveryTransition.RecordCall,
            s => s
                .SetProperty(d => d.Attempts, d => d.Attempts + 1)
                .SetProperty(d => d.LastAttemptAtUtc, d => marks ? now : d.LastAttemptAtUtc)
                .SetProperty(d => d.ReplyFallbackUsed, d => fallback ?? d.ReplyFallbackUsed)
                .SetProperty(d => d.LeaseExpiresAtUtc, now + options.LeaseDuration),
            null,
            null,
            cancellationToken,
            endsLease: false,
            leaseUnexpiredAt: now);
    }

    /// <summary>
    /// A conditional update of one delivery (on its lease token and status), the record's own change to its message and
    /// the audit entry, in one transaction of the group commit, where the message's status is then brought in step with
    /// its deliveries (<see cref="MessageSummaries"/>). False: the lease was lost meanwhile.
    /// </summary>
    private Task<bool> UpdateAsync(long id, Guid token, DeliveryTransition transition, Action<UpdateSettersBuilder<Delivery>> setters, Func<PoliceFeedsDbContext, GroupCommit, CancellationToken, Task<int>>? message, Func<AuditEntry>? audit, CancellationToken cancellationToken, bool endsLease = true, bool ownAttempt = false, DateTime? leaseUnexpiredAt = null)
    {
        var now = Now;
        return writer.WriteAsync(
            async (db, group, ct) =>
            {
                var rows = db.Deliveries.Where(d => d.Id == id && d.LeaseToken == token).Allowing(transition);
                if (leaseUnexpiredAt is { } at)
                {
                    // Fencing right before a call: a lease past its expiry may be taken over at any moment, so it is not renewed.
                    rows = rows.Where(d => d.LeaseExpiresAtUtc > at);
                }

                var changed = await rows.ExecuteUpdateAsync(
                    s =>
                    {
                        setters(s);
                        s.Transition(transition, now, ownAttempt);
                    },
                    ct) == 1;
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
    }

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
