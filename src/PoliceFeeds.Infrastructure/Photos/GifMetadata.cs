namespace PoliceFeeds.Infrastructure.Photos;

/// <summary>
/// A GIF without its metadata, block by block: the header, the screen and its colour table, every frame (graphic
/// control, descriptor, colour table, pixels) and the loop count are kept byte for byte; comment blocks, plain text
/// blocks (text no browser shows), application blocks (XMP, ICC, maker data) and unknown extensions are dropped, as is
/// anything after the trailer. The animation's loop block (<c>NETSCAPE2.0</c> or <c>ANIMEXTS1.0</c>) keeps its loop count
/// only. Skia cannot encode GIFs, so this is done on the bytes.
/// </summary>
public static class GifMetadata
{
    private const byte Extension = 0x21;
    private const byte ImageDescriptor = 0x2C;
    private const byte Trailer = 0x3B;
    private const byte GraphicControl = 0xF9;
    private const byte Application = 0xFF;

    /// <summary>The GIF without metadata, or null when its blocks do not fit in the file (not a whole GIF).</summary>
    public static byte[]? Strip(byte[] gif)
    {
        if (gif.Length < 13 || !(gif.AsSpan(0, 6).SequenceEqual("GIF87a"u8) || gif.AsSpan(0, 6).SequenceEqual("GIF89a"u8)))
        {
            return null;
        }

        var output = new List<byte>(gif.Length);
        var position = 13 + ColorTableLength(gif[10]);
        if (position > gif.Length)
        {
            return null;
        }

        output.AddRange(gif.AsSpan(0, position));
        while (position < gif.Length)
        {
            switch (gif[position])
            {
                case Trailer:
                    output.Add(Trailer);
                    return [.. output];
                case ImageDescriptor:
                    {
                        if (position + 11 > gif.Length)
                        {
                            return null;
                        }

                        // Descriptor (10 bytes), local colour table, LZW code size, then the pixels' sub-blocks.
                        var start = position;
                        position += 10 + ColorTableLength(gif[position + 9]) + 1;
                        if (SkipSubBlocks(gif, position) is not { } end)
                        {
                            return null;
                        }

                        output.AddRange(gif.AsSpan(start, end - start));
                        position = end;
                        break;
                    }

                case Extension when position + 1 < gif.Length:
                    {
                        var label = gif[position + 1];
                        if (SkipSubBlocks(gif, position + 2) is not { } end)
                        {
                            return null;
                        }

                        if (label == GraphicControl)
                        {
                            output.AddRange(gif.AsSpan(position, end - position));
                        }
                        else if (label == Application && LoopCount(gif.AsSpan(position + 2, end - position - 2)) is { } loop)
                        {
                            output.AddRange([Extension, Application, 11, .. "NETSCAPE2.0"u8, 3, 1, (byte)loop, (byte)(loop >> 8), 0]);
                        }

                        position = end;
                        break;
                    }

                default:
                    return null;
            }
        }

        // No trailer: not a whole GIF.
        return null;
    }

    /// <summary>Bytes of the colour table announced by a packed field (screen or frame): bit 7 set, 3 × 2^(size + 1).</summary>
    private static int ColorTableLength(byte packed) => (packed & 0x80) == 0 ? 0 : 3 * (1 << ((packed & 0x07) + 1));

    /// <summary>The position after the sub-blocks starting at <paramref name="position"/> and their terminator, or null past the end.</summary>
    private static int? SkipSubBlocks(byte[] gif, int position)
    {
        while (position < gif.Length)
        {
            var size = gif[position];
            position += 1 + size;
            if (size == 0)
            {
                return position;
            }
        }

        return null;
    }

    /// <summary>The loop count of an application block's sub-blocks when it is the animation's loop block, else null.</summary>
    private static int? LoopCount(ReadOnlySpan<byte> blocks)
    {
        if (blocks.Length < 12 || blocks[0] != 11 || !(blocks[1..12].SequenceEqual("NETSCAPE2.0"u8) || blocks[1..12].SequenceEqual("ANIMEXTS1.0"u8)))
        {
            return null;
        }

        var data = blocks[12..];
        return data.Length >= 4 && data[0] == 3 && data[1] == 1 ? data[2] | (data[3] << 8) : null;
    }
}
