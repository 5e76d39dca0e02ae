using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Messages;

namespace PoliceFeeds.UnitTests.Messages;

/// <summary>
/// What the message page offers (<see cref="MessageActions"/>): every action it offers is one the lifecycle accepts, in
/// every state a message can be in, and each role sees only its own actions.
/// </summary>
public sealed class MessageActionsTests
{
    private static readonly DateTime Now = new(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc);
    private const string Author = "officer-62";
    private const string OtherOfficer = "officer-62-bis";
    private const string Validator = "validator-62";

    private static readonly MessageViewer AuthorViewer = new(Author, DraftsForDepartment: true, ValidatesForDepartment: false);
    private static readonly MessageViewer OtherOfficerViewer = new(OtherOfficer, DraftsForDepartment: true, ValidatesForDepartment: false);
    private static readonly MessageViewer ValidatorViewer = new(Validator, DraftsForDepartment: true, ValidatesForDepartment: true);
    private static readonly MessageViewer ReaderViewer = new("admin", DraftsForDepartment: false, ValidatesForDepartment: false);

    /// <summary>A message of the category in the given state, as the database would hold it.</summary>
    private static Message InState(MessageStatus status, bool found = false, bool ended = false, bool redacted = false)
    {
        var message = Message.CreateDraft(departmentId: 3, categoryId: 4, "Avis de recherche : Jeanne, 15 ans", Author, Now.AddDays(-3));
        message.Id = 42;
        message.Status = status;
        if (status is MessageStatus.Published or MessageStatus.WithdrawalRequested or MessageStatus.Withdrawing or MessageStatus.Withdrawn)
        {
            message.XPostId = "1800000000000000001";
            message.PublishedAtUtc = Now.AddDays(-2);
        }

        if (found)
        {
            message.FoundAtUtc = Now.AddDays(-1);
            message.FoundById = Validator;
        }

        if (ended)
        {
            message.EndedAtUtc = Now.AddDays(-1);
        }

        if (redacted)
        {
            message.RedactedAtUtc = Now.AddHours(-1);
        }

        return message;
    }

    public static TheoryData<MessageStatus, string, bool, bool, bool> EveryState()
    {
        var data = new TheoryData<MessageStatus, string, bool, bool, bool>();
        foreach (var status in Enum.GetValues<MessageStatus>())
        {
            foreach (var category in new[] { CategoryKeys.MissingPerson, CategoryKeys.RoadDeviation, CategoryKeys.Prevention })
            {
                foreach (var (found, ended, redacted) in new[] { (false, false, false), (true, false, false), (true, false, true), (false, true, false) })
                {
                    data.Add(status, category, found, ended, redacted);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryState))]
    public void Every_action_offered_is_one_the_lifecycle_accepts(MessageStatus status, string categoryKey, bool found, bool ended, bool redacted)
    {
        foreach (var viewer in new[] { AuthorViewer, OtherOfficerViewer, ValidatorViewer, ReaderViewer })
        {
            var actions = MessageActions.For(InState(status, found, ended, redacted), categoryKey, viewer, hasHeldDelivery: false);
            var who = $"{viewer.UserId} on {status} {categoryKey} (found {found}, ended {ended}, redacted {redacted})";

            if (actions.Edit)
            {
                Assert.True(InState(status, found, ended, redacted).Edit(viewer.UserId, Now).Succeeded, "edit: " + who);
                Assert.True(InState(status, found, ended, redacted).Cancel(viewer.UserId, Now).Succeeded, "cancel: " + who);
            }

            if (actions.Validate)
            {
                Assert.True(InState(status, found, ended, redacted).Approve(viewer.UserId, Now).Succeeded, "approve: " + who);
                Assert.True(InState(status, found, ended, redacted).Reject(viewer.UserId, "Photo floue", Now).Succeeded, "reject: " + who);
            }

            if (actions.MarkFound)
            {
                Assert.True(InState(status, found, ended, redacted).MarkPersonFound(viewer.UserId, categoryKey, Now, Now.AddDays(30)).Succeeded, "found: " + who);
            }

            if (actions.EndDeviation)
            {
                foreach (var endAction in Enum.GetValues<DeviationEndAction>())
                {
                    Assert.True(InState(status, found, ended, redacted).EndDeviation(viewer.UserId, categoryKey, endAction, Now).Succeeded, "end deviation: " + who);
                }
            }

            if (actions.Withdraw)
            {
                Assert.True(InState(status, found, ended, redacted).Withdraw(viewer.UserId, "Erreur de lieu", Now).Succeeded, "withdraw: " + who);
            }

            if (actions.Duplicate)
            {
                Assert.True(InState(status, found, ended, redacted).Duplicate(viewer.UserId, Now, out _).Succeeded, "duplicate: " + who);
            }

            if (actions.FollowUp)
            {
                Assert.True(InState(status, found, ended, redacted).CanStartFollowUp(FollowUpKind.Reply).Succeeded, "follow-up: " + who);
            }

            if (actions.PrepareThanks)
            {
                Assert.True(InState(status, found, ended, redacted).CanStartFollowUp(FollowUpKind.FoundThanks).Succeeded, "thanks: " + who);
            }

            if (!viewer.DraftsForDepartment && !viewer.ValidatesForDepartment)
            {
                Assert.Equal(MessageActions.None, actions);
            }
        }
    }

    [Fact]
    public void A_published_appeal_offers_found_to_its_author_and_validators_and_withdrawal_to_validators_only()
    {
        var appeal = InState(MessageStatus.Published);

        var author = MessageActions.For(appeal, CategoryKeys.MissingPerson, AuthorViewer, hasHeldDelivery: false);
        var otherOfficer = MessageActions.For(appeal, CategoryKeys.MissingPerson, OtherOfficerViewer, hasHeldDelivery: false);
        var validator = MessageActions.For(appeal, CategoryKeys.MissingPerson, ValidatorViewer, hasHeldDelivery: false);

        Assert.Equal((true, false, false, true), (author.MarkFound, author.Withdraw, author.Edit, author.FollowUp));
        Assert.Equal((false, false, false, true), (otherOfficer.MarkFound, otherOfficer.Withdraw, otherOfficer.Edit, otherOfficer.FollowUp));
        Assert.Equal((true, true, false, true), (validator.MarkFound, validator.Withdraw, validator.Edit, validator.FollowUp));
        Assert.True(author.AnyFollowUpAction);
    }

    [Fact]
    public void Found_is_not_offered_while_the_appeal_is_being_published_or_once_it_is_final()
    {
        foreach (var status in new[] { MessageStatus.Publishing, MessageStatus.Cancelled, MessageStatus.Withdrawn })
        {
            Assert.False(MessageActions.For(InState(status), CategoryKeys.MissingPerson, ValidatorViewer, false).MarkFound, status.ToString());
        }

        Assert.False(MessageActions.For(InState(MessageStatus.Published, found: true), CategoryKeys.MissingPerson, ValidatorViewer, false).MarkFound);
        Assert.False(MessageActions.For(InState(MessageStatus.Published), CategoryKeys.Prevention, ValidatorViewer, false).MarkFound);
    }

    [Fact]
    public void A_validator_cannot_validate_what_they_wrote_or_rewrote()
    {
        var own = Message.CreateDraft(3, 4, "Texte du valideur", Validator, Now);
        own.Submit(Validator, requiresValidation: true, Now);
        var rewritten = Message.CreateDraft(3, 4, "Texte de l'officier", Author, Now);
        rewritten.Edit(Validator, Now);
        rewritten.ChangeText(Validator, "Texte réécrit");
        rewritten.Submit(Author, requiresValidation: true, Now);
        var others = Message.CreateDraft(3, 4, "Texte de l'officier", Author, Now);
        others.Submit(Author, requiresValidation: true, Now);

        Assert.False(MessageActions.For(own, CategoryKeys.Prevention, ValidatorViewer, false).Validate);
        Assert.False(MessageActions.For(rewritten, CategoryKeys.Prevention, ValidatorViewer, false).Validate);
        Assert.True(MessageActions.For(others, CategoryKeys.Prevention, ValidatorViewer, false).Validate);
        Assert.False(MessageActions.For(others, CategoryKeys.Prevention, OtherOfficerViewer, false).Validate);
    }

    [Fact]
    public void Held_deliveries_are_offered_for_reapproval_to_validators_only()
    {
        var approved = InState(MessageStatus.Approved);

        Assert.True(MessageActions.For(approved, CategoryKeys.Prevention, ValidatorViewer, hasHeldDelivery: true).Reapprove);
        Assert.False(MessageActions.For(approved, CategoryKeys.Prevention, AuthorViewer, hasHeldDelivery: true).Reapprove);
        Assert.False(MessageActions.For(approved, CategoryKeys.Prevention, ValidatorViewer, hasHeldDelivery: false).Reapprove);
    }

    [Fact]
    public void Held_deliveries_are_not_offered_for_reapproval_to_a_validator_who_wrote_or_edited_the_message()
    {
        var editedByValidator = InState(MessageStatus.Approved);
        editedByValidator.LastEditedById = Validator;
        var writtenByValidator = Message.CreateDraft(departmentId: 3, categoryId: 1, "Texte du valideur", Validator, Now);
        writtenByValidator.Status = MessageStatus.Approved;
        var otherValidator = new MessageViewer("validator-62-bis", DraftsForDepartment: true, ValidatesForDepartment: true);

        Assert.False(MessageActions.For(editedByValidator, CategoryKeys.Prevention, ValidatorViewer, hasHeldDelivery: true).Reapprove);
        Assert.False(MessageActions.For(writtenByValidator, CategoryKeys.Prevention, ValidatorViewer, hasHeldDelivery: true).Reapprove);
        Assert.True(MessageActions.For(editedByValidator, CategoryKeys.Prevention, otherValidator, hasHeldDelivery: true).Reapprove);
    }

    [Fact]
    public void A_found_or_redacted_appeal_cannot_be_duplicated_or_followed_up_but_its_thanks_can_be_prepared()
    {
        var found = MessageActions.For(InState(MessageStatus.Withdrawn, found: true), CategoryKeys.MissingPerson, AuthorViewer, false);
        var redacted = MessageActions.For(InState(MessageStatus.Withdrawn, found: true, redacted: true), CategoryKeys.MissingPerson, AuthorViewer, false);

        Assert.Equal((false, false, true), (found.Duplicate, found.FollowUp, found.PrepareThanks));
        Assert.Equal((false, false, true), (redacted.Duplicate, redacted.FollowUp, redacted.PrepareThanks));
    }

    [Fact]
    public void A_deviation_can_be_ended_while_editable_or_published_and_once_only()
    {
        foreach (var status in new[] { MessageStatus.Draft, MessageStatus.Submitted, MessageStatus.Approved, MessageStatus.Rejected, MessageStatus.Failed, MessageStatus.Published })
        {
            Assert.True(MessageActions.For(InState(status), CategoryKeys.RoadDeviation, OtherOfficerViewer, false).EndDeviation, status.ToString());
        }

        foreach (var status in new[] { MessageStatus.Publishing, MessageStatus.WithdrawalRequested, MessageStatus.Withdrawing, MessageStatus.Withdrawn, MessageStatus.Cancelled })
        {
            Assert.False(MessageActions.For(InState(status), CategoryKeys.RoadDeviation, OtherOfficerViewer, false).EndDeviation, status.ToString());
        }

        Assert.False(MessageActions.For(InState(MessageStatus.Published, ended: true), CategoryKeys.RoadDeviation, OtherOfficerViewer, false).EndDeviation);
    }

    [Theory]
    [InlineData(true, MessageStatus.Published, false, 8, 7, 8)]
    [InlineData(true, MessageStatus.Published, false, 7, 7, null)]
    [InlineData(true, MessageStatus.Published, true, 20, 7, null)]
    [InlineData(true, MessageStatus.Withdrawn, false, 20, 7, null)]
    [InlineData(false, MessageStatus.Published, false, 20, 7, null)]
    [InlineData(true, MessageStatus.Published, false, 3, 2, 3)]
    public void An_appeal_is_flagged_once_open_longer_than_the_departments_threshold(bool isAppeal, MessageStatus status, bool found, int daysOnline, int threshold, int? expected)
    {
        var publishedAt = Now.AddDays(-daysOnline);

        Assert.Equal(expected, OpenAppeals.DaysOpen(isAppeal, status, found ? Now.AddHours(-1) : null, publishedAt, Now, threshold));
    }

    [Fact]
    public void An_appeal_with_no_publication_time_is_never_flagged() =>
        Assert.Null(OpenAppeals.DaysOpen(true, MessageStatus.Published, null, null, Now, 7));
}
