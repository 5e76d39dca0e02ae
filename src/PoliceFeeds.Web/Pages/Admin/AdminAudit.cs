using PoliceFeeds.Core.Audit;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Web.Security;

namespace PoliceFeeds.Web.Pages.Admin;

/// <summary>Adds an audit entry for an administrative action, in the same save as the action. Never put a secret in details.</summary>
public static class AdminAudit
{
    public static void Add(PoliceFeedsDbContext db, CurrentUser user, DateTime nowUtc, string action, string entityType, string entityId, int? departmentId, string? details) =>
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = nowUtc,
            ActorId = user.Id,
            ActorName = user.Name,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            DepartmentId = departmentId,
            Details = details,
        });
}
