using PoliceFeeds.Core.Messages;

namespace PoliceFeeds.UnitTests.Messages;

/// <summary>Whoever changed the text since its last approval cannot approve or reject it.</summary>
public sealed class FourEyesTests
{
    private static readonly DateTime Now = new(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc);
    private const string Officer = "officer-44";
    private const string Validator = "validator-44";
    private const string OtherValidator = "validator-44-bis";

    private static Message Submitted()
    {
        var message = Message.CreateDraft(1, 1, "Texte de l'officier", Officer, Now);
        message.Submit(Officer, requiresValidation: true, Now);
        return message;
    }

    private static void EditText(Message message, string editor, string text)
    {
        Assert.True(message.Edit(editor, Now).Succeeded);
        message.ChangeText(editor, text);
    }

    [Fact]
    public void A_validator_who_rewrote_the_text_cannot_approve_it_after_the_officer_fixes_a_typo()
    {
        var message = Submitted();
        EditText(message, Validator, "Texte entièrement réécrit par le valideur");
        EditText(message, Officer, "Texte entièrement réécrit par le valideur.");
        message.Submit(Officer, requiresValidation: true, Now);

        Assert.Equal(Officer, message.LastEditedById);
        Assert.False(message.CanBeReviewedBy(Validator));
        Assert.Equal(LifecycleError.ValidatorIsAuthor, message.Approve(Validator, Now).Error);
        Assert.Equal(LifecycleError.ValidatorIsAuthor, message.Reject(Validator, "non", Now).Error);
        Assert.Equal(MessageStatus.Submitted, message.Status);

        Assert.True(message.Approve(OtherValidator, Now).Succeeded);
    }

    [Fact]
    public void A_rejection_does_not_forget_who_edited_the_text()
    {
        var message = Submitted();
        EditText(message, Validator, "Réécrit");
        message.Submit(Officer, requiresValidation: true, Now);
        Assert.True(message.Reject(OtherValidator, "À reprendre", Now).Succeeded);
        EditText(message, Officer, "Réécrit, puis corrigé");
        message.Submit(Officer, requiresValidation: true, Now);

        Assert.Equal(LifecycleError.ValidatorIsAuthor, message.Approve(Validator, Now).Error);
    }

    [Fact]
    public void An_approval_starts_a_new_count_of_the_editors()
    {
        var message = Submitted();
        EditText(message, Validator, "Réécrit");
        message.Submit(Officer, requiresValidation: true, Now);
        Assert.True(message.Approve(OtherValidator, Now).Succeeded);

        EditText(message, Officer, "Corrigé après validation");
        message.Submit(Officer, requiresValidation: true, Now);

        Assert.Equal("", message.TextEditorIds.Replace(Officer, "", StringComparison.Ordinal).Trim());
        Assert.True(message.Approve(Validator, Now).Succeeded);
    }

    [Fact]
    public void Scheduling_without_validation_also_accepts_the_text()
    {
        var message = Message.CreateDraft(1, 1, "Texte", Officer, Now);
        EditText(message, Validator, "Réécrit");
        message.Submit(Officer, requiresValidation: false, Now);

        Assert.Equal("", message.TextEditorIds);
    }

    [Fact]
    public void Saving_the_same_text_is_not_an_edit_of_the_text()
    {
        var message = Submitted();
        Assert.True(message.Edit(Validator, Now).Succeeded);
        message.ChangeText(Validator, message.Text);
        EditText(message, Officer, "Texte de l'officier, corrigé");
        message.Submit(Officer, requiresValidation: true, Now);

        Assert.False(message.HasEditedText(Validator));
        Assert.True(message.Approve(Validator, Now).Succeeded);
    }

    [Fact]
    public void Each_editor_is_counted_once()
    {
        var message = Submitted();
        EditText(message, Validator, "Un");
        EditText(message, Validator, "Deux");
        EditText(message, Officer, "Trois");

        Assert.Equal($"{Validator} {Officer}", message.TextEditorIds);
    }

    /// <summary>A submitted message with one stored photo (id 7), as the database would hold it.</summary>
    private static Message SubmittedWithPhoto()
    {
        var message = Submitted();
        message.Photos.Add(new MessagePhoto { Id = 7, ContentType = "image/png", Content = [1], Length = 1, AltText = "Portrait de la personne", Position = 0 });
        return message;
    }

    /// <summary><paramref name="editor"/> saves the form with the text unchanged and only these photo changes.</summary>
    private static void EditPhotos(Message message, string editor, IReadOnlyList<StoredPhotoChange> changes, params MessagePhoto[] uploads)
    {
        Assert.True(message.Edit(editor, Now).Succeeded);
        message.ChangeText(editor, message.Text);
        message.ApplyPhotoEdit(message.PlanPhotoEdit(changes, uploads.Length), uploads, editor);
    }

    public static TheoryData<string> PhotoChanges() => ["description", "removed", "added"];

    [Theory]
    [MemberData(nameof(PhotoChanges))]
    public void A_validator_who_changed_a_photo_cannot_approve_it_after_the_officer_fixes_a_typo(string change)
    {
        var message = SubmittedWithPhoto();
        switch (change)
        {
            case "description":
                EditPhotos(message, Validator, [new StoredPhotoChange(7, "  Portrait d'une autre personne ", Remove: false)]);
                Assert.Equal("Portrait d'une autre personne", message.Photos.Single().AltText);
                break;
            case "removed":
                EditPhotos(message, Validator, [new StoredPhotoChange(7, null, Remove: true)]);
                break;
            default:
                EditPhotos(message, Validator, [], new MessagePhoto { ContentType = "image/png", Content = [2], Length = 1, AltText = "Une autre photo" });
                break;
        }

        EditText(message, Officer, "Texte de l'officier, corrigé");
        message.Submit(Officer, requiresValidation: true, Now);

        Assert.True(message.HasEditedText(Validator));
        Assert.Equal(LifecycleError.ValidatorIsAuthor, message.Approve(Validator, Now).Error);
        Assert.Equal(LifecycleError.ValidatorIsAuthor, message.Reject(Validator, "non", Now).Error);
        Assert.True(message.Approve(OtherValidator, Now).Succeeded);
    }

    [Fact]
    public void Saving_the_same_photos_and_descriptions_is_not_an_edit()
    {
        var message = SubmittedWithPhoto();
        EditPhotos(message, Validator, [new StoredPhotoChange(7, "Portrait de la personne ", Remove: false)]);
        EditText(message, Officer, "Texte de l'officier, corrigé");
        message.Submit(Officer, requiresValidation: true, Now);

        Assert.False(message.HasEditedText(Validator));
        Assert.True(message.Approve(Validator, Now).Succeeded);
    }

    [Fact]
    public void Held_deliveries_are_approved_again_under_the_four_eyes_rule()
    {
        var message = SubmittedWithPhoto();
        EditPhotos(message, Validator, [new StoredPhotoChange(7, "Portrait recadré", Remove: false)]);
        EditText(message, Officer, "Texte de l'officier, corrigé");
        message.Submit(Officer, requiresValidation: true, Now);
        Assert.True(message.Approve(OtherValidator, Now).Succeeded);

        // Approved: the editors' count starts again, but the author and the last editor still cannot decide for it.
        Assert.Equal(LifecycleError.ValidatorIsAuthor, message.CheckReapproval(Officer).Error);
        Assert.True(message.CheckReapproval(Validator).Succeeded);
        Assert.True(message.CheckReapproval(OtherValidator).Succeeded);

        message.LastEditedById = Validator;
        Assert.Equal(LifecycleError.ValidatorIsAuthor, message.CheckReapproval(Validator).Error);
    }
}
