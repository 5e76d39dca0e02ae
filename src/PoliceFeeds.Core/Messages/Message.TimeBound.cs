using PoliceFeeds.Core.Audit;
using PoliceFeeds.Core.Departments;

namespace PoliceFeeds.Core.Messages;

/// <summary>
/// The time-bound messages and their follow-ups: a missing-person appeal marked found (its post deleted, its text and
/// photos redacted later), a road deviation that ends (its post deleted or answered with the department's reply), and
/// the follow-ups that reply to a published message.
/// </summary>
public partial class Message
{
    /// <summary>
    /// A missing person was found. A published appeal goes to the publisher's deletion queue; one not yet published is
    /// cancelled. Its text and photos are redacted at <paramref name="redactAtUtc"/>.
    /// </summary>
    public LifecycleResult MarkPersonFound(string actorId, string categoryKey, DateTime nowUtc, DateTime redactAtUtc)
    {
        if (categoryKey != CategoryKeys.MissingPerson)
        {
            return LifecycleError.NotAMissingPersonAppeal;
        }

        if (FoundAtUtc is not null)
        {
            return LifecycleError.AlreadyFound;
        }

        if (Status == MessageStatus.Publishing)
        {
            return LifecycleError.PublishingInProgress;
        }

        FoundAtUtc = nowUtc;
        FoundById = actorId;
        RedactAtUtc = redactAtUtc;
        const string reason = "personne retrouvée";
        if (Status == MessageStatus.Published)
        {
            RequestWithdrawal(actorId, nowUtc, "message.person_found", reason);
        }
        else if (IsEditable)
        {
            MoveTo(MessageStatus.Cancelled, actorId, nowUtc, "message.person_found", reason + " avant publication");
            ClearSchedulingState();
        }
        else
        {
            MoveTo(Status, actorId, nowUtc, "message.person_found", reason);
        }

        return LifecycleResult.Ok;
    }

    /// <summary>
    /// Ends a road deviation, at its end time or early by hand. A published one is taken down
    /// (<see cref="DeviationEndAction.Delete"/>) or stays online for the "fin de la déviation" reply
    /// (<see cref="DeviationEndAction.Reply"/>: the message stays <see cref="MessageStatus.Published"/> and the caller adds
    /// the reply with <see cref="CreateDeviationEndReply"/>). One not yet published is cancelled.
    /// </summary>
    public LifecycleResult EndDeviation(string actorId, string categoryKey, DeviationEndAction action, DateTime nowUtc)
    {
        if (categoryKey != CategoryKeys.RoadDeviation)
        {
            return LifecycleError.NotARoadDeviation;
        }

        if (EndedAtUtc is not null)
        {
            return LifecycleError.AlreadyEnded;
        }

        if (Status == MessageStatus.Publishing)
        {
            return LifecycleError.PublishingInProgress;
        }

        if (Status == MessageStatus.Published)
        {
            EndedAtUtc = nowUtc;
            if (action == DeviationEndAction.Delete)
            {
                RequestWithdrawal(actorId, nowUtc, "message.deviation_ended", "fin de la déviation : suppression du post");
            }
            else
            {
                MoveTo(Status, actorId, nowUtc, "message.deviation_ended", "fin de la déviation : réponse publiée");
            }

            return LifecycleResult.Ok;
        }

        if (!IsEditable)
        {
            return LifecycleError.NotAllowedInCurrentStatus;
        }

        EndedAtUtc = nowUtc;
        MoveTo(MessageStatus.Cancelled, actorId, nowUtc, "message.deviation_ended", "fin de la déviation avant publication");
        ClearSchedulingState();
        return LifecycleResult.Ok;
    }

    /// <summary>
    /// Ends a road deviation as <paramref name="department"/> configures it (see the overload above). When its post stays
    /// online, <paramref name="endReply"/> is the "fin de la déviation" reply, from the department's template filled with
    /// <paramref name="endUtc"/> in the department's time zone; otherwise null.
    /// </summary>
    public LifecycleResult EndDeviation(string actorId, string categoryKey, Department department, DateTime nowUtc, DateTime endUtc, out Message? endReply)
    {
        endReply = null;
        var result = EndDeviation(actorId, categoryKey, department.DeviationEndAction, nowUtc);
        if (result.Succeeded && Status == MessageStatus.Published)
        {
            var localEnd = Scheduling.DepartmentTime.ToLocal(endUtc, department.TimeZoneId);
            endReply = CreateDeviationEndReply(this, TimeBoundDefaults.FillDeviationEnd(department.DeviationEndTemplate, localEnd), nowUtc);
        }

        return result;
    }

    /// <summary>A draft that follows <paramref name="parent"/> up, in its department and category.</summary>
    public static Message CreateFollowUp(Message parent, FollowUpKind kind, string text, string authorId, DateTime nowUtc)
    {
        var followUp = CreateDraft(parent.DepartmentId, parent.CategoryId, text, authorId, nowUtc);
        followUp.InReplyToMessageId = parent.Id;
        followUp.FollowUpKind = kind;
        return followUp;
    }

    /// <summary>Whether <paramref name="kind"/> of follow-up may be started from this message now.</summary>
    public LifecycleResult CanStartFollowUp(FollowUpKind kind) => kind switch
    {
        FollowUpKind.FoundThanks when FoundAtUtc is null => LifecycleError.NotAllowedInCurrentStatus,
        FollowUpKind.FoundThanks => LifecycleResult.Ok,
        _ when !IsOnline || XPostId is null => LifecycleError.ParentNotPublished,
        _ => LifecycleResult.Ok,
    };

    /// <summary>
    /// The "fin de la déviation" reply, scheduled at once by the publisher: its text is the department's template, which
    /// the national administration set.
    /// </summary>
    public static Message CreateDeviationEndReply(Message deviation, string text, DateTime nowUtc)
    {
        var reply = CreateFollowUp(deviation, FollowUpKind.DeviationEnd, text, SystemActors.Publisher, nowUtc);
        reply.SubmittedAtUtc = nowUtc;
        reply.Schedule(SystemActors.Publisher, nowUtc, "message.scheduled");
        return reply;
    }

    /// <summary>Replaces a found person's appeal text and removes its photos; the audit trail keeps the history.</summary>
    public LifecycleResult Redact(DateTime nowUtc)
    {
        if (RedactedAtUtc is not null || FoundAtUtc is null)
        {
            return LifecycleError.NotAllowedInCurrentStatus;
        }

        if (Status is MessageStatus.Publishing or MessageStatus.Withdrawing)
        {
            return LifecycleError.PublishingInProgress;
        }

        Text = RedactedText;
        Photos.Clear();
        Variants.Clear();
        RedactedAtUtc = nowUtc;
        MoveTo(Status, SystemActors.Publisher, nowUtc, "message.redacted", "texte et photos masqués");
        return LifecycleResult.Ok;
    }
}
