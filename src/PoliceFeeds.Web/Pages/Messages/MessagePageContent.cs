using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Audit;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Web.Pages.Messages;

/// <summary>
/// What the message page shows around the message itself: its department and category, the account's handle and mode, its
/// photos, its history with the names of the people in it, its deliveries, and the thread it belongs to.
/// </summary>
public sealed record MessagePageContent(
    Department Department,
    Category? Category,
    string Handle,
    bool AccountIsLive,
    IReadOnlyList<MessagePageContent.PhotoView> Photos,
    IReadOnlyList<AuditEntry> History,
    IReadOnlyDictionary<string, string> UserNames,
    IReadOnlyList<Delivery> Deliveries,
    MessagePageContent.ThreadItem? Parent,
    IReadOnlyList<MessagePageContent.ThreadItem> FollowUps,
    IReadOnlyDictionary<int, MessagePageContent.AccountView> Accounts)
{
    public static async Task<MessagePageContent> LoadAsync(PoliceFeedsDbContext db, Message message, CancellationToken cancellationToken)
    {
        var department = await db.Departments.AsNoTracking().SingleAsync(d => d.Id == message.DepartmentId, cancellationToken);
        var category = await db.Categories.AsNoTracking().SingleOrDefaultAsync(c => c.Id == message.CategoryId, cancellationToken);
        // The preview is X's: the department's first X account's handle (or its first account's).
        var account = await db.PublishingAccounts.AsNoTracking().Where(a => a.DepartmentId == message.DepartmentId)
            .OrderBy(a => a.Network == PublishingNetwork.X ? 0 : 1).ThenBy(a => a.Id)
            .Select(a => new { a.Handle, a.Mode }).FirstOrDefaultAsync(cancellationToken);
        var anyLive = await LiveAccount.IsLiveAsync(db, message, cancellationToken);
        var photos = await db.MessagePhotos.AsNoTracking()
            .Where(p => p.MessageId == message.Id)
            .OrderBy(p => p.Position)
            .Select(p => new PhotoView(p.Id, p.AltText, p.ContentType, p.Length))
            .ToListAsync(cancellationToken);
        var entityId = message.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var history = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(Message) && a.EntityId == entityId)
            .OrderBy(a => a.Id)
            .ToListAsync(cancellationToken);
        var userIds = history.Select(h => h.ActorId).Append(message.AuthorId).Concat(message.ValidatorId is { } v ? [v] : []).Distinct().ToList();
        var userNames = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var deliveries = await db.Deliveries.AsNoTracking().Where(d => d.MessageId == message.Id).OrderBy(d => d.Id).ToListAsync(cancellationToken);
        var parent = message.InReplyToMessageId is { } parentId
            ? await db.Messages.AsNoTracking().Where(m => m.Id == parentId)
                .Select(m => new ThreadItem(m.Id, m.FollowUpKind, m.Status, m.Text, m.CreatedAtUtc, m.PublishedAtUtc))
                .SingleOrDefaultAsync(cancellationToken)
            : null;
        var followUps = await db.Messages.AsNoTracking().Where(m => m.InReplyToMessageId == message.Id)
            .OrderBy(m => m.Id)
            .Select(m => new ThreadItem(m.Id, m.FollowUpKind, m.Status, m.Text, m.CreatedAtUtc, m.PublishedAtUtc))
            .ToListAsync(cancellationToken);
        var accountIds = deliveries.Select(d => d.AccountId).Distinct().ToList();
        var accounts = await db.PublishingAccounts.AsNoTracking().Where(a => accountIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => new AccountView(a.Network, a.Handle), cancellationToken);
        return new MessagePageContent(department, category, account?.Handle ?? "", anyLive, photos, history, userNames, deliveries, parent, followUps, accounts);
    }

    public sealed record ThreadItem(long Id, FollowUpKind Kind, MessageStatus Status, string Text, DateTime CreatedAtUtc, DateTime? PublishedAtUtc);

    public sealed record PhotoView(long Id, string AltText, string ContentType, long Length);

    /// <summary>Where a delivery goes: its account's network and handle.</summary>
    public sealed record AccountView(PublishingNetwork Network, string Handle);
}
