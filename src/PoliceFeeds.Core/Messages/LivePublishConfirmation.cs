namespace PoliceFeeds.Core.Messages;

/// <summary>
/// Whether saving a message publishes it at once on the department's live X account with nobody reading it first: the
/// account is live, neither the department nor the category requires validation, and the message is due "dès que
/// possible", either because it is being submitted or because it is a scheduled message whose edit keeps it scheduled.
/// The server then requires an explicit confirmation (the compose page's modal, or its alert without JavaScript).
/// </summary>
public static class LivePublishConfirmation
{
    public static bool IsRequired(bool liveAccount, bool validationRequired, ScheduleMode scheduleMode, bool submitting, bool editOfScheduled) =>
        liveAccount && !validationRequired && scheduleMode == ScheduleMode.AsSoonAsValidated && (submitting || editOfScheduled);
}
