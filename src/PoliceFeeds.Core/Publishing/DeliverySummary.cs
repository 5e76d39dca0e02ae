using PoliceFeeds.Core.Messages;

namespace PoliceFeeds.Core.Publishing;

/// <summary>
/// The publishing part of a message's status, from all its deliveries (one today, several tomorrow): the back office acts
/// on the message, the publisher on its deliveries.
/// </summary>
public static class DeliverySummary
{
    /// <summary>The statuses of a message the publisher moves (the others are editorial and stay as they are).</summary>
    public static bool IsPublishingPhase(MessageStatus status) => status is MessageStatus.Approved or MessageStatus.Publishing
        or MessageStatus.Published or MessageStatus.Failed or MessageStatus.WithdrawalRequested or MessageStatus.Withdrawing
        or MessageStatus.Withdrawn;

    /// <summary>
    /// The message's status given its deliveries, or <paramref name="current"/> when it is not in a publishing phase or has
    /// no delivery. A delivery being handled wins, then one online, then one still to go; all failed is failed.
    /// </summary>
    public static MessageStatus Summarise(MessageStatus current, IReadOnlyCollection<DeliveryStatus> deliveries)
    {
        if (!IsPublishingPhase(current) || deliveries.Count == 0)
        {
            return current;
        }

        bool Any(DeliveryStatus s) => deliveries.Contains(s);
        if (Any(DeliveryStatus.Withdrawing))
        {
            return MessageStatus.Withdrawing;
        }

        if (Any(DeliveryStatus.WithdrawalRequested))
        {
            return MessageStatus.WithdrawalRequested;
        }

        if (Any(DeliveryStatus.Sending))
        {
            return MessageStatus.Publishing;
        }

        if (Any(DeliveryStatus.Sent))
        {
            return MessageStatus.Published;
        }

        // Waiting for a validator to say whether its post is online: it stands out as failed until someone settles it.
        if (Any(DeliveryStatus.ToCheckByHand))
        {
            return MessageStatus.Failed;
        }

        if (Any(DeliveryStatus.Pending) || Any(DeliveryStatus.Held) || Any(DeliveryStatus.CheckRequested))
        {
            return MessageStatus.Approved;
        }

        if (Any(DeliveryStatus.Withdrawn))
        {
            return MessageStatus.Withdrawn;
        }

        return Any(DeliveryStatus.Failed) ? MessageStatus.Failed : current;
    }
}
