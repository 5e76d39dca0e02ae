using PoliceFeeds.Core.Audit;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Search;

namespace PoliceFeeds.Core.Messages;

/// <summary>
/// A message of a department, from draft to publication on X. The lifecycle methods below are the only way its status
/// changes in the back office; the publisher moves its deliveries (<see cref="Publishing.Delivery"/>) under leases, and with them its publishing status.
/// </summary>
public partial class Message
{
    private readonly List<MessageStatusChange> _pendingChanges = [];

    public long Id { get; set; }

    public int DepartmentId { get; set; }

    public int CategoryId { get; set; }

    private string _text = "";

    public string Text
    {
        get => _text;
        set
        {
            _text = value;
            SearchText = SearchNormalizer.Normalize(value);
        }
    }

    /// <summary>
    /// <see cref="Text"/> as search compares it (see <see cref="SearchNormalizer"/>): kept by the setter of the text, so
    /// every change (edit, redaction, seeding) updates it in the same save.
    /// </summary>
    public string SearchText { get; private set; } = "";

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

    /// <summary>What this message is to <see cref="InReplyToMessageId"/>.</summary>
    public FollowUpKind FollowUpKind { get; set; }

    /// <summary>Missing-person appeals: when the person was reported found.</summary>
    public DateTime? FoundAtUtc { get; set; }

    public string? FoundById { get; set; }

    /// <summary>Road deviations: when the deviation was ended (at its end time or by hand).</summary>
    public DateTime? EndedAtUtc { get; set; }

    /// <summary>When the post was deleted from X.</summary>
    public DateTime? WithdrawnAtUtc { get; set; }

    /// <summary>When the text and photos are to be redacted in the back office (found appeals).</summary>
    public DateTime? RedactAtUtc { get; set; }

    public DateTime? RedactedAtUtc { get; set; }

    public required string AuthorId { get; set; }

    public string? LastEditedById { get; set; }

    public string? ValidatorId { get; set; }

    /// <summary>
    /// Four eyes: everyone who changed the text, a photo or a photo's description since it was last approved (or
    /// scheduled where no validation is required), as user ids separated by spaces. None of them can approve or reject
    /// it, nor approve its held deliveries again. (The column keeps its first name: photos were added to it later.)
    /// </summary>
    public string TextEditorIds { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public DateTime? SubmittedAtUtc { get; set; }

    public DateTime? ValidatedAtUtc { get; set; }

    public string? RejectionReason { get; set; }

    /// <summary>
    /// The post of the message's first delivery that went online (written by the publisher with that delivery, for the
    /// report, the engagement job and follow-ups); each delivery keeps its own (<c>Delivery.RemotePostId</c>).
    /// </summary>
    public string? XPostId { get; set; }

    public string? XPostUrl { get; set; }

    public DateTime? PublishedAtUtc { get; set; }

    /// <summary>Optimistic concurrency token, incremented on every save (and by the publisher's conditional updates).</summary>
    public int Version { get; set; }

    public List<MessagePhoto> Photos { get; set; } = [];

    /// <summary>Where the message goes (one per publishing account); planned when it is approved, moved by the publisher.</summary>
    public List<Publishing.Delivery> Deliveries { get; set; } = [];

    /// <summary>Status changes not yet written to the audit trail.</summary>
    public IReadOnlyList<MessageStatusChange> PendingChanges => _pendingChanges;

    public void ClearPendingChanges() => _pendingChanges.Clear();

    /// <summary>Whether the text, category, photos or schedule can still be changed.</summary>
    public bool IsEditable => Status is MessageStatus.Draft or MessageStatus.Submitted or MessageStatus.Approved
        or MessageStatus.Rejected or MessageStatus.Failed;

    public bool CanBeCancelled => IsEditable;

    /// <summary>Longest rejection or withdrawal reason.</summary>
    public const int MaxReasonLength = 1000;

    /// <summary>Text kept in place of a redacted appeal's.</summary>
    public const string RedactedText = "[Texte masqué : avis de recherche clos, personne retrouvée]";

    /// <summary>Whether the message's post is online on X (or the sandbox timeline), so that it can be followed up or taken down.</summary>
    public bool IsOnline => Status == MessageStatus.Published;

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
        if (Status == MessageStatus.Approved)
        {
            // A scheduled message kept scheduled by an edit (see EditKeepingValidation) goes out at its new time.
            DueAtUtc = mode == ScheduleMode.At ? ScheduledAtUtc : nowUtc;
            NextAttemptAtUtc = DueAtUtc;
        }

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
    /// Replaces the text during an edit (after <see cref="Edit"/>). Whoever changes it joins
    /// <see cref="TextEditorIds"/> until the next approval, so cannot approve wording that is partly theirs.
    /// </summary>
    public void ChangeText(string editorId, string text)
    {
        if (text == Text)
        {
            return;
        }

        Text = text;
        AddContentEditor(editorId);
    }

    /// <summary>
    /// <paramref name="editorId"/> changed what will be posted (the text, a photo, a description): they join
    /// <see cref="TextEditorIds"/> until the next approval.
    /// </summary>
    private void AddContentEditor(string editorId)
    {
        if (!HasEditedText(editorId))
        {
            TextEditorIds = TextEditorIds.Length == 0 ? editorId : TextEditorIds + " " + editorId;
        }
    }

    /// <summary>Whether <paramref name="userId"/> changed the text or the photos since the last approval.</summary>
    public bool HasEditedText(string userId) => TextEditorIds.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(userId, StringComparer.Ordinal);

    /// <summary>Four eyes: neither the author, nor the last editor, nor anyone who changed the text or the photos since the last approval.</summary>
    public bool CanBeReviewedBy(string userId) => userId != AuthorId && userId != LastEditedById && !HasEditedText(userId);

    /// <summary>
    /// Approving held deliveries again (their account changed mode or was disconnected since the approval) decides anew
    /// where the message goes: the four-eyes rule of <see cref="Approve"/> applies.
    /// </summary>
    public LifecycleResult CheckReapproval(string validatorId) => CanBeReviewedBy(validatorId) ? LifecycleResult.Ok : LifecycleError.ValidatorIsAuthor;

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

        if (!CanBeReviewedBy(validatorId))
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

        if (!CanBeReviewedBy(validatorId))
        {
            return LifecycleError.ValidatorIsAuthor;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return LifecycleError.ReasonRequired;
        }

        if (reason.Trim().Length > MaxReasonLength)
        {
            return LifecycleError.ReasonTooLong;
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

        DueAtUtc = nowUtc;
        NextAttemptAtUtc = nowUtc;
        MoveTo(MessageStatus.Approved, actorId, nowUtc, "message.retry_requested", null);
        return LifecycleResult.Ok;
    }

    /// <summary>Takes a published post down by hand (for example after a failed deletion).</summary>
    public LifecycleResult Withdraw(string actorId, string? reason, DateTime nowUtc)
    {
        if (Status != MessageStatus.Published)
        {
            return LifecycleError.NotAllowedInCurrentStatus;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return LifecycleError.ReasonRequired;
        }

        if (reason.Trim().Length > MaxReasonLength)
        {
            return LifecycleError.ReasonTooLong;
        }

        RequestWithdrawal(actorId, nowUtc, "message.withdrawal_requested", reason.Trim());
        return LifecycleResult.Ok;
    }

    private void RequestWithdrawal(string actorId, DateTime nowUtc, string action, string reason)
    {
        NextAttemptAtUtc = nowUtc;
        MoveTo(MessageStatus.WithdrawalRequested, actorId, nowUtc, action, reason);
    }

    private void Schedule(string actorId, DateTime nowUtc, string action)
    {
        // The text as it stands is accepted: the next review counts the editors from here (four eyes).
        TextEditorIds = "";
        DueAtUtc = ScheduleMode == ScheduleMode.At ? ScheduledAtUtc : nowUtc;
        NextAttemptAtUtc = DueAtUtc;
        MoveTo(MessageStatus.Approved, actorId, nowUtc, action, null);
    }

    private void ClearSchedulingState()
    {
        DueAtUtc = null;
        NextAttemptAtUtc = null;
    }

    private void MoveTo(MessageStatus to, string actorId, DateTime nowUtc, string action, string? reason)
    {
        _pendingChanges.Add(new MessageStatusChange(Status, to, actorId, nowUtc, action, reason));
        Status = to;
        UpdatedAtUtc = nowUtc;
    }
}
