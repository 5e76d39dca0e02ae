using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Search;

namespace PoliceFeeds.UnitTests.Messages;

public sealed class ScheduledEditAndCopyTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    private static Message Scheduled()
    {
        var message = Message.CreateDraft(1, 1, "Conseil", "author", Now);
        message.SetSchedule(ScheduleMode.At, Now.AddDays(2), Now);
        message.Submit("author", requiresValidation: true, Now);
        message.Approve("validator", Now);
        message.ClearPendingChanges();
        return message;
    }

    [Theory]
    [InlineData(false, false, false, false)]
    [InlineData(true, false, false, true)]
    [InlineData(false, true, false, true)]
    [InlineData(false, false, true, true)]
    public void An_edit_needs_validation_exactly_where_submitting_would(bool department, bool category, bool sensitiveWord, bool expected)
    {
        var requirement = ValidationPolicy.Decide(department, category, sensitiveWord ? ["arme"] : []);
        Assert.Equal(expected, EditValidationRule.IsRequired(requirement));
        Assert.Equal(requirement.IsRequired, EditValidationRule.IsRequired(requirement));
    }

    [Fact]
    public void A_scheduled_edit_without_validation_stays_approved_and_takes_the_new_time()
    {
        var message = Scheduled();

        Assert.True(message.Edit("editor", validationRequired: false, Now).Succeeded);
        message.SetSchedule(ScheduleMode.At, Now.AddDays(5), Now);

        Assert.Equal(MessageStatus.Approved, message.Status);
        Assert.Equal(Now.AddDays(5), message.DueAtUtc);
        Assert.Equal(Now.AddDays(5), message.NextAttemptAtUtc);
        Assert.Equal("message.edited_kept_scheduled", Assert.Single(message.PendingChanges).Action);
    }

    [Fact]
    public void A_scheduled_edit_needing_validation_leaves_the_queue_for_the_validators_and_the_editor_cannot_approve_it()
    {
        var message = Scheduled();

        Assert.True(message.Edit("editor", validationRequired: true, Now).Succeeded);

        Assert.Equal(MessageStatus.Submitted, message.Status);
        Assert.Null(message.DueAtUtc);
        Assert.Null(message.ValidatorId);
        Assert.Equal(LifecycleError.ValidatorIsAuthor, message.Approve("editor", Now).Error);
        Assert.True(message.Approve("validator", Now).Succeeded);
    }

    [Fact]
    public void A_draft_edited_with_the_rule_stays_a_draft()
    {
        var message = Message.CreateDraft(1, 1, "Conseil", "author", Now);

        Assert.True(message.Edit("author", validationRequired: false, Now).Succeeded);

        Assert.Equal(MessageStatus.Draft, message.Status);
        Assert.Empty(message.PendingChanges);
    }

    [Fact]
    public void Duplicate_copies_category_text_and_photos_but_no_schedule_or_link()
    {
        var source = Scheduled();
        source.Id = 42;
        source.InReplyToMessageId = 7;
        source.FollowUpKind = FollowUpKind.Reply;
        source.Photos.Add(new MessagePhoto { Position = 0, ContentType = "image/png", Content = [1, 2], Length = 2, AltText = "Un cadenas", XMediaId = "m1" });

        Assert.True(source.Duplicate("other", Now, out var copy).Succeeded);

        Assert.Equal((MessageStatus.Draft, 1, 1, "Conseil", "other"), (copy!.Status, copy.DepartmentId, copy.CategoryId, copy.Text, copy.AuthorId));
        Assert.Null(copy.ScheduledAtUtc);
        Assert.Null(copy.InReplyToMessageId);
        Assert.Equal(FollowUpKind.None, copy.FollowUpKind);
        var photo = Assert.Single(copy.Photos);
        Assert.Equal(("Un cadenas", (string?)null), (photo.AltText, photo.XMediaId));
        Assert.Equal("copie du message n° 42", Assert.Single(copy.PendingChanges).Reason);
    }

    [Fact]
    public void A_found_or_redacted_appeal_is_not_duplicated()
    {
        var source = Message.CreateDraft(1, 4, "Appel", "author", Now);
        source.FoundAtUtc = Now;

        Assert.Equal(LifecycleError.NotAllowedInCurrentStatus, source.Duplicate("other", Now, out var copy).Error);
        Assert.Null(copy);
    }

    [Theory]
    [InlineData("Fermez vos portes", "  FERMEZ  vos portes ", true)]
    [InlineData("Appel à témoins", "appel a temoins", true)]
    [InlineData("Fermez vos portes", "Fermez vos portes !", false)]
    [InlineData("", "", false)]
    public void Duplicate_texts_are_compared_folded_with_spaces_collapsed(string text, string other, bool same) =>
        Assert.Equal(same, DuplicateTextRule.AreSame(text, SearchNormalizer.Normalize(other)));
}
