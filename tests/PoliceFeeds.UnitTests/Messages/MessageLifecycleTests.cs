using PoliceFeeds.Core.Messages;

namespace PoliceFeeds.UnitTests.Messages;

public sealed class MessageLifecycleTests
{
    private static readonly DateTime Now = new(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc);
    private const string Author = "officer-44";
    private const string Validator = "validator-44";

    private static Message Draft() => Message.CreateDraft(departmentId: 1, categoryId: 1, "Texte", Author, Now);

    [Fact]
    public void A_new_message_is_a_draft_with_no_pending_change()
    {
        var message = Draft();

        Assert.Equal(MessageStatus.Draft, message.Status);
        Assert.Empty(message.PendingChanges);
    }

    [Fact]
    public void Submitting_where_validation_is_required_waits_for_a_validator()
    {
        var message = Draft();

        var result = message.Submit(Author, requiresValidation: true, Now);

        Assert.True(result.Succeeded);
        Assert.Equal(MessageStatus.Submitted, message.Status);
        Assert.Null(message.DueAtUtc);
        var change = Assert.Single(message.PendingChanges);
        Assert.Equal((MessageStatus.Draft, MessageStatus.Submitted, Author), (change.From, change.To, change.ActorUserId));
    }

    [Fact]
    public void Submitting_where_no_validation_is_required_schedules_directly()
    {
        var message = Draft();

        message.Submit(Author, requiresValidation: false, Now);

        Assert.Equal(MessageStatus.Approved, message.Status);
        Assert.Equal(Now, message.DueAtUtc);
        Assert.Equal(Now, message.NextAttemptAtUtc);
    }

    [Fact]
    public void A_scheduled_time_becomes_the_due_time_on_approval()
    {
        var message = Draft();
        var at = Now.AddHours(3);
        Assert.True(message.SetSchedule(ScheduleMode.At, at, Now).Succeeded);
        message.Submit(Author, requiresValidation: true, Now);

        message.Approve(Validator, Now.AddMinutes(5));

        Assert.Equal(MessageStatus.Approved, message.Status);
        Assert.Equal(at, message.DueAtUtc);
        Assert.Equal(Validator, message.ValidatorId);
    }

    [Fact]
    public void As_soon_as_validated_is_due_at_the_approval_time()
    {
        var message = Draft();
        message.Submit(Author, requiresValidation: true, Now);

        message.Approve(Validator, Now.AddMinutes(7));

        Assert.Equal(Now.AddMinutes(7), message.DueAtUtc);
    }

    [Fact]
    public void A_validator_never_validates_their_own_message()
    {
        var message = Message.CreateDraft(1, 1, "Texte", Validator, Now);
        message.Submit(Validator, requiresValidation: true, Now);

        Assert.Equal(LifecycleError.ValidatorIsAuthor, message.Approve(Validator, Now).Error);
        Assert.Equal(LifecycleError.ValidatorIsAuthor, message.Reject(Validator, "non", Now).Error);
        Assert.Equal(MessageStatus.Submitted, message.Status);
    }

    [Fact]
    public void A_validator_who_edited_the_message_cannot_validate_it()
    {
        var message = Draft();
        message.Edit(Validator, Now);
        message.Submit(Author, requiresValidation: true, Now);

        Assert.Equal(LifecycleError.ValidatorIsAuthor, message.Approve(Validator, Now).Error);
    }

    [Fact]
    public void Rejection_needs_a_reason_and_goes_back_to_the_author()
    {
        var message = Draft();
        message.Submit(Author, requiresValidation: true, Now);

        Assert.Equal(LifecycleError.ReasonRequired, message.Reject(Validator, "  ", Now).Error);
        Assert.True(message.Reject(Validator, " Photo floue ", Now).Succeeded);

        Assert.Equal(MessageStatus.Rejected, message.Status);
        Assert.Equal("Photo floue", message.RejectionReason);
        Assert.Equal("Photo floue", message.PendingChanges[^1].Reason);
        Assert.True(message.Submit(Author, requiresValidation: true, Now).Succeeded);
        Assert.Null(message.RejectionReason);
    }

    [Theory]
    [InlineData(MessageStatus.Submitted)]
    [InlineData(MessageStatus.Approved)]
    [InlineData(MessageStatus.Failed)]
    public void Editing_a_message_on_its_way_sends_it_back_to_draft_and_out_of_the_queue(MessageStatus status)
    {
        var message = Draft();
        message.Status = status;
        message.DueAtUtc = Now;
        message.NextAttemptAtUtc = Now;
        message.ValidatorId = Validator;

        Assert.True(message.Edit(Author, Now).Succeeded);

        Assert.Equal(MessageStatus.Draft, message.Status);
        Assert.Null(message.DueAtUtc);
        Assert.Null(message.NextAttemptAtUtc);
        Assert.Null(message.ValidatorId);
        Assert.Equal("message.returned_to_draft", message.PendingChanges[^1].Action);
    }

    [Theory]
    [InlineData(MessageStatus.Publishing)]
    [InlineData(MessageStatus.Published)]
    [InlineData(MessageStatus.Cancelled)]
    public void Messages_being_or_already_published_or_cancelled_cannot_be_edited_or_cancelled(MessageStatus status)
    {
        var message = Draft();
        message.Status = status;

        Assert.Equal(LifecycleError.NotAllowedInCurrentStatus, message.Edit(Author, Now).Error);
        Assert.Equal(LifecycleError.NotAllowedInCurrentStatus, message.Cancel(Author, Now).Error);
        Assert.Equal(status, message.Status);
    }

    [Fact]
    public void Cancelling_a_scheduled_message_takes_it_out_of_the_queue()
    {
        var message = Draft();
        message.Submit(Author, requiresValidation: false, Now);

        Assert.True(message.Cancel(Author, Now).Succeeded);

        Assert.Equal(MessageStatus.Cancelled, message.Status);
        Assert.Null(message.NextAttemptAtUtc);
    }

    [Fact]
    public void A_time_in_the_past_is_refused()
    {
        var message = Draft();

        Assert.Equal(LifecycleError.ScheduledTimeInPast, message.SetSchedule(ScheduleMode.At, Now.AddMinutes(-1), Now).Error);
        Assert.Equal(LifecycleError.ScheduledTimeInPast, message.SetSchedule(ScheduleMode.At, null, Now).Error);
    }

    [Fact]
    public void Approval_after_the_scheduled_time_has_passed_is_refused()
    {
        var message = Draft();
        message.SetSchedule(ScheduleMode.At, Now.AddMinutes(10), Now);
        message.Submit(Author, requiresValidation: true, Now);

        Assert.Equal(LifecycleError.ScheduledTimeInPast, message.Approve(Validator, Now.AddMinutes(11)).Error);
    }

    [Fact]
    public void Only_submitted_messages_can_be_approved_or_rejected()
    {
        var message = Draft();

        Assert.Equal(LifecycleError.NotAllowedInCurrentStatus, message.Approve(Validator, Now).Error);
        Assert.Equal(LifecycleError.NotAllowedInCurrentStatus, message.Reject(Validator, "raison", Now).Error);
    }

    [Fact]
    public void A_failed_message_can_be_retried_by_hand()
    {
        var message = Draft();
        message.Status = MessageStatus.Failed;

        Assert.True(message.RetryAfterFailure(Author, Now).Succeeded);

        // Its delivery's attempts start again from zero (the planner, in the same save; a possibly-sent marker stays).
        Assert.Equal(MessageStatus.Approved, message.Status);
        Assert.Equal(Now, message.NextAttemptAtUtc);
        Assert.Equal((MessageStatus.Failed, MessageStatus.Approved), (message.PendingChanges[0].From, message.PendingChanges[0].To));
    }

    [Theory]
    [InlineData(false, false, false, false)]
    [InlineData(true, false, false, true)]
    [InlineData(false, true, false, true)]
    [InlineData(true, true, false, true)]
    [InlineData(false, false, true, true)]
    [InlineData(true, false, true, true)]
    public void Validation_is_required_by_department_by_category_or_by_a_sensitive_word(bool department, bool category, bool sensitiveWord, bool expected)
    {
        var requirement = ValidationPolicy.Decide(department, category, sensitiveWord ? ["garde à vue"] : []);

        Assert.Equal(expected, requirement.IsRequired);
        Assert.Equal(sensitiveWord && !department && !category, requirement.OnlyBySensitiveWords);
    }
}
