using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Engagement;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Scheduling;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Web.Security;

namespace PoliceFeeds.Web.Pages.Report;

/// <summary>
/// The engagement history of one published post: every snapshot the engagement job took, as a chart and a table.
/// Same readers as the report (national admins, validators of the post's department); another department's post is
/// not found.
/// </summary>
public sealed class PostModel(PoliceFeedsDbContext db, CurrentUser currentUser) : PageModel
{
    public Message? Message { get; private set; }

    public string DepartmentCode { get; private set; } = "";

    public string TimeZoneId { get; private set; } = "Europe/Paris";

    public string CategoryLabel { get; private set; } = "";

    public IReadOnlyList<PostMetricsSnapshot> Snapshots { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (!currentUser.IsNationalAdmin && !currentUser.IsValidator)
        {
            return Forbid();
        }

        Message = await db.Messages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id && m.Status == MessageStatus.Published, cancellationToken);
        if (Message is null || !await currentUser.CanViewDepartmentAsync(Message.DepartmentId, cancellationToken))
        {
            Message = null;
            return NotFound();
        }

        var department = await db.Departments.AsNoTracking().SingleAsync(d => d.Id == Message.DepartmentId, cancellationToken);
        DepartmentCode = department.Code;
        TimeZoneId = department.TimeZoneId;
        CategoryLabel = await db.Categories.AsNoTracking().Where(c => c.Id == Message.CategoryId).Select(c => c.Label).SingleAsync(cancellationToken);
        Snapshots = await db.PostMetricsSnapshots.AsNoTracking().Where(s => s.MessageId == id).OrderBy(s => s.TakenAtUtc).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        return Page();
    }

    public DateTime Local(DateTime utc) => DepartmentTime.ToLocal(utc, TimeZoneId);
}
