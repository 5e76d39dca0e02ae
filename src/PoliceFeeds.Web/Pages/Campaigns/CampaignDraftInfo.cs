using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Web.Pages.Campaigns;

/// <summary>What the compose and message pages say about a campaign's relay (<c>_DraftBanner.cshtml</c>).</summary>
public sealed record CampaignDraftInfo(int CampaignId, string Title, DateOnly StartsOn, DateOnly EndsOn, long MessageId, bool CanDecline, string? DeclineReason)
{
    /// <summary>The campaign of the message <paramref name="messageId"/>, when the message is a campaign's relay.</summary>
    public static async Task<CampaignDraftInfo?> ForMessageAsync(PoliceFeedsDbContext db, long messageId, CancellationToken cancellationToken)
    {
        var row = await (
            from target in db.CampaignDepartments.AsNoTracking()
            where target.MessageId == messageId
            join campaign in db.Campaigns.AsNoTracking() on target.CampaignId equals campaign.Id
            join message in db.Messages.AsNoTracking() on target.MessageId equals message.Id
            select new { campaign.Id, campaign.Title, campaign.StartsOn, campaign.EndsOn, target.DeclinedAtUtc, target.DeclineReason, message.Status })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var canDecline = row.DeclinedAtUtc is null && row.Status is MessageStatus.Draft or MessageStatus.Submitted or MessageStatus.Approved or MessageStatus.Rejected or MessageStatus.Failed;
        return new CampaignDraftInfo(row.Id, row.Title, row.StartsOn, row.EndsOn, messageId, canDecline, row.DeclinedAtUtc is null ? null : row.DeclineReason);
    }
}
