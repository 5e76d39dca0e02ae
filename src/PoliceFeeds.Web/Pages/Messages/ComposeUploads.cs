using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using PoliceFeeds.Core.Photos;

namespace PoliceFeeds.Web.Pages.Messages;

/// <summary>
/// The photos of one compose request: the files posted with it, then those kept from a form refused earlier (only the
/// uploader's own). When the form is refused again they stay with it, kept server-side with a token each
/// (<see cref="PendingPhotoStore"/>), so that nothing chosen is lost; once the message is saved, the kept copies go.
/// </summary>
internal sealed class ComposeUploads(PendingPhotoStore pendingPhotos, string userId)
{
    /// <summary>The uploads of this request, with the token of those that came from the pending store.</summary>
    private readonly List<(UploadedPhoto Photo, string? Token)> _uploads = [];

    /// <summary>The files of this request, then the photos kept from a refused form.</summary>
    public async Task<IReadOnlyList<UploadedPhoto>> ReadAsync(MessageInput input, CancellationToken cancellationToken)
    {
        foreach (var photo in input.NewPhotos.Where(p => p.File is not null))
        {
            _uploads.Add((await UploadedPhoto.ReadAsync(photo.File!, photo.AltText, cancellationToken), null));
        }

        _uploads.AddRange(await pendingPhotos.FindAllAsync(userId, input.PendingPhotos, cancellationToken));
        return _uploads.Select(u => u.Photo).ToList();
    }

    /// <summary>
    /// The form is shown again: every photo that is an image of an allowed size stays with it (kept now if it came with
    /// this request); one that is not must be chosen again.
    /// </summary>
    public async Task<List<PendingPhotoInput>> KeepForTheFormAsync(CancellationToken cancellationToken)
    {
        var kept = new List<PendingPhotoInput>();
        foreach (var (photo, token) in _uploads.Where(u => u.Photo.IsKeepable))
        {
            if ((token ?? await pendingPhotos.KeepAsync(userId, photo, cancellationToken)) is { } pending)
            {
                kept.Add(new PendingPhotoInput { Token = pending, FileName = photo.SafeFileName, AltText = photo.AltText });
            }
        }

        return kept;
    }

    /// <summary>The message is saved with its photos: the copies kept for the form are no longer needed.</summary>
    public Task ForgetKeptAsync(CancellationToken cancellationToken) =>
        pendingPhotos.ForgetAsync(userId, _uploads.Select(u => u.Token).OfType<string>().ToList(), cancellationToken);

    /// <summary>
    /// The uploads without their metadata (EXIF with the GPS position, XMP, IPTC, comments), or null when one cannot be
    /// re-encoded: its French message is then beside the photo field.
    /// </summary>
    public static async Task<List<UploadedPhoto>?> SanitizeAsync(IReadOnlyList<UploadedPhoto> uploads, ModelStateDictionary modelState, IStringLocalizer<MessagesText> text, CancellationToken cancellationToken)
    {
        var clean = new List<UploadedPhoto>();
        foreach (var upload in uploads)
        {
            var (sanitized, problem) = await upload.SanitizeAsync(cancellationToken);
            if (sanitized is not null)
            {
                clean.Add(sanitized);
                continue;
            }

            modelState.AddModelError("Input.NewPhotos", problem == UploadedPhoto.SanitizeProblem.TooLarge
                ? string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Validation.PhotoTooLarge"], upload.FileName, ImageFormat.MaxBytesFor(upload.DetectedContentType!) / (1024 * 1024))
                : string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Validation.PhotoUnreadable"], upload.FileName));
        }

        return clean.Count == uploads.Count ? clean : null;
    }
}
