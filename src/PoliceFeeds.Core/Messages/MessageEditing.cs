namespace PoliceFeeds.Core.Messages;

/// <summary>Edits of a scheduled message, and copies of a message ("Dupliquer").</summary>
public partial class Message
{
    /// <summary>
    /// Records an edit under the rule <see cref="EditValidationRule"/>. A scheduled (approved) message whose department
    /// and (new) category need no validation stays scheduled: <see cref="SetSchedule"/> then sets its new due time. One
    /// that needs validation goes back to the validators (submitted), out of the publisher's queue in the same save.
    /// Other statuses behave as <see cref="Edit(string, DateTime)"/>.
    /// </summary>
    public LifecycleResult Edit(string editorId, bool validationRequired, DateTime nowUtc)
    {
        if (Status != MessageStatus.Approved)
        {
            return Edit(editorId, nowUtc);
        }

        LastEditedById = editorId;
        UpdatedAtUtc = nowUtc;
        if (!validationRequired)
        {
            MoveTo(MessageStatus.Approved, editorId, nowUtc, "message.edited_kept_scheduled", "modification sans nouvelle validation");
            return LifecycleResult.Ok;
        }

        ClearSchedulingState();
        ValidatorId = null;
        ValidatedAtUtc = null;
        SubmittedAtUtc = nowUtc;
        MoveTo(MessageStatus.Submitted, editorId, nowUtc, "message.resubmitted_after_edit", "modification : nouvelle validation");
        return LifecycleResult.Ok;
    }

    /// <summary>Whether <see cref="Text"/>'s message can be copied into a new draft: not once its text was redacted.</summary>
    public bool CanBeDuplicated => RedactedAtUtc is null && FoundAtUtc is null;

    /// <summary>
    /// A new draft of the same department with the same category, text, variants per network, target accounts, photos and alt texts ("Dupliquer"), by
    /// <paramref name="authorId"/>. It is a message of its own: no schedule, end time or follow-up link is copied. Its
    /// audit trail starts with "message.duplicated" naming the source.
    /// </summary>
    public LifecycleResult Duplicate(string authorId, DateTime nowUtc, out Message? copy)
    {
        copy = null;
        if (!CanBeDuplicated)
        {
            return LifecycleError.NotAllowedInCurrentStatus;
        }

        copy = CreateDraft(DepartmentId, CategoryId, Text, authorId, nowUtc);
        foreach (var photo in Photos.OrderBy(p => p.Position))
        {
            copy.Photos.Add(new MessagePhoto
            {
                Position = photo.Position,
                ContentType = photo.ContentType,
                FileName = photo.FileName,
                Content = photo.Content,
                Length = photo.Length,
                AltText = photo.AltText,
            });
        }

        copy.SetTargets(Targets.Select(t => t.AccountId));
        foreach (var variant in Variants)
        {
            copy.SetVariant(variant.Network, variant.Text);
        }

        copy.MoveTo(MessageStatus.Draft, authorId, nowUtc, "message.duplicated",
            "copie du message n° " + Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return LifecycleResult.Ok;
    }
}

/// <summary>Whether an edit of a scheduled message needs a new validation: exactly what submitting it would need.</summary>
public static class EditValidationRule
{
    /// <summary>
    /// The department's rule, the category chosen in the edit and the sensitive words of the new text decide, as
    /// <see cref="Message.Submit(string, ValidationRequirement, DateTime)"/> decides (see <see cref="ValidationPolicy"/>):
    /// where none requires validation the edit keeps the message scheduled; where one does, a validator must see the
    /// new version.
    /// </summary>
    public static bool IsRequired(ValidationRequirement requirement) => requirement.IsRequired;
}
