using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;

namespace PoliceFeeds.Infrastructure.Data;

/// <summary>
/// Keeps a message's deliveries in step with its editorial lifecycle, in the same save as the status change: an approval
/// plans a delivery to each of the message's target accounts (any network; every account of the department when it
/// records none), its target (account and mode) fixed now, and its
/// own key (<see cref="Delivery.ClientKey"/>); any edit that keeps the message
/// scheduled, and any new approval, re-plans the pending ones at the message's due time (a delivery never keeps a time the
/// message no longer has); an edit or a cancellation takes the pending ones out of the queue (a possibly-sent one is checked first and withdrawn if found online, never left
/// there); a withdrawal request queues the deletion of every post online.
/// </summary>
internal static class DeliveryPlanner
{
    public static async Task PlanAsync(PoliceFeedsDbContext db, CancellationToken cancellationToken)
    {
        foreach (var entry in db.ChangeTracker.Entries<Message>().Where(e => e.State is EntityState.Added or EntityState.Modified).ToList())
        {
            var message = entry.Entity;
            var changes = message.PendingChanges;
            var added = entry.State == EntityState.Added;
            var approved = (added && message.Status == MessageStatus.Approved && changes.Count == 0)
                || changes.Any(c => c.To == MessageStatus.Approved && c.From != MessageStatus.Approved);
            var leftQueue = changes.Any(c => c.From is MessageStatus.Approved or MessageStatus.Failed
                && c.To is MessageStatus.Draft or MessageStatus.Cancelled);
            var withdrawal = changes.Any(c => c.To == MessageStatus.WithdrawalRequested);
            var retryFailed = changes.Any(c => c.Action == Message.FailedDeliveriesRetried);

            // An edit that keeps the message scheduled (Approved to Approved) may have moved its due time.
            var keptScheduled = !approved && message.Status == MessageStatus.Approved
                && changes.Any(c => c.From == MessageStatus.Approved && c.To == MessageStatus.Approved);
            if (!approved && !leftQueue && !withdrawal && !keptScheduled && !retryFailed)
            {
                continue;
            }

            var deliveries = added ? message.Deliveries : await db.Deliveries.Where(d => d.MessageId == message.Id).ToListAsync(cancellationToken);
            if (!added && !entry.Collection(m => m.Targets).IsLoaded)
            {
                // The targets as this save leaves them (an edit may have changed them along with the status).
                await entry.Collection(m => m.Targets).LoadAsync(cancellationToken);
            }

            var now = message.UpdatedAtUtc;
            if (leftQueue)
            {
                // A check already asked for (by a refused edit), or waiting for a person, now withdraws what it finds: the
                // worker reads this when it records the check's result, so a check in progress obeys it too.
                deliveries.Where(d => DeliveryStateMachine.Allows(DeliveryTransition.LeaveQueue, d.Status)).ToList().ForEach(d => LeaveQueue(d, now));
            }

            if (withdrawal)
            {
                // Every post online comes down; a delivery not online yet (another network's turn, a rate limit, a hold)
                // leaves the queue, checked first and withdrawn if found when its last attempt was uncertain.
                deliveries.Where(d => DeliveryStateMachine.Allows(DeliveryTransition.RequestWithdrawal, d.Status)).ToList().ForEach(d => RequestWithdrawal(d, now));
                deliveries.Where(d => DeliveryStateMachine.Allows(DeliveryTransition.LeaveQueue, d.Status)).ToList().ForEach(d => LeaveQueue(d, now));
            }

            if (retryFailed && message.Status == MessageStatus.Published)
            {
                // "Relancer" while the message is online elsewhere: each failed delivery goes again, with a fresh count.
                deliveries.Where(d => d.Status == DeliveryStatus.Failed).ToList().ForEach(d => Requeue(d, now));
            }

            if ((approved || keptScheduled) && message.Status == MessageStatus.Approved)
            {
                // A new approval plans every target; an edit that keeps the message scheduled moves the pending ones to its
                // due time and follows a change of targets (a new account gets its delivery, a dropped one leaves the queue).
                await PlanApprovedAsync(db, message, deliveries, approved, cancellationToken);
                deliveries.Where(d => !message.GoesTo(d.AccountId) && DeliveryStateMachine.Allows(DeliveryTransition.LeaveQueue, d.Status))
                    .ToList().ForEach(d => LeaveQueue(d, now));
            }
        }
    }

    private static async Task PlanApprovedAsync(PoliceFeedsDbContext db, Message message, List<Delivery> deliveries, bool approved, CancellationToken cancellationToken)
    {
        // Each target account of the department that is not disconnected (every such account when the message records no
        // target); one to reconnect or paused gets its delivery too: held, or waiting, until it is usable again. Each
        // delivery's target (account and mode) is fixed now.
        var accounts = (await db.PublishingAccounts.AsNoTracking()
                .Where(a => a.DepartmentId == message.DepartmentId && a.State != AccountState.Disconnected)
                .OrderBy(a => a.Id)
                .Select(a => new { a.Id, a.Mode })
                .ToListAsync(cancellationToken))
            .Where(a => message.GoesTo(a.Id));
        var due = DueOf(message);
        foreach (var account in accounts)
        {
            var mode = account.Mode == AccountMode.Live ? DeliveryMode.Live : DeliveryMode.Training;
            if (deliveries.FirstOrDefault(d => d.AccountId == account.Id) is { } existing)
            {
                if (approved)
                {
                    Replan(existing, mode, due);
                }
                else if (existing.Status == DeliveryStatus.Pending)
                {
                    existing.NextAttemptAtUtc = due;
                }
                else if (existing.Status is DeliveryStatus.Cancelled or DeliveryStatus.Withdrawn)
                {
                    // An account dropped from the targets, then chosen again, while the message stayed scheduled.
                    Replan(existing, mode, due);
                }

                continue;
            }

            var delivery = new Delivery
            {
                MessageId = message.Id,
                DepartmentId = message.DepartmentId,
                AccountId = account.Id,
                Mode = mode,
                NextAttemptAtUtc = due,
                ClientKey = DeliveryKeys.New(message.UpdatedAtUtc),
            };
            message.Deliveries.Add(delivery);
            if (message.Id != 0)
            {
                db.Deliveries.Add(delivery);
            }
        }
    }

    /// <summary>An approval again, for a delivery the message already has on that account.</summary>
    private static void Replan(Delivery existing, DeliveryMode mode, DateTime due)
    {
        switch (existing.Status)
        {
            case DeliveryStatus.Pending:
                // Approved again (after a re-validation): it goes when the message now says, not at its former time.
                existing.NextAttemptAtUtc = due;
                break;
            case DeliveryStatus.Failed:
                // "Relancer": a fresh count of attempts; a possibly-sent marker stays, so the publisher checks first.
                Requeue(existing, due);
                break;
            case DeliveryStatus.Held when existing.IsPossiblySent:
                // Its uncertain attempt went to the target it was approved for: checked there first, never rerouted.
                Requeue(existing, due);
                break;
            case DeliveryStatus.Cancelled or DeliveryStatus.Held or DeliveryStatus.Withdrawn:
                // Approved again: the target is fixed anew, as the account stands now, and a new post gets a new key (the
                // old one names the post that was withdrawn, or an attempt that certainly made none).
                existing.Mode = mode;
                existing.RemotePostId = null;
                existing.RemotePostUrl = null;
                existing.SentAtUtc = null;
                existing.WithdrawnAtUtc = null;
                existing.ReplyFallbackUsed = ReplyFallback.None;
                if (existing.Status == DeliveryStatus.Withdrawn || existing.ClientKey is null)
                {
                    existing.ClientKey = DeliveryKeys.New(due);
                }

                Requeue(existing, due);
                break;
        }
    }

    /// <summary>When the message's deliveries are due: the message's own next attempt or due time.</summary>
    private static DateTime DueOf(Message message) => message.NextAttemptAtUtc ?? message.DueAtUtc ?? message.UpdatedAtUtc;

    /// <summary>
    /// Back in the queue with a fresh count (<see cref="DeliveryTransition.Requeue"/>); a possibly-sent marker stays, so the
    /// publisher checks first (a held one with a marker is checked where it was approved for before anything else).
    /// </summary>
    private static void Requeue(Delivery delivery, DateTime due)
    {
        DeliveryStateMachine.Apply(delivery, DeliveryTransition.Requeue, due);
        delivery.Attempts = 0;
        delivery.NextAttemptAtUtc = due;
        delivery.WithdrawIfFound = false;
        if (delivery.Status != DeliveryStatus.CheckRequested)
        {
            delivery.Hold = DeliveryHold.None;
        }

        if (delivery.Failure != DeliveryFailure.PossiblySent)
        {
            delivery.Failure = DeliveryFailure.None;
            delivery.FailureDetail = null;
        }
    }

    /// <summary>
    /// Out of the queue (<see cref="DeliveryTransition.LeaveQueue"/>): cancelled, or, if the post may be online, checked by
    /// the publisher and deleted if it is there.
    /// </summary>
    private static void LeaveQueue(Delivery delivery, DateTime now)
    {
        var wasChecking = delivery.Status is DeliveryStatus.CheckRequested or DeliveryStatus.ToCheckByHand;
        DeliveryStateMachine.Apply(delivery, DeliveryTransition.LeaveQueue, now);
        if (delivery.Status == DeliveryStatus.Cancelled)
        {
            delivery.NextAttemptAtUtc = null;
            return;
        }

        delivery.WithdrawIfFound = true;
        if (!wasChecking)
        {
            delivery.Attempts = 0;
            delivery.NextAttemptAtUtc = now;
        }
    }

    private static void RequestWithdrawal(Delivery delivery, DateTime now)
    {
        DeliveryStateMachine.Apply(delivery, DeliveryTransition.RequestWithdrawal, now);
        delivery.Attempts = 0;
        delivery.NextAttemptAtUtc = now;
        delivery.Failure = DeliveryFailure.None;
        delivery.FailureDetail = null;
    }
}
