namespace PoliceFeeds.Core.Messages;

/// <summary>
/// Where a message stands. Draft → Submitted (awaiting validation) → Approved (scheduled) → Publishing → Published or Failed;
/// Rejected goes back to the author; Cancelled is final.
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
}

public enum ScheduleMode
{
    /// <summary>Published as soon as it is validated (or submitted, where no validation is needed).</summary>
    AsSoonAsValidated = 0,

    /// <summary>Published at <see cref="Message.ScheduledAtUtc"/>.</summary>
    At = 1,
}
