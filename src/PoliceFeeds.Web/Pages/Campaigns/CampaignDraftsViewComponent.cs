using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Web.Pages.Campaigns;

/// <summary>
/// On the department home: the campaign drafts nobody of the department has adapted yet ("campagne nationale : à
/// adapter"), each linked to its compose page. The home checks the department is the user's before asking.
/// </summary>
public sealed class CampaignDraftsViewComponent(PoliceFeedsDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int departmentId)
    {
        var drafts = await Drafts(db, departmentId).ToListAsync(HttpContext.RequestAborted);
        return View("/Pages/Campaigns/_Drafts.cshtml", drafts);
    }

    public static IQueryable<Draft> Drafts(PoliceFeedsDbContext db, int departmentId) => (
        from message in db.Messages.AsNoTracking()
        where message.DepartmentId == departmentId && message.CampaignId != null && message.Status == MessageStatus.Draft
        join campaign in db.Campaigns.AsNoTracking() on message.CampaignId equals campaign.Id
        orderby campaign.StartsOn, message.Id
        select new Draft(message.Id, campaign.Title, campaign.StartsOn, campaign.EndsOn, message.LastEditedById != null))
        .Take(20);

    public sealed record Draft(long MessageId, string Title, DateOnly StartsOn, DateOnly EndsOn, bool Edited);
}
