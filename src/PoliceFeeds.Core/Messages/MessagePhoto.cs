namespace PoliceFeeds.Core.Messages;

/// <summary>A photo attached to a message, with the alt text X shows to people using screen readers.</summary>
public class MessagePhoto
{
    public long Id { get; set; }

    public long MessageId { get; set; }

    /// <summary>Position among the message's photos (0 to 3).</summary>
    public int Position { get; set; }

    /// <summary>image/jpeg, image/png, image/gif or image/webp, recognised from the bytes.</summary>
    public required string ContentType { get; set; }

    public string? FileName { get; set; }

    public required byte[] Content { get; set; }

    public long Length { get; set; }

    public required string AltText { get; set; }

    /// <summary>Media id returned by X's upload; ids expire, so the publisher uploads again when needed.</summary>
    public string? XMediaId { get; set; }

    public DateTime? XMediaExpiresAtUtc { get; set; }
}
