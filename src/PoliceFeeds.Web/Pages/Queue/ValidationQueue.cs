using PoliceFeeds.Core.Messages;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Web.Pages.Queue;

/// <summary>
/// What awaits a validator: submitted messages of the departments they validate for, which they may validate (not
/// written or last edited by them: four eyes), oldest submission first. The page and the header count share it.
/// </summary>
public static class ValidationQueue
{
    public static IQueryable<Message> For(PoliceFeedsDbContext db, IReadOnlySet<int> departmentIds, string userId)
    {
        var ids = departmentIds.ToList();
        return db.Messages
            .Where(m => ids.Contains(m.DepartmentId) && m.Status == MessageStatus.Submitted && m.AuthorId != userId && (m.LastEditedById == null || m.LastEditedById != userId))
            .OrderBy(m => m.SubmittedAtUtc ?? m.UpdatedAtUtc)
            .ThenBy(m => m.Id);
    }
}
