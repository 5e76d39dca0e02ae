using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Infrastructure.Publishing;

/// <summary>
/// A message shows its first post online (its id, address and time): set once, from its earliest sent delivery, at the
/// end of the group commit that recorded the sending, in one update for every message of the group instead of one per
/// record. A message that already shows a post keeps it.
/// </summary>
internal sealed class FirstPosts : IGroupCommitStep
{
    private readonly HashSet<long> _messages = [];

    /// <summary>This message had a delivery sent in this group.</summary>
    public void Add(long messageId) => _messages.Add(messageId);

    /// <summary>Deliveries whose post went online (sent, or found online after an uncertain attempt).</summary>
    internal static IQueryable<Delivery> Posted(PoliceFeedsDbContext db) => db.Deliveries.Where(d => d.RemotePostId != null && d.SentAtUtc != null);

    public async Task RunAsync(PoliceFeedsDbContext db, CancellationToken cancellationToken)
    {
        if (_messages.Count == 0)
        {
            return;
        }

        var ids = _messages.ToList();
        var sent = Posted(db);
        await db.Messages.Where(m => ids.Contains(m.Id) && m.XPostId == null).ExecuteUpdateAsync(
            s => s
                .SetProperty(m => m.XPostId, m => sent.Where(d => d.MessageId == m.Id).OrderBy(d => d.SentAtUtc).ThenBy(d => d.Id).Select(d => d.RemotePostId).FirstOrDefault())
                .SetProperty(m => m.XPostUrl, m => sent.Where(d => d.MessageId == m.Id).OrderBy(d => d.SentAtUtc).ThenBy(d => d.Id).Select(d => d.RemotePostUrl).FirstOrDefault())
                .SetProperty(m => m.PublishedAtUtc, m => sent.Where(d => d.MessageId == m.Id).OrderBy(d => d.SentAtUtc).ThenBy(d => d.Id).Select(d => d.SentAtUtc).FirstOrDefault()),
            cancellationToken);
    }
}
