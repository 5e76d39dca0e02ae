using PoliceFeeds.Core.Campaigns;

namespace PoliceFeeds.Core.Messages;

/// <summary>A message may be a department's relay of a national campaign.</summary>
public partial class Message
{
    /// <summary>The national campaign this message relays, when it was created as that campaign's draft for its department.</summary>
    public int? CampaignId { get; set; }

    /// <summary>
    /// The draft a target department receives: the campaign's category and text, by the national admin who created the
    /// campaign, "as soon as validated" until the department schedules it. Its audit trail starts with
    /// "message.campaign_draft" naming the campaign.
    /// </summary>
    public static Message CreateCampaignDraft(Campaign campaign, int departmentId, string authorId, DateTime nowUtc)
    {
        var draft = CreateDraft(departmentId, campaign.CategoryId, campaign.Text, authorId, nowUtc);
        draft.CampaignId = campaign.Id;
        draft.MoveTo(MessageStatus.Draft, authorId, nowUtc, "message.campaign_draft",
            "campagne nationale n° " + campaign.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) + " : " + campaign.Title);
        return draft;
    }
}
