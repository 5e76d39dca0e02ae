using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Web.Pages.Admin.Users;

/// <summary>The users, with their roles, departments and state.</summary>
public sealed class IndexModel(PoliceFeedsDbContext db, TimeProvider timeProvider) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? DepartmentId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Role { get; set; }

    public IReadOnlyList<UserRow> Users { get; private set; } = [];

    public IReadOnlyDictionary<int, string> DepartmentCodes { get; private set; } = new Dictionary<int, string>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        DepartmentCodes = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Code, cancellationToken);
        var users = db.Users.AsNoTracking();
        if (DepartmentId is { } departmentId)
        {
            users = users.Where(u => db.UserDepartments.Any(ud => ud.UserId == u.Id && ud.DepartmentId == departmentId));
        }

        if (!string.IsNullOrEmpty(Role))
        {
            var role = Role;
            users = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)));
        }

        var now = timeProvider.GetUtcNow();
        var rows = await users.OrderBy(u => u.Email).Take(500)
            .Select(u => new
            {
                u.Id,
                u.Email,
                u.DisplayName,
                u.IsActive,
                u.LockoutEnd,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
                Departments = db.UserDepartments.Where(ud => ud.UserId == u.Id).Select(ud => ud.DepartmentId).ToList(),
            })
            .ToListAsync(cancellationToken);
        Users = rows.Select(u => new UserRow(u.Id, u.Email ?? "", u.DisplayName, u.IsActive, u.LockoutEnd > now, u.Roles, u.Departments)).ToList();
    }

    public sealed record UserRow(string Id, string Email, string DisplayName, bool IsActive, bool IsLockedOut, IReadOnlyList<string> Roles, IReadOnlyList<int> Departments);
}
