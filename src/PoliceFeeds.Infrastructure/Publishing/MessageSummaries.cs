using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Infrastructure.Publishing;

/// <summary>
/// Brings the publishing status of the messages whose deliveries a group commit changed in step with all their
/// deliveries (<see cref="DeliverySummary"/>), once at the end of the group and in its transaction: one read for every
/// message touched, then one conditional update per kind of change, instead of a read and an update per record.
/// </summary>
internal sealed class MessageSummaries : IGroupCommitStep
{
    private readonly HashSet<long> _deliveries = [];

    /// <summary>The message of this delivery is summarised at the end of the group.</summary>
    public void Add(long deliveryId) => _deliveries.Add(deliveryId);

    /// <summary>
    /// The messages of these deliveries, each with the statuses of all its deliveries. "The messages of" is an IN over the
    /// deliveries' keys, never a correlated EXISTS, which SQLite answers by scanning every message (PublisherQueryPlanTests).
    /// </summary>
    internal static IQueryable<MessageDeliveries> Read(PoliceFeedsDbContext db, IReadOnlyList<long> deliveryIds)
    {
        var touched = db.Deliveries.Where(d => deliveryIds.Contains(d.Id)).Select(d => d.MessageId);
        return db.Messages
            .Where(m => touched.Contains(m.Id))
            .Select(m => new MessageDeliveries(m.Id, m.Status, db.Deliveries.Where(d => d.MessageId == m.Id).Select(d => d.Status).ToList()));
    }

    public async Task RunAsync(PoliceFeedsDbContext db, CancellationToken cancellationToken)
    {
        if (_deliveries.Count == 0)
        {
            return;
        }

        var messages = await Read(db, _deliveries.ToList()).ToListAsync(cancellationToken);
        var changes = messages
            .Select(m => (m.Id, Current: m.Status, Next: DeliverySummary.Summarise(m.Status, m.Deliveries)))
            .Where(m => m.Next != m.Current)
            .GroupBy(m => (m.Current, m.Next));
        foreach (var change in changes)
        {
            var (current, next) = change.Key;
            var changed = change.Select(m => m.Id).ToList();

            // Conditional on the status read: a change made meanwhile by someone else is not overwritten.
            await db.Messages.Where(m => changed.Contains(m.Id) && m.Status == current)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, next).SetProperty(m => m.Version, m => m.Version + 1), cancellationToken);
        }
    }
}

/// <summary>A message's status with the statuses of all its deliveries.</summary>
internal sealed record MessageDeliveries(long Id, MessageStatus Status, List<DeliveryStatus> Deliveries);
