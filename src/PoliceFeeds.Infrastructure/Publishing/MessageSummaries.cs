using Microsoft.EntityFrameworkCore;
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

    public async Task RunAsync(PoliceFeedsDbContext db, CancellationToken cancellationToken)
    {
        if (_deliveries.Count == 0)
        {
            return;
        }

        var ids = _deliveries.ToList();
        var messages = await db.Messages
            .Where(m => db.Deliveries.Any(d => ids.Contains(d.Id) && d.MessageId == m.Id))
            .Select(m => new { m.Id, m.Status, Deliveries = db.Deliveries.Where(d => d.MessageId == m.Id).Select(d => d.Status).ToList() })
            .ToListAsync(cancellationToken);
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
