using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace PoliceFeeds.UnitTests.Photos;

/// <summary>
/// Real small photos as a phone makes them: pixels encoded by Skia, then metadata added by hand the way cameras write
/// it (EXIF with the orientation, the maker and a GPS position; XMP; IPTC; a comment).
/// </summary>
public static class TestImages
{
    /// <summary>Text found in the metadata only: it must not survive.</summary>
    public const string Maker = "TelephoneDeTest";

    public const string XmpMarker = "<x:xmpmeta>LieuSecret</x:xmpmeta>";

    public const string CommentMarker = "Pris rue de la Paix";

    /// <summary>A picture whose left half is red and right half blue.</summary>
    public static SKBitmap Picture(int width, int height)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var canvas = new SKCanvas(bitmap);
        using var red = new SKPaint { Color = SKColors.Red };
        using var blue = new SKPaint { Color = SKColors.Blue };
        canvas.DrawRect(0, 0, width / 2f, height, red);
        canvas.DrawRect(width / 2f, 0, width / 2f, height, blue);
        return bitmap;
    }

    public static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality = 90)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }

    /// <summary>A TIFF structure as EXIF holds it: IFD0 (maker, orientation, GPS pointer), then the GPS IFD (48°51'29.7" N, 2°17'40" E).</summary>
    public static byte[] Exif(ushort orientation)
    {
        var maker = Encoding.ASCII.GetBytes(Maker + "\0");
        const int ifd0 = 8;
        const int ifd0Size = 2 + (3 * 12) + 4;
        var makerOffset = ifd0 + ifd0Size;
        var gpsIfd = makerOffset + maker.Length;
        const int gpsSize = 2 + (4 * 12) + 4;
        var latitude = gpsIfd + gpsSize;
        var longitude = latitude + 24;
        var b = new List<byte>();
        b.AddRange("II*\0"u8.ToArray());
        U32(b, ifd0);
        U16(b, 3);
        Entry(b, 0x010F, 2, (uint)maker.Length, (uint)makerOffset);
        Entry(b, 0x0112, 3, 1, orientation);
        Entry(b, 0x8825, 4, 1, (uint)gpsIfd);
        U32(b, 0);
        b.AddRange(maker);
        U16(b, 4);
        Entry(b, 0x0001, 2, 2, 'N');
        Entry(b, 0x0002, 5, 3, (uint)latitude);
        Entry(b, 0x0003, 2, 2, 'E');
        Entry(b, 0x0004, 5, 3, (uint)longitude);
        U32(b, 0);
        foreach (var (n, d) in new (uint, uint)[] { (48, 1), (51, 1), (2970, 100), (2, 1), (17, 1), (4000, 100) })
        {
            U32(b, n);
            U32(b, d);
        }

        return [.. b];
    }

    /// <summary>A JPEG with APP1 EXIF (GPS), APP1 XMP, APP13 IPTC and a comment after its SOI.</summary>
    public static byte[] JpegWithMetadata(int width, int height, ushort orientation)
    {
        var pixels = Encode(Picture(width, height), SKEncodedImageFormat.Jpeg);
        var segments = new List<byte>();
        Segment(segments, 0xE1, [.. "Exif\0\0"u8, .. Exif(orientation)]);
        Segment(segments, 0xE1, [.. "http://ns.adobe.com/xap/1.0/\0"u8, .. Encoding.UTF8.GetBytes(XmpMarker)]);
        Segment(segments, 0xED, [.. "Photoshop 3.0\0"u8, .. "8BIM"u8, 0x04, 0x04, 0, 0, 0, 0, 0, 12, 0x1C, 0x02, 0x5A, 0, 5, .. "Paris"u8, 0]);
        Segment(segments, 0xFE, Encoding.UTF8.GetBytes(CommentMarker));
        return [.. pixels.AsSpan(0, 2), .. segments, .. pixels.AsSpan(2)];
    }

    /// <summary>A JPEG already encoded (<paramref name="jpeg"/>) with an APP1 EXIF segment holding <paramref name="orientation"/>.</summary>
    public static byte[] WithExif(byte[] jpeg, ushort orientation)
    {
        var segment = new List<byte>();
        Segment(segment, 0xE1, [.. "Exif\0\0"u8, .. Exif(orientation)]);
        return [.. jpeg.AsSpan(0, 2), .. segment, .. jpeg.AsSpan(2)];
    }

    /// <summary>A PNG with eXIf (GPS), tEXt, iTXt (XMP), zTXt and tIME chunks before its pixels.</summary>
    public static byte[] PngWithMetadata(int width, int height)
    {
        var png = Encode(Picture(width, height), SKEncodedImageFormat.Png);
        const int afterIhdr = 8 + 25;
        var chunks = new List<byte>();
        Chunk(chunks, "eXIf", Exif(1));
        Chunk(chunks, "tEXt", [.. "Comment\0"u8, .. Encoding.Latin1.GetBytes(CommentMarker)]);
        Chunk(chunks, "iTXt", [.. "XML:com.adobe.xmp\0\0\0\0\0"u8, .. Encoding.UTF8.GetBytes(XmpMarker)]);
        Chunk(chunks, "zTXt", [.. "Author\0"u8, 0, 0x78, 0x9C, 0x03, 0, 0, 0, 0, 1]);
        Chunk(chunks, "tIME", [0x07, 0xEA, 3, 10, 9, 0, 0]);
        return [.. png.AsSpan(0, afterIhdr), .. chunks, .. png.AsSpan(afterIhdr)];
    }

    /// <summary>An extended WEBP (VP8X) with EXIF (GPS) and XMP chunks around a lossy bitstream.</summary>
    public static byte[] WebpWithMetadata(int width, int height, ushort orientation) =>
        WebpWithExif(Encode(Picture(width, height), SKEncodedImageFormat.Webp, 80), width, height, orientation);

    /// <summary>A simple WEBP already encoded (<paramref name="simple"/>) made extended, with EXIF (orientation, GPS) and XMP.</summary>
    public static byte[] WebpWithExif(byte[] simple, int width, int height, ushort orientation)
    {
        var bitstream = simple.AsSpan(12).ToArray();
        var body = new List<byte>();
        body.AddRange("WEBP"u8.ToArray());
        var vp8x = new byte[10];
        vp8x[0] = 0x08 | 0x04;
        WriteU24(vp8x.AsSpan(4), width - 1);
        WriteU24(vp8x.AsSpan(7), height - 1);
        RiffChunk(body, "VP8X", vp8x);
        body.AddRange(bitstream);
        RiffChunk(body, "EXIF", Exif(orientation));
        RiffChunk(body, "XMP ", Encoding.UTF8.GetBytes(XmpMarker));
        var riff = new List<byte>();
        riff.AddRange("RIFF"u8.ToArray());
        U32(riff, (uint)body.Count);
        riff.AddRange(body);
        return [.. riff];
    }

    /// <summary>
    /// An animated GIF (two 1×1 frames, looping forever) carrying a comment, an XMP application block and a plain text
    /// block: metadata as GIF writers put it.
    /// </summary>
    public static byte[] GifWithMetadata()
    {
        var gif = new List<byte>();
        gif.AddRange("GIF89a"u8.ToArray());
        gif.AddRange([1, 0, 1, 0, 0x80, 0, 0, 0xFF, 0, 0, 0, 0, 0xFF]);
        gif.AddRange([0x21, 0xFF, 11, .. "NETSCAPE2.0"u8, 3, 1, 0, 0, 0]);
        GifExtension(gif, 0xFE, Encoding.ASCII.GetBytes(CommentMarker));
        gif.AddRange([0x21, 0xFF, 11, .. "XMP DataXMP"u8]);
        GifSubBlocks(gif, Encoding.UTF8.GetBytes(XmpMarker));
        GifExtension(gif, 0x01, [12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, .. Encoding.ASCII.GetBytes(Maker)]);
        for (var frame = 0; frame < 2; frame++)
        {
            gif.AddRange([0x21, 0xF9, 4, 4, 10, 0, 0, 0]);
            gif.AddRange([0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0]);
        }

        gif.Add(0x3B);
        return [.. gif];
    }

    private static void GifExtension(List<byte> gif, byte label, byte[] data)
    {
        gif.AddRange([0x21, label]);
        GifSubBlocks(gif, data);
    }

    private static void GifSubBlocks(List<byte> gif, byte[] data)
    {
        foreach (var block in data.Chunk(255))
        {
            gif.Add((byte)block.Length);
            gif.AddRange(block);
        }

        gif.Add(0);
    }

    private static void Segment(List<byte> b, byte marker, byte[] data)
    {
        b.Add(0xFF);
        b.Add(marker);
        b.Add((byte)((data.Length + 2) >> 8));
        b.Add((byte)(data.Length + 2));
        b.AddRange(data);
    }

    private static void Chunk(List<byte> b, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        b.AddRange(length);
        byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
        b.AddRange(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        b.AddRange(crc);
    }

    private static void RiffChunk(List<byte> b, string type, byte[] data)
    {
        b.AddRange(Encoding.ASCII.GetBytes(type));
        U32(b, (uint)data.Length);
        b.AddRange(data);
        if (data.Length % 2 == 1)
        {
            b.Add(0);
        }
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var value in data)
        {
            crc ^= value;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }

    private static void Entry(List<byte> b, ushort tag, ushort type, uint count, uint value)
    {
        U16(b, tag);
        U16(b, type);
        U32(b, count);
        U32(b, value);
    }

    private static void U16(List<byte> b, ushort value)
    {
        b.Add((byte)value);
        b.Add((byte)(value >> 8));
    }

    private static void U32(List<byte> b, uint value)
    {
        for (var i = 0; i < 4; i++)
        {
            b.Add((byte)(value >> (8 * i)));
        }
    }

    private static void U32(List<byte> b, int value) => U32(b, (uint)value);

    private static void WriteU24(Span<byte> span, int value)
    {
        span[0] = (byte)value;
        span[1] = (byte)(value >> 8);
        span[2] = (byte)(value >> 16);
    }
}
