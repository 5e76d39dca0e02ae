using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Photos;
using PoliceFeeds.Infrastructure.Photos;

namespace PoliceFeeds.Web.Pages.Messages;

/// <summary>A photo read from the request (or from the pending store), with the format recognised from its bytes.</summary>
public sealed record UploadedPhoto(string? FileName, byte[] Content, string? DetectedContentType, string? AltText)
{
    /// <summary>What stops a photo that passed the form's rules from being stored once re-encoded.</summary>
    public enum SanitizeProblem
    {
        None,
        Unreadable,
        TooLarge,
    }

    /// <summary>
    /// Reads an uploaded file: at most one byte past the largest allowed size, enough to refuse it, never the whole of a
    /// huge file.
    /// </summary>
    public static async Task<UploadedPhoto> ReadAsync(IFormFile file, string? altText, CancellationToken cancellationToken)
    {
        var limit = ImageFormat.MaxGifBytes + 1;
        await using var stream = file.OpenReadStream();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < limit && (read = await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        var bytes = buffer.ToArray();
        return new UploadedPhoto(file.FileName, bytes, ImageFormat.Detect(bytes), altText);
    }

    /// <summary>The file name without any folder, at most 255 characters; null when none was given.</summary>
    public string? SafeFileName => FileName is { Length: > 0 } name ? Path.GetFileName(name)[..Math.Min(Path.GetFileName(name).Length, 255)] : null;

    /// <summary>An image of an allowed format and size, well formed: it may wait in the pending store for the next try.</summary>
    public bool IsKeepable => DetectedContentType is { } type && Content.Length > 0 && Content.Length <= ImageFormat.MaxBytesFor(type) && ImageFormat.IsWellFormed(Content, type);

    /// <summary>
    /// The photo re-encoded without its metadata (EXIF with the GPS position, XMP, IPTC, comments), or the problem that
    /// stops it: unreadable by the encoder, or larger than allowed once re-encoded. Call only once the form's rules passed.
    /// </summary>
    public async Task<(UploadedPhoto? Clean, SanitizeProblem Problem)> SanitizeAsync(CancellationToken cancellationToken)
    {
        var content = await PhotoSanitizer.SanitizeAsync(Content, DetectedContentType!, cancellationToken);
        if (content is null)
        {
            return (null, SanitizeProblem.Unreadable);
        }

        return content.Length > ImageFormat.MaxBytesFor(DetectedContentType!) ? (null, SanitizeProblem.TooLarge) : (this with { Content = content }, SanitizeProblem.None);
    }

    /// <summary>The message photo stored for this (sanitised) upload; its position is set by <see cref="Message.ApplyPhotoEdit"/>.</summary>
    public MessagePhoto ToStoredPhoto() => new()
    {
        ContentType = DetectedContentType!,
        FileName = SafeFileName,
        Content = Content,
        Length = Content.Length,
        AltText = AltText!.Trim(),
    };
}
