using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Sandbox;
using PoliceFeeds.Core.Scheduling;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Web.Security;

namespace PoliceFeeds.Web.Pages.Sandbox;

/// <summary>The training timeline ("fil d'entraînement") of a department whose account is in sandbox mode.</summary>
public sealed class IndexModel(PoliceFeedsDbContext db, CurrentUser currentUser) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public int? DepartmentId { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? After { get; set; }

    public IReadOnlyList<Department> Departments { get; private set; } = [];

    public Department? Department { get; private set; }

    public IReadOnlyList<SandboxPost> Posts { get; private set; } = [];

    public long? NextCursor { get; private set; }

    /// <summary>The message behind each post (by post id), with its photos.</summary>
    public IReadOnlyDictionary<string, PostMessage> Messages { get; private set; } = new Dictionary<string, PostMessage>();

    public sealed record PostPhoto(long Id, string AltText);

    public sealed record PostMessage(long Id, IReadOnlyList<PostPhoto> Photos);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Departments = await currentUser.VisibleDepartmentsAsync(cancellationToken);
        Department = DepartmentId is { } requested ? Departments.FirstOrDefault(d => d.Id == requested) : (Departments.Count > 0 ? Departments[0] : null);
        if (Department is null)
        {
            return DepartmentId is null ? Page() : NotFound();
        }

        var departmentId = Department.Id;
        var query = db.SandboxPosts.AsNoTracking().Where(p => p.DepartmentId == departmentId && p.DeletedAtUtc == null);
        if (After is { } after)
        {
            query = query.Where(p => p.Id < after);
        }

        var posts = await query.OrderByDescending(p => p.Id).Take(PageSize + 1).ToListAsync(cancellationToken);
        if (posts.Count > PageSize)
        {
            posts.RemoveAt(PageSize);
            NextCursor = posts[^1].Id;
        }

        Posts = posts;

        // Each post links to its message and shows that message's photos with their alt texts.
        var postIds = posts.Select(p => p.PostId).ToList();
        var messages = await db.Messages.AsNoTracking()
            .Where(m => m.DepartmentId == departmentId && m.XPostId != null && postIds.Contains(m.XPostId))
            .Select(m => new { m.Id, m.XPostId, Photos = m.Photos.OrderBy(p => p.Position).Select(p => new PostPhoto(p.Id, p.AltText)).ToList() })
            .ToListAsync(cancellationToken);
        Messages = messages.GroupBy(m => m.XPostId!).ToDictionary(g => g.Key, g => new PostMessage(g.First().Id, g.First().Photos));
        return Page();
    }

    public DateTime Local(DateTime utc) => DepartmentTime.ToLocal(utc, Department?.TimeZoneId ?? "Europe/Paris");
}
