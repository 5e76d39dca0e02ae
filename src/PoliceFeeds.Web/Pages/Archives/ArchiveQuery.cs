using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Archives;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Web.Pages.Archives;

/// <summary>
/// Reads a department's sent posts of a period for its archive, in keyset pages by id: the memory held is one page (its
/// messages, photos' descriptions and history) and the names of the people met, whatever the period's size; photo bytes
/// are read one photo at a time. Each page resumes after the last id read, so the whole export reads the table once per pass.
/// </summary>
public sealed class ArchiveQuery(PoliceFeedsDbContext db)
{
    /// <summary>Deliveries read per page (and the messages, photos and audit entries that go with them).</summary>
    public const int PageSize = 200;

    /// <summary>The posts of the archive: the department's live deliveries sent in [<paramref name="fromUtc"/>, <paramref name="endUtc"/>).</summary>
    public IQueryable<Delivery> Sent(int departmentId, DateTime fromUtc, DateTime endUtc) =>
        db.Deliveries.AsNoTracking().Where(d => d.DepartmentId == departmentId && d.Mode == DeliveryMode.Live
            && d.SentAtUtc != null && d.SentAtUtc >= fromUtc && d.SentAtUtc < endUtc);

    public async Task<ArchiveCounts> CountAsync(int departmentId, DateTime fromUtc, DateTime endUtc, CancellationToken cancellationToken)
    {
        var sent = Sent(departmentId, fromUtc, endUtc);
        var messageIds = sent.Select(d => d.MessageId);
        var byNetwork = await (from d in sent
                               join a in db.PublishingAccounts on d.AccountId equals a.Id
                               group d by a.Network into g
                               select new { Network = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return new ArchiveCounts(
            await sent.CountAsync(cancellationToken),
            await messageIds.Distinct().CountAsync(cancellationToken),
            await db.MessagePhotos.CountAsync(p => messageIds.Contains(p.MessageId) && db.Messages.Any(m => m.Id == p.MessageId && m.RedactedAtUtc == null), cancellationToken),
            await db.Messages.CountAsync(m => messageIds.Contains(m.Id) && m.RedactedAtUtc != null, cancellationToken),
            await sent.CountAsync(d => d.WithdrawnAtUtc != null || d.Status == DeliveryStatus.WithdrawalRequested
                || d.Status == DeliveryStatus.Withdrawing || d.Status == DeliveryStatus.Withdrawn, cancellationToken),
            byNetwork.OrderBy(n => n.Network).ToDictionary(n => n.Network.ToString(), n => n.Count));
    }

    /// <summary>Every post of the period as the manifest says it, by delivery id.</summary>
    public async IAsyncEnumerable<ArchiveEntry> EntriesAsync(
        int departmentId, DateTime fromUtc, DateTime endUtc, TimeZoneInfo? zone, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        long after = 0;
        while (true)
        {
            var page = await (from d in Sent(departmentId, fromUtc, endUtc)
                              where d.Id > after
                              join a in db.PublishingAccounts on d.AccountId equals a.Id
                              orderby d.Id
                              select new ArchiveDeliveryFacts(d.Id, d.MessageId, a.Network, a.Handle, a.ServerUrl, d.RemotePostId, d.RemotePostUrl,
                                  d.SentAtUtc!.Value, d.Status, d.WithdrawnAtUtc, d.ReplyFallbackUsed))
                .Take(PageSize).ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                yield break;
            }

            var messageIds = page.Select(d => d.MessageId).Distinct().ToList();
            var messages = await (from m in db.Messages.AsNoTracking()
                                  where messageIds.Contains(m.Id)
                                  join c in db.Categories on m.CategoryId equals c.Id
                                  select new ArchiveMessageFacts(m.Id, c.Label, m.Text, m.InReplyToMessageId, m.AuthorId, m.CreatedAtUtc, m.LastEditedById,
                                      m.SubmittedAtUtc, m.ValidatorId, m.ValidatedAtUtc, m.RedactedAtUtc))
                .ToDictionaryAsync(m => m.MessageId, cancellationToken);
            var photos = (await db.MessagePhotos.AsNoTracking()
                    .Where(p => messageIds.Contains(p.MessageId))
                    .Select(p => new ArchivePhotoFacts(p.Id, p.MessageId, p.Position, p.ContentType, p.AltText))
                    .ToListAsync(cancellationToken))
                .ToLookup(p => p.MessageId);
            var entityIds = messageIds.Select(id => id.ToString(CultureInfo.InvariantCulture)).ToList();
            var history = (await db.AuditEntries.AsNoTracking()
                    .Where(a => a.EntityType == nameof(Message) && entityIds.Contains(a.EntityId))
                    .OrderBy(a => a.Id)
                    .Select(a => new { a.EntityId, Facts = new ArchiveHistoryFacts(a.AtUtc, a.ActorId, a.Action, a.FromStatus, a.ToStatus, a.Details) })
                    .ToListAsync(cancellationToken))
                .ToLookup(a => long.Parse(a.EntityId, CultureInfo.InvariantCulture), a => a.Facts);
            await AddNamesAsync(names, messages.Values, history, cancellationToken);

            foreach (var delivery in page)
            {
                if (messages.TryGetValue(delivery.MessageId, out var message))
                {
                    yield return ArchiveRules.Build(delivery, message, photos[delivery.MessageId], history[delivery.MessageId].ToList(), names, zone);
                }
            }

            after = page[^1].DeliveryId;
        }
    }

    /// <summary>The photos of the period's messages (not redacted: a redacted message has none), by photo id, without their bytes.</summary>
    public async IAsyncEnumerable<ArchivePhotoFacts> PhotosAsync(
        int departmentId, DateTime fromUtc, DateTime endUtc, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var messageIds = Sent(departmentId, fromUtc, endUtc).Select(d => d.MessageId);
        long after = 0;
        while (true)
        {
            var page = await db.MessagePhotos.AsNoTracking()
                .Where(p => p.Id > after && messageIds.Contains(p.MessageId)
                    && db.Messages.Any(m => m.Id == p.MessageId && m.RedactedAtUtc == null))
                .OrderBy(p => p.Id)
                .Select(p => new ArchivePhotoFacts(p.Id, p.MessageId, p.Position, p.ContentType, p.AltText))
                .Take(PageSize).ToListAsync(cancellationToken);
            foreach (var photo in page)
            {
                yield return photo;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = page[^1].PhotoId;
        }
    }

    /// <summary>One photo's bytes; null when it is gone since (a redaction between two passes of the export).</summary>
    public async Task<byte[]?> PhotoContentAsync(long photoId, CancellationToken cancellationToken) =>
        await db.MessagePhotos.AsNoTracking().Where(p => p.Id == photoId && db.Messages.Any(m => m.Id == p.MessageId && m.RedactedAtUtc == null))
            .Select(p => p.Content).SingleOrDefaultAsync(cancellationToken);

    private async Task AddNamesAsync(
        Dictionary<string, string> names, IEnumerable<ArchiveMessageFacts> messages, ILookup<long, ArchiveHistoryFacts> history, CancellationToken cancellationToken)
    {
        var ids = messages.SelectMany(m => new[] { m.AuthorId, m.LastEditedById, m.ValidatorId })
            .Concat(history.SelectMany(h => h.Select(f => f.ActorId)))
            .OfType<string>().Where(id => !names.ContainsKey(id)).Distinct().ToList();
        if (ids.Count == 0)
        {
            return;
        }

        foreach (var user in await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(cancellationToken))
        {
            names[user.Id] = string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? user.Id : user.DisplayName;
        }
    }
}
