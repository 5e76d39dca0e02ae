using System.Buffers.Binary;

namespace PoliceFeeds.Core.Photos;

/// <summary>
/// Width and height of an image read from its headers, without decoding a single pixel: a small file can hold a huge
/// image (a PNG of a few kilobytes that decodes to 100,000 × 100,000 pixels), so the bound is checked before decoding.
/// </summary>
public static class ImageDimensions
{
    /// <summary>Largest width or height accepted (X's own limit for photos).</summary>
    public const int MaxSide = 8192;

    /// <summary>The dimensions, or null when the headers do not give them.</summary>
    public static (int Width, int Height)? Read(ReadOnlySpan<byte> content, string contentType) => contentType switch
    {
        "image/png" => content.Length >= 24 ? Checked(BinaryPrimitives.ReadUInt32BigEndian(content[16..20]), BinaryPrimitives.ReadUInt32BigEndian(content[20..24])) : null,
        "image/gif" => content.Length >= 10 ? (BinaryPrimitives.ReadUInt16LittleEndian(content[6..8]), BinaryPrimitives.ReadUInt16LittleEndian(content[8..10])) : null,
        "image/jpeg" => ReadJpeg(content),
        "image/webp" => ReadWebp(content),
        _ => null,
    };

    /// <summary>Whether both sides are known, at least 1 and at most <see cref="MaxSide"/>.</summary>
    public static bool IsWithinBounds((int Width, int Height)? dimensions) =>
        dimensions is var (w, h) && w is >= 1 and <= MaxSide && h is >= 1 and <= MaxSide;

    private static (int, int)? Checked(uint width, uint height) =>
        width > int.MaxValue || height > int.MaxValue ? (int.MaxValue, int.MaxValue) : ((int)width, (int)height);

    /// <summary>The first start-of-frame segment (SOF0 to SOF15 but DHT, JPG and DAC) gives the frame's size.</summary>
    private static (int, int)? ReadJpeg(ReadOnlySpan<byte> content)
    {
        var i = 2;
        while (i + 4 <= content.Length)
        {
            if (content[i] != 0xFF)
            {
                return null;
            }

            var marker = content[i + 1];
            if (marker == 0xFF)
            {
                i++;
                continue;
            }

            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7))
            {
                i += 2;
                continue;
            }

            if (marker is 0xD9 or 0xDA)
            {
                return null;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(content[(i + 2)..]);
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                return i + 9 <= content.Length
                    ? (BinaryPrimitives.ReadUInt16BigEndian(content[(i + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(content[(i + 5)..]))
                    : null;
            }

            if (length < 2)
            {
                return null;
            }

            i += 2 + length;
        }

        return null;
    }

    /// <summary>VP8X gives the canvas; otherwise the VP8 (lossy) or VP8L (lossless) bitstream header gives the frame.</summary>
    private static (int, int)? ReadWebp(ReadOnlySpan<byte> content)
    {
        if (content.Length < 30)
        {
            return null;
        }

        var chunk = content[12..16];
        var data = content[20..];
        if (chunk.SequenceEqual("VP8X"u8))
        {
            return (1 + (data[4] | (data[5] << 8) | (data[6] << 16)), 1 + (data[7] | (data[8] << 8) | (data[9] << 16)));
        }

        if (chunk.SequenceEqual("VP8 "u8))
        {
            // Frame tag (3 bytes), start code 9D 01 2A, then 14-bit width and height.
            return data[3] == 0x9D && data[4] == 0x01 && data[5] == 0x2A
                ? (BinaryPrimitives.ReadUInt16LittleEndian(data[6..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(data[8..]) & 0x3FFF)
                : null;
        }

        if (chunk.SequenceEqual("VP8L"u8) && data[0] == 0x2F)
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(data[1..]);
            return (1 + (int)(bits & 0x3FFF), 1 + (int)((bits >> 14) & 0x3FFF));
        }

        return null;
    }
}
