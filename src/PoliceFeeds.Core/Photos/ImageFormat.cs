namespace PoliceFeeds.Core.Photos;

/// <summary>The photo formats X accepts, recognised from the first bytes of a file, never from its name.</summary>
public static class ImageFormat
{
    /// <summary>Largest JPEG, PNG or WEBP X accepts.</summary>
    public const long MaxImageBytes = 5 * 1024 * 1024;

    /// <summary>Largest GIF X accepts.</summary>
    public const long MaxGifBytes = 15 * 1024 * 1024;

    public const int MaxPhotosPerMessage = 4;

    public const int MaxAltTextLength = 1000;

    /// <summary>The MIME type recognised from the magic number, or null when the bytes are not a supported image.</summary>
    public static string? Detect(ReadOnlySpan<byte> header)
    {
        if (header.Length >= 3 && header[0] == 0xFF && header[1] == 0xD8 && header[2] == 0xFF)
        {
            return "image/jpeg";
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (header.StartsWith("GIF87a"u8) || header.StartsWith("GIF89a"u8))
        {
            return "image/gif";
        }

        if (header.Length >= 12 && header[..4].SequenceEqual("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        return null;
    }

    /// <summary>Size limit of a recognised format.</summary>
    public static long MaxBytesFor(string contentType) => contentType == "image/gif" ? MaxGifBytes : MaxImageBytes;
}
