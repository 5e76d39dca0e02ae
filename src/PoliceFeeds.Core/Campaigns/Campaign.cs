namespace PoliceFeeds.Core.Campaigns;

/// <summary>
/// A national campaign: a text and a category prepared by a national admin for a period, sent to target departments as
/// drafts (<see cref="Messages.Message.CreateCampaignDraft"/>) that each adapts in its own words and schedules through
/// its usual validation, or declines.
/// </summary>
public class Campaign
{
    public const int MaxTitleLength = 200;

    public int Id { get; set; }

    /// <summary>What the campaign is called in the back office (never posted).</summary>
    public required string Title { get; set; }

    /// <summary>The proposed text each department starts from.</summary>
    public required string Text { get; set; }

    public int CategoryId { get; set; }

    /// <summary>First day of the period (in each department's own calendar).</summary>
    public DateOnly StartsOn { get; set; }

    /// <summary>Last day of the period, included.</summary>
    public DateOnly EndsOn { get; set; }

    public required string CreatedById { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public List<CampaignDepartment> Departments { get; set; } = [];
}

/// <summary>One target department of a campaign: its draft, or why it declined.</summary>
public class CampaignDepartment
{
    public int CampaignId { get; set; }

    public int DepartmentId { get; set; }

    /// <summary>The department's draft (a normal message linked to the campaign).</summary>
    public long? MessageId { get; set; }

    public DateTime? DeclinedAtUtc { get; set; }

    public string? DeclinedById { get; set; }

    public string? DeclineReason { get; set; }

    public bool IsDeclined => DeclinedAtUtc is not null;

    /// <summary>
    /// The department will not relay the campaign: a reason is required, and its draft is cancelled in the same save
    /// (it can no longer be submitted). Refused once the draft is published or being published (nothing to decline).
    /// </summary>
    public Messages.LifecycleResult Decline(Messages.Message draft, string actorId, string? reason, DateTime nowUtc)
    {
        if (IsDeclined)
        {
            return Messages.LifecycleError.NotAllowedInCurrentStatus;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Messages.LifecycleError.ReasonRequired;
        }

        if (reason.Trim().Length > Messages.Message.MaxReasonLength)
        {
            return Messages.LifecycleError.ReasonTooLong;
        }

        var cancelled = draft.Cancel(actorId, nowUtc);
        if (!cancelled.Succeeded)
        {
            return cancelled;
        }

        DeclinedAtUtc = nowUtc;
        DeclinedById = actorId;
        DeclineReason = reason.Trim();
        return Messages.LifecycleResult.Ok;
    }
}
