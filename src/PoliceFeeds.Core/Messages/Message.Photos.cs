namespace PoliceFeeds.Core.Messages;

/// <summary>What the compose form says of one stored photo: keep it with this alt text, or remove it.</summary>
public sealed record StoredPhotoChange(long Id, string? AltText, bool Remove);

public enum PhotoEditError
{
    None = 0,

    /// <summary>An id that is not one of this message's photos (another message's, or made up).</summary>
    UnknownPhoto,

    /// <summary>The same photo named twice in one form.</summary>
    RepeatedPhoto,
}

/// <summary>
/// An edit of a message's photos, checked before anything changes: the stored photos the form does not mention stay as
/// they are, so the count after the edit is the stored photos, minus those removed, plus the uploads.
/// </summary>
public sealed record PhotoEditPlan(PhotoEditError Error, int CountAfter, IReadOnlyList<StoredPhotoChange> Changes)
{
    public bool IsValid => Error == PhotoEditError.None;

    /// <summary>Checks <paramref name="changes"/> against the <paramref name="stored"/> photos (none for a new message).</summary>
    public static PhotoEditPlan Create(IReadOnlyCollection<MessagePhoto> stored, IReadOnlyList<StoredPhotoChange> changes, int uploadCount)
    {
        var ownIds = stored.Select(p => p.Id).ToHashSet();
        var error = PhotoEditError.None;
        if (changes.Any(c => !ownIds.Contains(c.Id)))
        {
            error = PhotoEditError.UnknownPhoto;
        }
        else if (changes.Select(c => c.Id).Distinct().Count() != changes.Count)
        {
            error = PhotoEditError.RepeatedPhoto;
        }

        var removed = changes.Where(c => c.Remove && ownIds.Contains(c.Id)).Select(c => c.Id).Distinct().Count();
        return new PhotoEditPlan(error, stored.Count - removed + uploadCount, changes);
    }
}

public partial class Message
{
    /// <summary>Checks <paramref name="changes"/> against this message's photos and counts the photos the edit leaves.</summary>
    public PhotoEditPlan PlanPhotoEdit(IReadOnlyList<StoredPhotoChange> changes, int uploadCount) =>
        PhotoEditPlan.Create(Photos, changes, uploadCount);

    /// <summary>
    /// Applies a valid plan by <paramref name="editorId"/>: removes and relabels the stored photos, numbers the remaining
    /// ones from 0 and adds <paramref name="uploads"/> after them. Whoever removes, adds or redescribes a photo is an
    /// editor of the message, as one who changes its text (four eyes); the same photos and descriptions saved again are
    /// not an edit.
    /// </summary>
    public void ApplyPhotoEdit(PhotoEditPlan plan, IEnumerable<MessagePhoto> uploads, string editorId)
    {
        if (!plan.IsValid)
        {
            throw new InvalidOperationException($"Photo edit refused: {plan.Error}.");
        }

        var changed = false;
        foreach (var change in plan.Changes)
        {
            var photo = Photos.Single(p => p.Id == change.Id);
            if (change.Remove)
            {
                Photos.Remove(photo);
                changed = true;
            }
            else if (change.AltText?.Trim() is { } altText && altText != photo.AltText)
            {
                photo.AltText = altText;
                changed = true;
            }
        }

        var position = 0;
        foreach (var photo in Photos.OrderBy(p => p.Position))
        {
            photo.Position = position++;
        }

        foreach (var upload in uploads)
        {
            upload.Position = position++;
            Photos.Add(upload);
            changed = true;
        }

        if (changed)
        {
            AddContentEditor(editorId);
        }
    }
}
