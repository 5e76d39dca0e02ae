using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Templates;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Web.Security;

namespace PoliceFeeds.Web.Pages.Templates;

/// <summary>
/// The templates a user may use: national ones and those of their departments (every one for a national admin), with
/// who may change them: the department's validators, or the national admins for national templates.
/// </summary>
public sealed class IndexModel(PoliceFeedsDbContext db, CurrentUser currentUser) : PageModel
{
    public IReadOnlyList<Row> Templates { get; private set; } = [];

    public bool CanCreate { get; private set; }

    public bool CanUse { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var mine = await currentUser.GetDepartmentIdsAsync(cancellationToken);
        var isAdmin = currentUser.IsNationalAdmin;
        var query = db.MessageTemplates.AsNoTracking();
        if (!isAdmin)
        {
            query = query.Where(t => t.DepartmentId == null || mine.Contains(t.DepartmentId.Value));
        }

        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Code, cancellationToken);
        var categories = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Label, cancellationToken);
        var templates = await query.OrderBy(t => t.DepartmentId == null).ThenBy(t => t.DepartmentId).ThenBy(t => t.Name).ToListAsync(cancellationToken);
        Templates = templates.Select(t => new Row(
            t,
            t.DepartmentId is { } d ? departments.GetValueOrDefault(d, "") : null,
            categories.GetValueOrDefault(t.CategoryId, ""),
            MessageTemplate.CanManage(t.DepartmentId, isAdmin, currentUser.IsValidator && t.DepartmentId is { } own && mine.Contains(own)),
            (currentUser.IsOfficer || currentUser.IsValidator) && (t.DepartmentId is null ? mine.Count > 0 : mine.Contains(t.DepartmentId.Value)))).ToList();
        CanCreate = isAdmin || (currentUser.IsValidator && mine.Count > 0);
        CanUse = (currentUser.IsOfficer || currentUser.IsValidator) && mine.Count > 0;
    }

    public sealed record Row(MessageTemplate Template, string? DepartmentCode, string CategoryLabel, bool CanManage, bool CanUse);
}
