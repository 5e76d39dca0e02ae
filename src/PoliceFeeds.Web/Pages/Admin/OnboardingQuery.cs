using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Rollout;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Identity;

namespace PoliceFeeds.Web.Pages.Admin;

/// <summary>The onboarding facts of every department in three grouped queries (never one per department).</summary>
public static class OnboardingQuery
{
    public static async Task<Dictionary<int, OnboardingChecklist>> ChecklistsAsync(PoliceFeedsDbContext db, CancellationToken cancellationToken)
    {
        var departments = await db.Departments.AsNoTracking()
            .Select(d => new
            {
                d.Id,
                d.ValidationPolicyChosen,
                HasAccount = d.Accounts.Any(),
                Connected = d.Accounts.Any(a => a.State == AccountState.Connected),
                Credentials = d.Accounts.Any(a => a.ProtectedCredentials != null),
            })
            .ToListAsync(cancellationToken);

        var members = await Members(db).ToListAsync(cancellationToken);

        var templates = await Templates(db).ToDictionaryAsync(t => t.DepartmentId, t => t.Count, cancellationToken);

        int Count(int departmentId, string role) => members.Where(m => m.DepartmentId == departmentId && m.Role == role).Sum(m => m.Count);

        return departments.ToDictionary(d => d.Id, d => OnboardingChecklist.For(new OnboardingFacts(
            d.HasAccount,
            d.Connected,
            d.Credentials,
            Count(d.Id, Roles.Officer),
            Count(d.Id, Roles.Validator),
            d.ValidationPolicyChosen,
            templates.GetValueOrDefault(d.Id))));
    }

    /// <summary>Active officers and validators per department and role.</summary>
    public static IQueryable<RoleMembers> Members(PoliceFeedsDbContext db) =>
        from ud in db.UserDepartments
        join u in db.Users on ud.UserId equals u.Id
        join ur in db.UserRoles on u.Id equals ur.UserId
        join r in db.Roles on ur.RoleId equals r.Id
        where u.IsActive && (r.Name == Roles.Officer || r.Name == Roles.Validator)
        group ud by new { ud.DepartmentId, r.Name } into g
        select new RoleMembers(g.Key.DepartmentId, g.Key.Name!, g.Count());

    public static IQueryable<Dashboard.DepartmentCount> Templates(PoliceFeedsDbContext db) =>
        db.MessageTemplates.AsNoTracking()
            .Where(t => t.DepartmentId != null)
            .GroupBy(t => t.DepartmentId!.Value)
            .Select(g => new Dashboard.DepartmentCount(g.Key, g.Count()));
}

public sealed record RoleMembers(int DepartmentId, string Role, int Count);
