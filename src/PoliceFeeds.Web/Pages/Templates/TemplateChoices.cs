using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Templates;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Web.Pages.Templates;

/// <summary>The templates the compose page offers for a department: the national ones and the department's own.</summary>
public static class TemplateChoices
{
    public static async Task<IReadOnlyList<MessageTemplate>> OfferedAsync(PoliceFeedsDbContext db, int departmentId, CancellationToken cancellationToken) =>
        await db.MessageTemplates.AsNoTracking()
            .Where(t => t.DepartmentId == null || t.DepartmentId == departmentId)
            .OrderBy(t => t.DepartmentId == null)
            .ThenBy(t => t.Name)
            .ToListAsync(cancellationToken);
}
