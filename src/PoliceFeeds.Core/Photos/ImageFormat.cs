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

    /// <summary>
    /// Whether a file recognised as <paramref name="contentType"/> is a whole image of that format and not only its first
    /// bytes in front of something else (a script, an archive): PNG starts with its IHDR chunk and has an IEND chunk;
    /// JPEG has an end-of-image marker; GIF ends with its trailer; WEBP's RIFF size matches the file and names a VP8 chunk.
    /// </summary>
    public static bool IsWellFormed(ReadOnlySpan<byte> content, string contentType)
    {
        switch (contentType)
        {
            case "image/png":
                return content.Length >= 8 + 25 + 12
                    && content[8..16].SequenceEqual((ReadOnlySpan<byte>)[0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R'])
                    && content[33..].IndexOf("IEND"u8) >= 0;
            case "image/jpeg":
                return content.Length >= 4 && content[2..].IndexOf((ReadOnlySpan<byte>)[0xFF, 0xD9]) >= 0;
            case "image/gif":
                return content.Length >= 6 + 7 + 1 && content[^1] == 0x3B;
            case "image/webp":
                {
                    if (content.Length < 20)
                    {
                        return false;
                    }

                    var riffSize = BitConverter.ToUInt32(content[4..8]);
                    if (!BitConverter.IsLittleEndian)
                    {
                        riffSize = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(riffSize);
                    }

                    var chunk = content[12..16];
                    return riffSize + 8 == (uint)content.Length
                        && (chunk.SequenceEqual("VP8 "u8) || chunk.SequenceEqual("VP8L"u8) || chunk.SequenceEqual("VP8X"u8));
                }

            default:
                return false;
        }
    }

    /// <summary>Size limit of a recognised format.</summary>
    public static long MaxBytesFor(string contentType) => contentType == "image/gif" ? MaxGifBytes : MaxImageBytes;
}
