namespace PoliceFeeds.Core.Messages;

/// <summary>Why a lifecycle step was refused. The web layer turns each into a French sentence.</summary>
public enum LifecycleError
{
    None = 0,
    NotAllowedInCurrentStatus,
    ValidatorIsAuthor,
    ReasonRequired,
    ScheduledTimeInPast,
    NotAMissingPersonAppeal,
    AlreadyFound,
    NotARoadDeviation,
    AlreadyEnded,
    PublishingInProgress,
    ParentNotPublished,
    ReasonTooLong,
}

/// <summary>A status change that happened, kept until it is written to the audit trail.</summary>
public sealed record MessageStatusChange(
    MessageStatus From,
    MessageStatus To,
    string ActorUserId,
    DateTime AtUtc,
    string Action,
    string? Reason);

public readonly record struct LifecycleResult(LifecycleError Error)
{
    public static LifecycleResult Ok { get; } = new(LifecycleError.None);

    public bool Succeeded => Error == LifecycleError.None;

    public static implicit operator LifecycleResult(LifecycleError error) => new(error);
}
