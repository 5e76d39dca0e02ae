using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Web.Pages.Messages;

/// <summary>What narrows the department home's list; the dates are already converted to UTC bounds.</summary>
public sealed record MessageListFilter(
    int DepartmentId,
    MessageStatus? Status = null,
    int? CategoryId = null,
    DateTime? CreatedFromUtc = null,
    DateTime? CreatedBeforeUtc = null,
    string? NormalizedSearch = null,
    OpenAppealsFilter? OpenAppeals = null,
    long? After = null);

/// <summary>Published missing-person appeals of a category still open since before <paramref name="PublishedBeforeUtc"/>.</summary>
public sealed record OpenAppealsFilter(int? MissingPersonCategoryId, DateTime PublishedBeforeUtc);

/// <summary>
/// The department home's queries, named so that the page, the SQL Server translation test and the home benchmark's bare
/// page all run the same ones: the counts per status, the open appeals and one keyset page of rows.
/// </summary>
public static class MessageListQuery
{
    public const int PageSize = 50;

    public static IQueryable<MessageStatusCount> CountsByStatus(PoliceFeedsDbContext db, int departmentId) =>
        db.Messages.AsNoTracking()
            .Where(m => m.DepartmentId == departmentId)
            .GroupBy(m => m.Status)
            .Select(g => new MessageStatusCount(g.Key, g.Count()));

    public static IQueryable<Message> OpenAppeals(PoliceFeedsDbContext db, int departmentId, OpenAppealsFilter appeals) =>
        db.Messages.AsNoTracking().Where(m => m.DepartmentId == departmentId && m.Status == MessageStatus.Published
            && m.CategoryId == appeals.MissingPersonCategoryId && m.FoundAtUtc == null && m.PublishedAtUtc < appeals.PublishedBeforeUtc);

    /// <summary>One page, newest first, with one row more than <see cref="PageSize"/> when a next page exists.</summary>
    public static IQueryable<MessageRow> Page(PoliceFeedsDbContext db, MessageListFilter filter)
    {
        var query = filter.OpenAppeals is { } appeals
            ? OpenAppeals(db, filter.DepartmentId, appeals)
            : db.Messages.AsNoTracking().Where(m => m.DepartmentId == filter.DepartmentId);
        if (filter.Status is { } status)
        {
            query = query.Where(m => m.Status == status);
        }

        if (filter.CategoryId is { } categoryId)
        {
            query = query.Where(m => m.CategoryId == categoryId);
        }

        if (filter.CreatedFromUtc is { } from)
        {
            query = query.Where(m => m.CreatedAtUtc >= from);
        }

        if (filter.CreatedBeforeUtc is { } before)
        {
            query = query.Where(m => m.CreatedAtUtc < before);
        }

        if (!string.IsNullOrEmpty(filter.NormalizedSearch))
        {
            // Case and accents are folded on both sides once (the stored column is kept by Message), so the database
            // compares plain strings and no function runs on each row.
            var text = filter.NormalizedSearch;
            query = query.Where(m => m.SearchText.Contains(text));
        }

        if (filter.After is { } after)
        {
            query = query.Where(m => m.Id < after);
        }

        return query
            .OrderByDescending(m => m.Id)
            .Take(PageSize + 1)
            .Select(m => new MessageRow(m.Id, m.Text, m.Status, m.CategoryId, m.ScheduleMode, m.DueAtUtc ?? m.ScheduledAtUtc, m.CreatedAtUtc, m.PublishedAtUtc,
                m.Deliveries.Where(d => d.Status == DeliveryStatus.Failed).Select(d => (DeliveryFailure?)d.Failure).FirstOrDefault(), m.AuthorId, m.FoundAtUtc,
                m.Deliveries.Count(d => d.Status == DeliveryStatus.Failed || d.Status == DeliveryStatus.ToCheckByHand || d.Status == DeliveryStatus.Held)));
    }
}

public sealed record MessageStatusCount(MessageStatus Status, int Count);

public sealed record MessageRow(
    long Id,
    string Text,
    MessageStatus Status,
    int CategoryId,
    ScheduleMode ScheduleMode,
    DateTime? DueAtUtc,
    DateTime CreatedAtUtc,
    DateTime? PublishedAtUtc,
    DeliveryFailure? Failure,
    string AuthorId,
    DateTime? FoundAtUtc,
    int DeliveriesNotOnline = 0)
{
    /// <summary>Online on some accounts while its delivery to others failed, waits for a person, or is held.</summary>
    public bool IsPartlyPublished => Status == MessageStatus.Published && DeliveriesNotOnline > 0;
}
