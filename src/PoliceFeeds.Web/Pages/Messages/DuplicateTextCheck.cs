using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Search;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Web.Pages.Messages;

/// <summary>The department account's recent published post with the same text (<see cref="DuplicateTextRule"/>), if any.</summary>
public static class DuplicateTextCheck
{
    public static async Task<RecentPost?> FindAsync(PoliceFeedsDbContext db, int departmentId, string? text, long? exceptMessageId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var since = nowUtc - DuplicateTextRule.RecentWindow;
        var key = DuplicateTextRule.Key(text);
        if (key.Length == 0)
        {
            return null;
        }

        // The stored column is already folded: only the spaces are collapsed here, over the account's latest posts.
        var recent = await db.Messages.AsNoTracking()
            .Where(m => m.DepartmentId == departmentId && m.Status == MessageStatus.Published && m.PublishedAtUtc >= since && m.Id != exceptMessageId)
            .OrderByDescending(m => m.PublishedAtUtc)
            .Take(DuplicateTextRule.MaxComparedPosts)
            .Select(m => new RecentPost(m.Id, m.SearchText, m.PublishedAtUtc!.Value))
            .ToListAsync(cancellationToken);
        return recent.FirstOrDefault(p => DuplicateTextRule.KeyOfFolded(p.SearchText) == key);
    }

    public sealed record RecentPost(long Id, string SearchText, DateTime PublishedAtUtc);
}
