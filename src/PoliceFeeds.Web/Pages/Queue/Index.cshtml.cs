using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Core.Scheduling;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Web.Security;

namespace PoliceFeeds.Web.Pages.Queue;

/// <summary>The validators' queue (<c>/Queue</c>): what awaits them across their departments, oldest first.</summary>
public sealed class IndexModel(PoliceFeedsDbContext db, CurrentUser currentUser, TimeProvider timeProvider) : PageModel
{
    public const int MaxRows = 200;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public DateTime NowUtc { get; private set; }

    /// <summary>Messages of the validator's departments whose uncertain attempt only a person can settle ("à vérifier à la main").</summary>
    public IReadOnlyList<HandCheckRow> ToCheckByHand { get; private set; } = [];

    /// <summary>Published messages of the validator's departments that failed on some of their accounts.</summary>
    public IReadOnlyList<PartlyPublishedRow> PartlyPublished { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!currentUser.MayValidate)
        {
            return Forbid();
        }

        NowUtc = timeProvider.GetUtcNow().UtcDateTime;
        var departments = await currentUser.GetValidateDepartmentIdsAsync(cancellationToken);
        var queue = ValidationQueue.For(db, departments, currentUser.Id).AsNoTracking();
        Total = await queue.CountAsync(cancellationToken);
        var rows = await queue.Take(MaxRows)
            .Select(m => new { m.Id, m.DepartmentId, m.CategoryId, m.Text, Submitted = m.SubmittedAtUtc ?? m.UpdatedAtUtc, m.ScheduleMode, m.ScheduledAtUtc, m.AuthorId })
            .ToListAsync(cancellationToken);
        var departmentList = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, cancellationToken);
        var toCheck = await (
                from d in db.Deliveries.AsNoTracking()
                join m in db.Messages.AsNoTracking() on d.MessageId equals m.Id
                where d.Status == DeliveryStatus.ToCheckByHand && departments.Contains(d.DepartmentId)
                orderby d.PossiblySentSinceUtc
                select new { m.Id, m.DepartmentId, m.Text, Since = d.PossiblySentSinceUtc ?? m.UpdatedAtUtc })
            .Take(MaxRows)
            .ToListAsync(cancellationToken);
        // Online on some accounts, failed on others: the validators see where it is missing and can send it again.
        var partial = await (
                from d in db.Deliveries.AsNoTracking()
                join a in db.PublishingAccounts.AsNoTracking() on d.AccountId equals a.Id
                join m in db.Messages.AsNoTracking() on d.MessageId equals m.Id
                where d.Status == DeliveryStatus.Failed && m.Status == MessageStatus.Published && departments.Contains(d.DepartmentId)
                orderby d.LastAttemptAtUtc descending
                select new { m.Id, m.DepartmentId, m.Text, a.Network, a.Handle })
            .Take(MaxRows)
            .ToListAsync(cancellationToken);
        PartlyPublished = partial
            .GroupBy(r => r.Id)
            .Select(g => new PartlyPublishedRow(g.Key, departmentList[g.First().DepartmentId].Code, g.First().Text, g.Select(r => $"{r.Network} · @{r.Handle}").ToList()))
            .ToList();
        ToCheckByHand = toCheck
            .Select(r => new HandCheckRow(r.Id, departmentList[r.DepartmentId].Code, r.Text, DepartmentTime.ToLocal(r.Since, departmentList[r.DepartmentId].TimeZoneId)))
            .ToList();
        var categories = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Label, cancellationToken);
        var authorIds = rows.Select(r => r.AuthorId).Distinct().ToList();
        var authors = await db.Users.AsNoTracking().Where(u => authorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        Rows = rows.Select(r =>
        {
            var department = departmentList[r.DepartmentId];
            return new Row(r.Id, department.Code, categories.GetValueOrDefault(r.CategoryId, ""), r.Text,
                DepartmentTime.ToLocal(r.Submitted, department.TimeZoneId), NowUtc - r.Submitted,
                r.ScheduleMode == ScheduleMode.At && r.ScheduledAtUtc is { } at ? DepartmentTime.ToLocal(at, department.TimeZoneId) : null,
                authors.GetValueOrDefault(r.AuthorId, ""));
        }).ToList();
        return Page();
    }

    /// <summary>A published message whose delivery to these accounts failed.</summary>
    public sealed record PartlyPublishedRow(long Id, string DepartmentCode, string Text, IReadOnlyList<string> FailedAccounts);

    public sealed record HandCheckRow(long Id, string DepartmentCode, string Text, DateTime AttemptLocal);

    public sealed record Row(long Id, string DepartmentCode, string Category, string Text, DateTime SubmittedLocal, TimeSpan Waiting, DateTime? ScheduledLocal, string Author);
}
