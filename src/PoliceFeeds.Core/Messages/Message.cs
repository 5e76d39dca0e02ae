namespace PoliceFeeds.Core.Messages;

/// <summary>
/// A message of a department, from draft to publication on X. The lifecycle methods below are the only way its status
/// changes in the back office; the publisher moves it through Publishing with conditional updates guarded by a lease.
/// </summary>
public class Message
{
    private readonly List<MessageStatusChange> _pendingChanges = [];

    public long Id { get; set; }

    public int DepartmentId { get; set; }

    public int CategoryId { get; set; }

    public string Text { get; set; } = "";

    public MessageStatus Status { get; set; } = MessageStatus.Draft;

    public ScheduleMode ScheduleMode { get; set; }

    /// <summary>The time chosen by the officer when <see cref="ScheduleMode"/> is <see cref="ScheduleMode.At"/>.</summary>
    public DateTime? ScheduledAtUtc { get; set; }

    /// <summary>When the message became due: its scheduled time, or the approval time for "as soon as validated".</summary>
    public DateTime? DueAtUtc { get; set; }

    /// <summary>The publisher does not take the message before this instant (due time, then retry backoff or rate limit).</summary>
    public DateTime? NextAttemptAtUtc { get; set; }

    /// <summary>For road deviations and other time-bound messages: when the situation ends.</summary>
    public DateTime? EndsAtUtc { get; set; }

    /// <summary>When set, this message is posted as a reply to that message's post.</summary>
    public long? InReplyToMessageId { get; set; }

    public required string AuthorId { get; set; }

    public string? LastEditedById { get; set; }

    public string? ValidatorId { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public DateTime? SubmittedAtUtc { get; set; }

    public DateTime? ValidatedAtUtc { get; set; }

    public string? RejectionReason { get; set; }

    public string? XPostId { get; set; }

    public string? XPostUrl { get; set; }

    public DateTime? PublishedAtUtc { get; set; }

    /// <summary>Calls to X made for this message (each recorded before the call).</summary>
    public int Attempts { get; set; }

    /// <summary>Set just before X is called and cleared with the outcome: if still set later, that attempt was ambiguous.</summary>
    public DateTime? AttemptStartedAtUtc { get; set; }

    public string? LastError { get; set; }

    public DateTime? LastErrorAtUtc { get; set; }

    /// <summary>Instance that holds the publishing lease.</summary>
    public string? LeaseOwner { get; set; }

    /// <summary>Fencing token of the current lease: every publisher update is conditional on it.</summary>
    public Guid? LeaseToken { get; set; }

    public DateTime? LeaseExpiresAtUtc { get; set; }

    /// <summary>Optimistic concurrency token, incremented on every save (and by the publisher's conditional updates).</summary>
    public int Version { get; set; }

    public List<MessagePhoto> Photos { get; set; } = [];

    /// <summary>Status changes not yet written to the audit trail.</summary>
    public IReadOnlyList<MessageStatusChange> PendingChanges => _pendingChanges;

    public void ClearPendingChanges() => _pendingChanges.Clear();

    /// <summary>Whether the text, category, photos or schedule can still be changed.</summary>
    public bool IsEditable => Status is MessageStatus.Draft or MessageStatus.Submitted or MessageStatus.Approved
        or MessageStatus.Rejected or MessageStatus.Failed;

    public bool CanBeCancelled => IsEditable;

    public static Message CreateDraft(int departmentId, int categoryId, string text, string authorId, DateTime nowUtc) => new()
    {
        DepartmentId = departmentId,
        CategoryId = categoryId,
        Text = text,
        AuthorId = authorId,
        Status = MessageStatus.Draft,
        CreatedAtUtc = nowUtc,
        UpdatedAtUtc = nowUtc,
    };

    /// <summary>Sets when the message goes out. A time in the past is refused.</summary>
    public LifecycleResult SetSchedule(ScheduleMode mode, DateTime? scheduledAtUtc, DateTime nowUtc)
    {
        if (mode == ScheduleMode.At)
        {
            if (scheduledAtUtc is null || scheduledAtUtc.Value <= nowUtc)
            {
                return LifecycleError.ScheduledTimeInPast;
            }

            ScheduledAtUtc = scheduledAtUtc;
        }
        else
        {
            ScheduledAtUtc = null;
        }

        ScheduleMode = mode;
        return LifecycleResult.Ok;
    }

    /// <summary>
    /// Records an edit. A submitted or scheduled message goes back to draft: it leaves the validators' list and the
    /// publisher's queue in the same save, so its old form is never posted.
    /// </summary>
    public LifecycleResult Edit(string editorId, DateTime nowUtc)
    {
        if (!IsEditable)
        {
            return LifecycleError.NotAllowedInCurrentStatus;
        }

        LastEditedById = editorId;
        UpdatedAtUtc = nowUtc;
        if (Status is MessageStatus.Submitted or MessageStatus.Approved or MessageStatus.Failed)
        {
            MoveTo(MessageStatus.Draft, editorId, nowUtc, "message.returned_to_draft", "modification");
            ClearSchedulingState();
            ValidatorId = null;
            ValidatedAtUtc = null;
        }

        return LifecycleResult.Ok;
    }

    /// <summary>
    /// Sends the draft on. Where validation is required it waits for a validator; otherwise it is scheduled at once.
    /// </summary>
    public LifecycleResult Submit(string actorId, bool requiresValidation, DateTime nowUtc)
    {
        if (Status is not (MessageStatus.Draft or MessageStatus.Rejected))
        {
            return LifecycleError.NotAllowedInCurrentStatus;
        }

        if (ScheduleMode == ScheduleMode.At && (ScheduledAtUtc is null || ScheduledAtUtc <= nowUtc))
        {
            return LifecycleError.ScheduledTimeInPast;
        }

        SubmittedAtUtc = nowUtc;
        RejectionReason = null;
        if (requiresValidation)
        {
            MoveTo(MessageStatus.Submitted, actorId, nowUtc, "message.submitted", null);
        }
        else
        {
            Schedule(actorId, nowUtc, "message.scheduled");
        }

        return LifecycleResult.Ok;
    }

    public LifecycleResult Approve(string validatorId, DateTime nowUtc)
    {
        if (Status != MessageStatus.Submitted)
        {
            return LifecycleError.NotAllowedInCurrentStatus;
        }

        if (validatorId == AuthorId || validatorId == LastEditedById)
        {
            return LifecycleError.ValidatorIsAuthor;
        }

        if (ScheduleMode == ScheduleMode.At && ScheduledAtUtc <= nowUtc)
        {
            return LifecycleError.ScheduledTimeInPast;
        }

        ValidatorId = validatorId;
        ValidatedAtUtc = nowUtc;
        Schedule(validatorId, nowUtc, "message.approved");
        return LifecycleResult.Ok;
    }

    public LifecycleResult Reject(string validatorId, string? reason, DateTime nowUtc)
    {
        if (Status != MessageStatus.Submitted)
        {
            return LifecycleError.NotAllowedInCurrentStatus;
        }

        if (validatorId == AuthorId || validatorId == LastEditedById)
        {
            return LifecycleError.ValidatorIsAuthor;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return LifecycleError.ReasonRequired;
        }

        ValidatorId = validatorId;
        ValidatedAtUtc = nowUtc;
        RejectionReason = reason.Trim();
        MoveTo(MessageStatus.Rejected, validatorId, nowUtc, "message.rejected", RejectionReason);
        return LifecycleResult.Ok;
    }

    public LifecycleResult Cancel(string actorId, DateTime nowUtc)
    {
        if (!CanBeCancelled)
        {
            return LifecycleError.NotAllowedInCurrentStatus;
        }

        MoveTo(MessageStatus.Cancelled, actorId, nowUtc, "message.cancelled", null);
        ClearSchedulingState();
        return LifecycleResult.Ok;
    }

    /// <summary>Puts a failed message back in the publisher's queue, due now, with a fresh attempt count.</summary>
    public LifecycleResult RetryAfterFailure(string actorId, DateTime nowUtc)
    {
        if (Status != MessageStatus.Failed)
        {
            return LifecycleError.NotAllowedInCurrentStatus;
        }

        Attempts = 0;
        DueAtUtc = nowUtc;
        NextAttemptAtUtc = nowUtc;
        MoveTo(MessageStatus.Approved, actorId, nowUtc, "message.retry_requested", LastError);
        return LifecycleResult.Ok;
    }

    private void Schedule(string actorId, DateTime nowUtc, string action)
    {
        DueAtUtc = ScheduleMode == ScheduleMode.At ? ScheduledAtUtc : nowUtc;
        NextAttemptAtUtc = DueAtUtc;
        MoveTo(MessageStatus.Approved, actorId, nowUtc, action, null);
    }

    private void ClearSchedulingState()
    {
        DueAtUtc = null;
        NextAttemptAtUtc = null;
        LeaseOwner = null;
        LeaseToken = null;
        LeaseExpiresAtUtc = null;
    }

    private void MoveTo(MessageStatus to, string actorId, DateTime nowUtc, string action, string? reason)
    {
        _pendingChanges.Add(new MessageStatusChange(Status, to, actorId, nowUtc, action, reason));
        Status = to;
        UpdatedAtUtc = nowUtc;
    }
}
