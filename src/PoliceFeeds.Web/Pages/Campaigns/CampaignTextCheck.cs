using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PoliceFeeds.Core.Campaigns;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Web.Pages.Campaigns;

/// <summary>
/// X refuses the same content posted by several accounts: a campaign's relay may not be submitted (or kept scheduled by
/// an edit) with a text identical, by <see cref="CampaignTextRule"/>, to another department's relay that is submitted,
/// scheduled or published (<see cref="CampaignRelay.CommittedStatuses"/>).
/// </summary>
public static class CampaignTextCheck
{
    private static readonly MessageStatus[] Committed = [.. CampaignRelay.CommittedStatuses];

    /// <summary>The code of a department whose committed relay has the same text as <paramref name="text"/>; null if none.</summary>
    public static async Task<string?> FindIdenticalAsync(PoliceFeedsDbContext db, Message message, string? text, CancellationToken cancellationToken)
    {
        if (message.CampaignId is not { } campaignId)
        {
            return null;
        }

        // One relay per target department: a hundred short texts at most, compared here with the Core rule.
        var others = await CommittedRelays(db, campaignId, message.Id, message.DepartmentId).ToListAsync(cancellationToken);
        var key = CampaignTextRule.Key(text);
        return others.FirstOrDefault(o => CampaignTextRule.Key(o.Text) == key)?.Code;
    }

    /// <summary>The other departments' committed relays of the campaign: their text and department code.</summary>
    public static IQueryable<Relay> CommittedRelays(PoliceFeedsDbContext db, int campaignId, long messageId, int departmentId) =>
        from other in db.Messages.AsNoTracking()
        where other.CampaignId == campaignId && other.Id != messageId && other.DepartmentId != departmentId && Committed.Contains(other.Status)
        join department in db.Departments.AsNoTracking() on other.DepartmentId equals department.Id
        orderby department.Code
        select new Relay(other.Text, department.Code);

    public sealed record Relay(string Text, string Code);

    /// <summary>Why the text is refused, in the user's language.</summary>
    public static string Refusal(IStringLocalizer<CampaignsText> text, string departmentCode) =>
        string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Validation.IdenticalRelay"], departmentCode);
}
