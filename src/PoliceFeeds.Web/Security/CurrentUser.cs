using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Identity;

namespace PoliceFeeds.Web.Security;

/// <summary>
/// The signed-in user and the departments they may act on, read from the database once per request (so a change of
/// membership takes effect at once). Every handler that takes a department or message id checks it here.
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor httpContextAccessor, PoliceFeedsDbContext db)
{
    private IReadOnlySet<int>? _departmentIds;
    private IReadOnlySet<int> _nationalIds = new HashSet<int>();
    private List<Department>? _visibleDepartments;

    private ClaimsPrincipal Principal => httpContextAccessor.HttpContext?.User ?? new ClaimsPrincipal();

    public string Id => Principal.FindFirstValue(ClaimTypes.NameIdentifier)
        ?? throw new InvalidOperationException("No signed-in user.");

    public string? Name => Principal.Identity?.Name;

    /// <summary>The server-side session record this request's cookie names.</summary>
    public string? SessionId => Principal.FindFirstValue(PoliceFeeds.Infrastructure.Security.UserSessionStore.Claim);

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;

    /// <summary>
    /// A national admin in a session signed in with two factors: only then does the role grant every department (a
    /// national admin without the second factor is sent to enrolment by <see cref="AdminTwoFactorFilter"/> anyway).
    /// </summary>
    public bool IsNationalAdmin => Principal.IsInRole(Roles.NationalAdmin) && Principal.HasClaim(AdminTwoFactorFilter.AmrClaim, AdminTwoFactorFilter.AmrMultiFactor);

    public bool IsValidator => Principal.IsInRole(Roles.Validator);

    public bool IsOfficer => Principal.IsInRole(Roles.Officer);

    /// <summary>The departments the user belongs to (national admins: their own memberships only).</summary>
    public async Task<IReadOnlySet<int>> GetDepartmentIdsAsync(CancellationToken cancellationToken = default)
    {
        await LoadDepartmentsAsync(cancellationToken);
        return _departmentIds!;
    }

    /// <summary>The active departments whose messages the user may see (their own; every one for a national admin), by code.</summary>
    public async Task<List<Department>> VisibleDepartmentsAsync(CancellationToken cancellationToken = default)
    {
        await LoadDepartmentsAsync(cancellationToken);
        return _visibleDepartments!.ToList();
    }

    /// <summary>
    /// One query per request. A national admin sees every department: all of them (a few dozen rows), each with whether
    /// the admin is a member. Anyone else sees their own: only the departments they are a member of, by key.
    /// </summary>
    private async Task LoadDepartmentsAsync(CancellationToken cancellationToken)
    {
        if (_departmentIds is not null)
        {
            return;
        }

        var userId = Id;
        if (IsNationalAdmin)
        {
            var departments = await db.Departments.AsNoTracking()
                .OrderBy(d => d.Code)
                .Select(d => new { Department = d, IsMember = db.UserDepartments.Any(ud => ud.UserId == userId && ud.DepartmentId == d.Id) })
                .ToListAsync(cancellationToken);
            _departmentIds = departments.Where(d => d.IsMember).Select(d => d.Department.Id).ToHashSet();
            _nationalIds = departments.Where(d => d.Department.IsNational && d.Department.IsActive).Select(d => d.Department.Id).ToHashSet();
            _visibleDepartments = departments.Where(d => d.Department.IsActive).Select(d => d.Department).ToList();
            return;
        }

        var own = await MemberDepartments(db, userId).ToListAsync(cancellationToken);
        _departmentIds = own.Select(d => d.Id).ToHashSet();
        _visibleDepartments = own.Where(d => d.IsActive).ToList();
    }

    /// <summary>The departments the user is a member of, active or not, by code.</summary>
    public static IQueryable<Department> MemberDepartments(PoliceFeedsDbContext db, string userId) =>
        from membership in db.UserDepartments
        where membership.UserId == userId
        join department in db.Departments.AsNoTracking() on membership.DepartmentId equals department.Id
        orderby department.Code
        select department;

    /// <summary>Whether the user may see the department's messages: a member, or a national admin.</summary>
    public async Task<bool> CanViewDepartmentAsync(int departmentId, CancellationToken cancellationToken = default) =>
        IsNationalAdmin || (await GetDepartmentIdsAsync(cancellationToken)).Contains(departmentId);

    /// <summary>Whether the user drafts messages at all: an officer, a validator, or a national admin (for the national scope).</summary>
    public bool MayDraft => IsOfficer || IsValidator || IsNationalAdmin;

    /// <summary>Whether the user validates messages at all: a validator, or a national admin (for the national scope).</summary>
    public bool MayValidate => IsValidator || IsNationalAdmin;

    /// <summary>
    /// The departments the user drafts for: their own as an officer or validator, and the national scope as a national
    /// admin (who composes for the national accounts).
    /// </summary>
    public async Task<IReadOnlySet<int>> GetDraftDepartmentIdsAsync(CancellationToken cancellationToken = default)
    {
        var own = await GetDepartmentIdsAsync(cancellationToken);
        return Either(IsOfficer || IsValidator, own).Union(Either(IsNationalAdmin, _nationalIds)).ToHashSet();
    }

    /// <summary>The departments whose messages the user approves or rejects: their own as a validator, the national scope as a national admin.</summary>
    public async Task<IReadOnlySet<int>> GetValidateDepartmentIdsAsync(CancellationToken cancellationToken = default)
    {
        var own = await GetDepartmentIdsAsync(cancellationToken);
        return Either(IsValidator, own).Union(Either(IsNationalAdmin, _nationalIds)).ToHashSet();
    }

    private static IEnumerable<int> Either(bool granted, IReadOnlySet<int> ids) => granted ? ids : [];

    /// <summary>Whether the user may draft and edit messages for the department (<see cref="GetDraftDepartmentIdsAsync"/>).</summary>
    public async Task<bool> CanDraftForDepartmentAsync(int departmentId, CancellationToken cancellationToken = default) =>
        (await GetDraftDepartmentIdsAsync(cancellationToken)).Contains(departmentId);

    /// <summary>Whether the user may approve or reject the department's messages (<see cref="GetValidateDepartmentIdsAsync"/>).</summary>
    public async Task<bool> CanValidateForDepartmentAsync(int departmentId, CancellationToken cancellationToken = default) =>
        (await GetValidateDepartmentIdsAsync(cancellationToken)).Contains(departmentId);
}
