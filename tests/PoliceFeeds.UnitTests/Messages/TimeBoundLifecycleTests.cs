using PoliceFeeds.Core.Audit;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Messages;

namespace PoliceFeeds.UnitTests.Messages;

/// <summary>Missing-person appeals, road deviations, follow-ups and redaction in the domain class.</summary>
public sealed class TimeBoundLifecycleTests
{
    private static readonly DateTime Now = new(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc);
    private const string Author = "officer-62";
    private const string Validator = "validator-62";

    private static Message Published(string text = "Avis de recherche : Jeanne, 15 ans")
    {
        var message = Message.CreateDraft(departmentId: 3, categoryId: 4, text, Author, Now.AddDays(-2));
        message.Status = MessageStatus.Published;
        message.XPostId = "1800000000000000001";
        message.PublishedAtUtc = Now.AddDays(-2);
        message.Photos.Add(new MessagePhoto { AltText = "Photo de Jeanne", ContentType = "image/jpeg", Content = [1, 2, 3], Length = 3 });
        return message;
    }

    [Fact]
    public void A_published_appeal_marked_found_goes_to_the_deletion_queue_with_its_redaction_date()
    {
        var message = Published();

        var result = message.MarkPersonFound(Validator, CategoryKeys.MissingPerson, Now, Now.AddDays(30));

        Assert.True(result.Succeeded);
        Assert.Equal(MessageStatus.WithdrawalRequested, message.Status);
        Assert.Equal(Now, message.NextAttemptAtUtc);
        Assert.Equal((Now, Validator, Now.AddDays(30)), (message.FoundAtUtc!.Value, message.FoundById, message.RedactAtUtc!.Value));
        var change = Assert.Single(message.PendingChanges);
        Assert.Equal((MessageStatus.Published, MessageStatus.WithdrawalRequested, "message.person_found"), (change.From, change.To, change.Action));
    }

    [Theory]
    [InlineData(MessageStatus.Draft)]
    [InlineData(MessageStatus.Submitted)]
    [InlineData(MessageStatus.Approved)]
    [InlineData(MessageStatus.Failed)]
    public void An_appeal_found_before_publication_is_cancelled_and_leaves_the_queue(MessageStatus status)
    {
        var message = Message.CreateDraft(3, 4, "Avis", Author, Now);
        message.Status = status;
        message.DueAtUtc = message.NextAttemptAtUtc = Now.AddHours(1);

        Assert.True(message.MarkPersonFound(Author, CategoryKeys.MissingPerson, Now, Now.AddDays(30)).Succeeded);

        Assert.Equal(MessageStatus.Cancelled, message.Status);
        Assert.Null(message.NextAttemptAtUtc);
    }

    [Fact]
    public void Marking_found_is_refused_for_another_category_twice_or_while_publishing()
    {
        Assert.Equal(LifecycleError.NotAMissingPersonAppeal, Published().MarkPersonFound(Validator, CategoryKeys.Prevention, Now, Now).Error);

        var twice = Published();
        twice.MarkPersonFound(Validator, CategoryKeys.MissingPerson, Now, Now);
        Assert.Equal(LifecycleError.AlreadyFound, twice.MarkPersonFound(Validator, CategoryKeys.MissingPerson, Now, Now).Error);

        var publishing = Published();
        publishing.Status = MessageStatus.Publishing;
        Assert.Equal(LifecycleError.PublishingInProgress, publishing.MarkPersonFound(Validator, CategoryKeys.MissingPerson, Now, Now).Error);
        Assert.Null(publishing.FoundAtUtc);
    }

    [Fact]
    public void A_published_deviation_ending_with_a_reply_stays_online_and_the_reply_is_scheduled_at_once()
    {
        var deviation = Published("Déviation RN165 suite à accident");
        deviation.Id = 42;

        Assert.True(deviation.EndDeviation(SystemActors.Publisher, CategoryKeys.RoadDeviation, DeviationEndAction.Reply, Now).Succeeded);
        var reply = Message.CreateDeviationEndReply(deviation, "Fin de la déviation", Now);

        Assert.Equal(MessageStatus.Published, deviation.Status);
        Assert.Equal(Now, deviation.EndedAtUtc);
        Assert.Equal((42L, FollowUpKind.DeviationEnd, MessageStatus.Approved), (reply.InReplyToMessageId!.Value, reply.FollowUpKind, reply.Status));
        Assert.Equal((Now, Now, deviation.DepartmentId, deviation.CategoryId), (reply.DueAtUtc!.Value, reply.NextAttemptAtUtc!.Value, reply.DepartmentId, reply.CategoryId));
        Assert.Equal(SystemActors.Publisher, reply.AuthorId);
    }

    [Fact]
    public void A_published_deviation_ending_with_deletion_goes_to_the_deletion_queue_once()
    {
        var deviation = Published("Déviation");

        Assert.True(deviation.EndDeviation(Author, CategoryKeys.RoadDeviation, DeviationEndAction.Delete, Now).Succeeded);

        Assert.Equal(MessageStatus.WithdrawalRequested, deviation.Status);
        Assert.Equal(LifecycleError.AlreadyEnded, deviation.EndDeviation(Author, CategoryKeys.RoadDeviation, DeviationEndAction.Delete, Now).Error);
        Assert.Equal(LifecycleError.NotARoadDeviation, Published().EndDeviation(Author, CategoryKeys.MissingPerson, DeviationEndAction.Delete, Now).Error);
    }

    [Fact]
    public void A_deviation_ended_before_publication_is_cancelled()
    {
        var deviation = Message.CreateDraft(3, 5, "Déviation", Author, Now);
        deviation.Status = MessageStatus.Approved;

        Assert.True(deviation.EndDeviation(SystemActors.Publisher, CategoryKeys.RoadDeviation, DeviationEndAction.Reply, Now).Succeeded);

        Assert.Equal(MessageStatus.Cancelled, deviation.Status);
    }

    [Fact]
    public void Follow_ups_need_a_post_online_except_the_thank_you_which_needs_the_person_found()
    {
        var published = Published();
        Assert.True(published.CanStartFollowUp(FollowUpKind.Reply).Succeeded);
        Assert.Equal(LifecycleError.NotAllowedInCurrentStatus, published.CanStartFollowUp(FollowUpKind.FoundThanks).Error);

        published.MarkPersonFound(Validator, CategoryKeys.MissingPerson, Now, Now.AddDays(30));
        Assert.Equal(LifecycleError.ParentNotPublished, published.CanStartFollowUp(FollowUpKind.Reply).Error);
        Assert.True(published.CanStartFollowUp(FollowUpKind.FoundThanks).Succeeded);

        var draft = Message.CreateDraft(3, 1, "Brouillon", Author, Now);
        Assert.Equal(LifecycleError.ParentNotPublished, draft.CanStartFollowUp(FollowUpKind.Reply).Error);
    }

    [Fact]
    public void A_follow_up_is_a_draft_in_its_originals_department_and_category()
    {
        var parent = Published();
        parent.Id = 7;

        var followUp = Message.CreateFollowUp(parent, FollowUpKind.Reply, "Mise à jour", Author, Now);

        Assert.Equal((MessageStatus.Draft, 7L, 3, 4, FollowUpKind.Reply), (followUp.Status, followUp.InReplyToMessageId!.Value, followUp.DepartmentId, followUp.CategoryId, followUp.FollowUpKind));
    }

    [Fact]
    public void Redaction_replaces_the_text_and_removes_the_photos_once_and_only_after_the_person_is_found()
    {
        var message = Published();
        Assert.Equal(LifecycleError.NotAllowedInCurrentStatus, message.Redact(Now).Error);

        message.MarkPersonFound(Validator, CategoryKeys.MissingPerson, Now, Now.AddDays(30));
        message.Status = MessageStatus.Withdrawn;
        message.ClearPendingChanges();

        Assert.True(message.Redact(Now.AddDays(30)).Succeeded);
        Assert.Equal(Message.RedactedText, message.Text);
        Assert.Empty(message.Photos);
        Assert.Equal(Now.AddDays(30), message.RedactedAtUtc);
        Assert.Equal("message.redacted", Assert.Single(message.PendingChanges).Action);
        Assert.False(message.Redact(Now.AddDays(31)).Succeeded);
    }

    [Fact]
    public void Withdrawing_by_hand_needs_a_published_post_and_a_reason()
    {
        Assert.Equal(LifecycleError.ReasonRequired, Published().Withdraw(Validator, " ", Now).Error);
        Assert.Equal(LifecycleError.NotAllowedInCurrentStatus, Message.CreateDraft(3, 1, "x", Author, Now).Withdraw(Validator, "motif", Now).Error);

        var message = Published();
        Assert.True(message.Withdraw(Validator, "Erreur de date", Now).Succeeded);
        Assert.Equal(MessageStatus.WithdrawalRequested, message.Status);
    }

    [Fact]
    public void Rejection_and_withdrawal_reasons_longer_than_the_limit_are_refused_and_change_nothing()
    {
        var tooLong = new string('x', Message.MaxReasonLength + 1);
        var published = Published();
        Assert.Equal(LifecycleError.ReasonTooLong, published.Withdraw(Validator, tooLong, Now).Error);
        Assert.Equal(MessageStatus.Published, published.Status);

        var submitted = Message.CreateDraft(3, 1, "Texte", Author, Now);
        submitted.Submit(Author, requiresValidation: true, Now);
        Assert.Equal(LifecycleError.ReasonTooLong, submitted.Reject(Validator, tooLong, Now).Error);
        Assert.Equal(MessageStatus.Submitted, submitted.Status);
        Assert.True(submitted.Reject(Validator, new string('x', Message.MaxReasonLength), Now).Succeeded);
    }

    [Fact]
    public void The_deviation_end_template_is_filled_with_the_local_end_time()
    {
        var text = TimeBoundDefaults.FillDeviationEnd("Fin le {date} à {heure}.", new DateTime(2026, 1, 5, 7, 30, 0, DateTimeKind.Unspecified));

        Assert.Equal("Fin le 05/01/2026 à 07h30.", text);
    }
}
