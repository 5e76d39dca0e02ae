namespace PoliceFeeds.Core.Photos;

/// <summary>
/// A photo chosen on a compose form that was refused, kept in the database (so any instance of the application can
/// read it back on the next POST) under a random token, for the user who uploaded it only, until it expires or is used.
/// </summary>
public class PendingPhoto
{
    /// <summary>How long a kept photo waits for the corrected form.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);

    /// <summary>At most this many kept photos per user: the oldest go first (a form holds four).</summary>
    public const int MaxPerUser = 3 * ImageFormat.MaxPhotosPerMessage;

    /// <summary>The token's length: 16 random bytes in lower-case hexadecimal.</summary>
    public const int TokenLength = 32;

    public long Id { get; set; }

    public string Token { get; set; } = "";

    public string UserId { get; set; } = "";

    public byte[] Content { get; set; } = [];

    public long Length { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime ExpiresAtUtc { get; set; }

    /// <summary>Whether a photo of this many bytes may be kept: no larger than the largest upload allowed (a GIF).</summary>
    public static bool IsKeepable(long length) => length > 0 && length <= ImageFormat.MaxGifBytes;

    /// <summary>Whether a posted token has the shape of one (anything else is not looked up).</summary>
    public static bool IsWellFormedToken(string? token) => token is { Length: TokenLength } && token.All(char.IsAsciiHexDigitLower);
}
