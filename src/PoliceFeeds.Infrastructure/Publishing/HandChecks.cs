using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Audit;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Infrastructure.Publishing;

/// <summary>
/// A validator settles what the publisher cannot: a delivery "to check by hand" (its uncertain attempt is out of reach of any
/// complete read) is online at an address the validator gives (the post is then ours: deleted on takedown, counted), or not
/// online. Written like the publisher's records: a conditional transition in the group commit, with the message's status
/// brought in step and an audit entry in the validator's name.
/// </summary>
public sealed class HandChecks(GroupCommitWriter writer, TimeProvider timeProvider)
{
    /// <summary>The post is online at <paramref name="postUrl"/> (id <paramref name="postId"/>). False: the delivery is no longer to check.</summary>
    public Task<bool> SettleOnlineAsync(long deliveryId, string postId, string postUrl, string actorId, string actorName, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        return SettleAsync(
            deliveryId,
            DeliveryTransition.Found,
            s => s
                .Transition(DeliveryTransition.Found, now)
                .SetProperty(d => d.RemotePostId, postId)
                .SetProperty(d => d.RemotePostUrl, postUrl)
                .SetProperty(d => d.SentAtUtc, now)
                .SetProperty(d => d.Attempts, 0)
                .SetProperty(d => d.NextAttemptAtUtc, d => d.WithdrawIfFound ? now : null)
                .SetProperty(d => d.Failure, DeliveryFailure.None)
                .SetProperty(d => d.FailureDetail, (string?)null),
            "message.checked_by_hand_online",
            postUrl,
            actorId,
            actorName,
            cancellationToken);
    }

    /// <summary>The post is not online: the marker cleared as "not online"; the delivery goes on as a complete read would have let it.</summary>
    public Task<bool> SettleAbsentAsync(long deliveryId, string actorId, string actorName, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        return SettleAsync(
            deliveryId,
            DeliveryTransition.ReconciledAbsent,
            s => s
                .Transition(DeliveryTransition.ReconciledAbsent, now)
                .SetProperty(d => d.Attempts, 0)
                .SetProperty(d => d.NextAttemptAtUtc, d => d.WithdrawIfFound || d.Hold != DeliveryHold.None ? null : now)
                .SetProperty(d => d.LastAttemptAtUtc, (DateTime?)null)
                .SetProperty(d => d.Failure, DeliveryFailure.None)
                .SetProperty(d => d.FailureDetail, (string?)null),
            "message.checked_by_hand_absent",
            null,
            actorId,
            actorName,
            cancellationToken);
    }

    private Task<bool> SettleAsync(long deliveryId, DeliveryTransition transition, Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<Delivery>> setters, string action, string? details, string actorId, string actorName, CancellationToken cancellationToken) =>
        writer.WriteAsync(
            async (db, group, ct) =>
            {
                var delivery = await db.Deliveries.AsNoTracking().Where(d => d.Id == deliveryId && d.Status == DeliveryStatus.ToCheckByHand)
                    .Select(d => new { d.MessageId, d.DepartmentId }).SingleOrDefaultAsync(ct);
                if (delivery is null)
                {
                    return false;
                }

                var changed = await db.Deliveries.Where(d => d.Id == deliveryId && d.Status == DeliveryStatus.ToCheckByHand)
                    .Allowing(transition)
                    .ExecuteUpdateAsync(setters, ct) == 1;
                if (!changed)
                {
                    return false;
                }

                if (transition == DeliveryTransition.Found)
                {
                    group.Step<FirstPosts>().Add(delivery.MessageId);
                }

                group.Step<MessageSummaries>().Add(deliveryId);
                db.AuditEntries.Add(new AuditEntry
                {
                    AtUtc = timeProvider.GetUtcNow().UtcDateTime,
                    ActorId = actorId,
                    ActorName = actorName,
                    Action = action,
                    EntityType = nameof(Message),
                    EntityId = delivery.MessageId.ToString(CultureInfo.InvariantCulture),
                    DepartmentId = delivery.DepartmentId,
                    Details = details is { Length: > AuditEntry.MaxDetailsLength } ? details[..AuditEntry.MaxDetailsLength] : details,
                });
                return true;
            },
            cancellationToken);
}
