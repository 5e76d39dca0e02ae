using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Audit;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Publishing;

namespace PoliceFeeds.Web.Pages.Messages;

/// <summary>
/// What the back office may do with a message whose delivery may already be online ("possibly sent"): an edit is refused
/// until the publisher has checked (the check is asked for at once); cancelling, "person found" and ending a deviation go
/// through the planner, which has the publisher check first and delete the post if it is there.
/// </summary>
public static class DeliveryChecks
{
    /// <summary>Whether a delivery of the message may be online without our knowing.</summary>
    public static Task<bool> IsPossiblySentAsync(PoliceFeedsDbContext db, long messageId, CancellationToken cancellationToken) =>
        db.Deliveries.AnyAsync(d => d.MessageId == messageId && d.PossiblySentSinceUtc != null && d.Status != DeliveryStatus.Sent, cancellationToken);

    /// <summary>Asks the publisher to check the failed, possibly-sent deliveries of the message now (pending ones are checked before any new attempt).</summary>
    public static Task RequestCheckAsync(PoliceFeedsDbContext db, long messageId, DateTime nowUtc, CancellationToken cancellationToken) =>
        db.Deliveries
            .Where(d => d.MessageId == messageId && d.PossiblySentSinceUtc != null)
            .Allowing(DeliveryTransition.RequestCheck)
            .ExecuteUpdateAsync(s => s.Transition(DeliveryTransition.RequestCheck, nowUtc).SetProperty(d => d.NextAttemptAtUtc, nowUtc).SetProperty(d => d.Attempts, 0), cancellationToken);

    /// <summary>
    /// Whether the message is "being published" only through leases that expired beyond the clock skew: its worker stopped,
    /// and the publisher cannot take them over while the department is paused (or publishing is off nationally).
    /// </summary>
    public static async Task<bool> IsPublishingStalledAsync(PoliceFeedsDbContext db, long messageId, DateTime nowUtc, TimeSpan clockSkew, CancellationToken cancellationToken)
    {
        var leases = await db.Deliveries.Where(d => d.MessageId == messageId && d.Status == DeliveryStatus.Sending).Select(d => d.LeaseExpiresAtUtc).ToListAsync(cancellationToken);
        return leases.Count > 0 && leases.All(expiry => expiry < nowUtc - clockSkew);
    }

    /// <summary>
    /// Takes over the expired leases of a stalled message (<see cref="IsPublishingStalledAsync"/>) as a publisher would: back
    /// to pending, the lease (a fencing token: the stopped worker can change nothing any more) cleared, the possibly-sent
    /// marker the claim set kept, so the post is checked for before anything else. Returns whether every delivery in
    /// hand was taken back (the caller then moves the message back from "publication en cours", in its own save).
    /// </summary>
    public static async Task<bool> TakeOverStalledAsync(PoliceFeedsDbContext db, long messageId, DateTime nowUtc, TimeSpan clockSkew, CancellationToken cancellationToken)
    {
        var expiredBefore = nowUtc - clockSkew;
        await db.Deliveries
            .Where(d => d.MessageId == messageId && d.LeaseExpiresAtUtc < expiredBefore)
            .Allowing(DeliveryTransition.TakeOver)
            .ExecuteUpdateAsync(s => s.Transition(DeliveryTransition.TakeOver, nowUtc).EndLease(), cancellationToken);
        return !await db.Deliveries.AnyAsync(d => d.MessageId == messageId && d.Status == DeliveryStatus.Sending, cancellationToken);
    }

    /// <summary>
    /// Held deliveries (the account changed mode or was disconnected since approval) approved again: their target is fixed
    /// anew, as the account stands now, and they go back in the queue, with an entry in the message's history by
    /// <paramref name="actorId"/> (saved by the caller). Returns how many.
    /// </summary>
    public static async Task<int> ReapproveHeldAsync(PoliceFeedsDbContext db, Message message, string actorId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var held = await db.Deliveries.Where(d => d.MessageId == message.Id && d.Status == DeliveryStatus.Held).ToListAsync(cancellationToken);
        foreach (var delivery in held)
        {
            // A held delivery whose last attempt is uncertain went to the target it was approved for: it is checked there
            // first (Requeue takes it to a check), never looked for on the new target; found absent, it is held again
            // and re-approved then. Any other is fixed anew, as the account stands now.
            DeliveryStateMachine.Apply(delivery, DeliveryTransition.Requeue, nowUtc);
            delivery.Attempts = 0;
            if (delivery.Status == DeliveryStatus.CheckRequested)
            {
                delivery.NextAttemptAtUtc = nowUtc;
                continue;
            }

            var mode = await db.PublishingAccounts.AsNoTracking().Where(a => a.Id == delivery.AccountId).Select(a => a.Mode).SingleAsync(cancellationToken);
            delivery.Mode = mode == AccountMode.Live ? DeliveryMode.Live : DeliveryMode.Training;
            delivery.Hold = DeliveryHold.None;
            delivery.Failure = DeliveryFailure.None;
            delivery.FailureDetail = null;

            // Due when the message says (a held message scheduled later waits for its time), at once if that has passed.
            delivery.NextAttemptAtUtc = message.NextAttemptAtUtc is { } due && due > nowUtc ? due : nowUtc;
        }

        if (held.Count > 0)
        {
            db.AuditEntries.Add(new AuditEntry
            {
                AtUtc = nowUtc,
                ActorId = actorId,
                Action = "message.reapproved",
                EntityType = nameof(Message),
                EntityId = message.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                DepartmentId = message.DepartmentId,
                FromStatus = message.Status.ToString(),
                ToStatus = message.Status.ToString(),
            });
        }

        return held.Count;
    }
}
