using PoliceFeeds.Core.Messages;

namespace PoliceFeeds.Core.Campaigns;

/// <summary>Where a target department stands with a campaign, as the campaign page shows it.</summary>
public enum CampaignRelayStatus
{
    /// <summary>The draft is as the campaign sent it: nobody of the department has edited it yet.</summary>
    ToAdapt = 0,

    /// <summary>The department edited the draft (or had it rejected, to edit again).</summary>
    Adopted = 1,

    /// <summary>Submitted, waiting for the department's validator.</summary>
    AwaitingValidation = 2,

    /// <summary>Approved or scheduled, not yet online.</summary>
    Scheduled = 3,

    Published = 4,

    /// <summary>The department declined it, with a reason.</summary>
    Declined = 5,

    /// <summary>The draft was cancelled without declining, or its publication failed.</summary>
    Stopped = 6,
}

public static class CampaignRelay
{
    /// <summary>
    /// A target department's status from its draft: declined first; then the draft's status, a draft counting as
    /// adopted once someone of the department edited it (<paramref name="draftEdited"/>).
    /// </summary>
    public static CampaignRelayStatus StatusOf(bool declined, MessageStatus? draftStatus, bool draftEdited) => (declined, draftStatus) switch
    {
        (true, _) => CampaignRelayStatus.Declined,
        (_, null) => CampaignRelayStatus.Stopped,
        (_, MessageStatus.Draft) => draftEdited ? CampaignRelayStatus.Adopted : CampaignRelayStatus.ToAdapt,
        (_, MessageStatus.Rejected) => CampaignRelayStatus.Adopted,
        (_, MessageStatus.Submitted) => CampaignRelayStatus.AwaitingValidation,
        (_, MessageStatus.Approved or MessageStatus.Publishing) => CampaignRelayStatus.Scheduled,
        (_, MessageStatus.Published or MessageStatus.WithdrawalRequested or MessageStatus.Withdrawing or MessageStatus.Withdrawn) => CampaignRelayStatus.Published,
        _ => CampaignRelayStatus.Stopped,
    };

    /// <summary>
    /// The statuses in which a department's relay counts as sent on to X (submitted, scheduled, publishing, published):
    /// another department may not submit the same text (<see cref="CampaignTextRule"/>).
    /// </summary>
    public static readonly IReadOnlyList<MessageStatus> CommittedStatuses =
        [MessageStatus.Submitted, MessageStatus.Approved, MessageStatus.Publishing, MessageStatus.Published];
}
