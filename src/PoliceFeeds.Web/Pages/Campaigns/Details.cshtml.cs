using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Campaigns;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Web.Security;

namespace PoliceFeeds.Web.Pages.Campaigns;

/// <summary>
/// A campaign and where each target department stands (<c>/Campaigns/ID</c>, national admins): to adapt, adopted,
/// awaiting validation, scheduled, published or declined, with a link to its relay (and to the post once published).
/// </summary>
[Authorize(Policy = AuthorizationPolicies.NationalAdmin)]
public sealed class DetailsModel(PoliceFeedsDbContext db) : PageModel
{
    public Campaign Campaign { get; private set; } = null!;

    public string CategoryLabel { get; private set; } = "";

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (campaign is null)
        {
            return NotFound();
        }

        Campaign = campaign;
        CategoryLabel = await db.Categories.Where(c => c.Id == campaign.CategoryId).Select(c => c.Label).SingleAsync(cancellationToken);
        Rows = await RowsAsync(db, id, cancellationToken);
        return Page();
    }

    /// <summary>One row per target department, by code.</summary>
    public static async Task<List<Row>> RowsAsync(PoliceFeedsDbContext db, int campaignId, CancellationToken cancellationToken)
    {
        var rows = await RowsQuery(db, campaignId).ToListAsync(cancellationToken);
        return rows.Select(r => new Row(r.Code, r.Name, r.MessageId, CampaignRelay.StatusOf(r.DeclinedAtUtc is not null, r.Status, r.Edited), r.DeclineReason, r.Url, r.Text)).ToList();
    }

    /// <summary>The target departments of a campaign with their relay (left join: a relay is never deleted, but say it).</summary>
    public static IQueryable<TargetRow> RowsQuery(PoliceFeedsDbContext db, int campaignId) =>
            from target in db.CampaignDepartments.AsNoTracking()
            where target.CampaignId == campaignId
            join department in db.Departments.AsNoTracking() on target.DepartmentId equals department.Id
            join m in db.Messages.AsNoTracking() on target.MessageId equals (long?)m.Id into relays
            from message in relays.DefaultIfEmpty()
            orderby department.Code
            select new TargetRow(
                department.Code,
                department.Name,
                target.MessageId,
                target.DeclinedAtUtc,
                target.DeclineReason,
                message == null ? null : message.Status,
                message != null && message.LastEditedById != null,
                message == null ? null : message.XPostUrl,
                message == null ? null : message.Text);

    public sealed record TargetRow(string Code, string Name, long? MessageId, DateTime? DeclinedAtUtc, string? DeclineReason, MessageStatus? Status, bool Edited, string? Url, string? Text);

    public sealed record Row(string Code, string Name, long? MessageId, CampaignRelayStatus Status, string? DeclineReason, string? PostUrl, string? Text);
}
