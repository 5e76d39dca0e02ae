namespace PoliceFeeds.Core.Messages;

/// <summary>
/// Where a message stands. Draft → Submitted (awaiting validation) → Approved (scheduled) → Publishing → Published or Failed;
/// Rejected goes back to the author; Cancelled is final. A published post can be taken down:
/// Published → WithdrawalRequested → Withdrawing → Withdrawn.
/// </summary>
public enum MessageStatus
{
    Draft = 0,

    /// <summary>Waiting for a validator of the department.</summary>
    Submitted = 1,

    /// <summary>Validated (or needing no validation) and waiting for its time: the publisher's queue.</summary>
    Approved = 2,

    /// <summary>Claimed by a publisher instance that holds a lease on it.</summary>
    Publishing = 3,

    Published = 4,

    /// <summary>Publishing gave up; an officer or an admin can retry it by hand.</summary>
    Failed = 5,

    /// <summary>Refused by a validator, with a reason; the author can edit it and submit it again.</summary>
    Rejected = 6,

    Cancelled = 7,

    /// <summary>The post must come down from X (person found, deviation ended): the publisher's deletion queue.</summary>
    WithdrawalRequested = 8,

    /// <summary>Claimed by a publisher instance that is deleting the post, under a lease.</summary>
    Withdrawing = 9,

    /// <summary>The post was deleted from X (or X no longer had it).</summary>
    Withdrawn = 10,
}

/// <summary>What a message is to the one it follows (<see cref="Message.InReplyToMessageId"/>).</summary>
public enum FollowUpKind
{
    /// <summary>Not a follow-up.</summary>
    None = 0,

    /// <summary>A follow-up written by an officer, posted as a reply to the original post.</summary>
    Reply = 1,

    /// <summary>The "fin de la déviation" reply posted by the publisher when a road deviation ends.</summary>
    DeviationEnd = 2,

    /// <summary>The thank-you after a missing person is found. The appeal's post is deleted, so it is posted on its own.</summary>
    FoundThanks = 3,
}

public enum ScheduleMode
{
    /// <summary>Published as soon as it is validated (or submitted, where no validation is needed).</summary>
    AsSoonAsValidated = 0,

    /// <summary>Published at <see cref="Message.ScheduledAtUtc"/>.</summary>
    At = 1,
}
