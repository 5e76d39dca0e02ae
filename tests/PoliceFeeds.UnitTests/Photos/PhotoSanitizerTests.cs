using System.Text;
using PoliceFeeds.Core.Photos;
using PoliceFeeds.Infrastructure.Photos;
using SkiaSharp;

namespace PoliceFeeds.UnitTests.Photos;

/// <summary>Photos lose every piece of metadata (EXIF with GPS, XMP, IPTC, comments) and keep their orientation.</summary>
public sealed class PhotoSanitizerTests
{
    private static readonly string[] Markers = [TestImages.Maker, TestImages.XmpMarker, TestImages.CommentMarker, "Exif\0\0", "Photoshop 3.0", "8BIM", "http://ns.adobe.com/xap"];

    private static void AssertNoMetadata(byte[] photo)
    {
        var latin = Encoding.Latin1.GetString(photo);
        Assert.All(Markers, m => Assert.DoesNotContain(m, latin, StringComparison.Ordinal));
        // No TIFF structure left (the EXIF and GPS directories start with it).
        Assert.DoesNotContain("II*\0", latin, StringComparison.Ordinal);
        Assert.DoesNotContain("MM\0*", latin, StringComparison.Ordinal);
    }

    private static SKColor Pixel(byte[] photo, int x, int y)
    {
        using var bitmap = SKBitmap.Decode(photo);
        return bitmap.GetPixel(x, y);
    }

    private static bool IsRed(SKColor c) => c.Red > 200 && c.Blue < 60;

    private static bool IsBlue(SKColor c) => c.Blue > 200 && c.Red < 60;

    [Fact]
    public void The_test_photos_really_carry_gps_exif_that_skia_reads()
    {
        var jpeg = TestImages.JpegWithMetadata(40, 20, orientation: 6);
        using var codec = SKCodec.Create(new MemoryStream(jpeg));

        Assert.Equal(SKEncodedOrigin.RightTop, codec.EncodedOrigin);
        Assert.Contains(TestImages.Maker, Encoding.Latin1.GetString(jpeg), StringComparison.Ordinal);
        Assert.Equal("image/jpeg", ImageFormat.Detect(jpeg));
        Assert.True(ImageFormat.IsWellFormed(jpeg, "image/jpeg"));
        Assert.True(ImageFormat.IsWellFormed(TestImages.PngWithMetadata(8, 8), "image/png"));
        Assert.True(ImageFormat.IsWellFormed(TestImages.WebpWithMetadata(8, 8, 1), "image/webp"));
    }

    [Fact]
    public async Task A_jpeg_loses_exif_gps_xmp_iptc_and_comment()
    {
        var clean = (await PhotoSanitizer.SanitizeAsync(TestImages.JpegWithMetadata(40, 20, orientation: 1), "image/jpeg"))!;

        AssertNoMetadata(clean);
        Assert.Equal("image/jpeg", ImageFormat.Detect(clean));
        Assert.True(ImageFormat.IsWellFormed(clean, "image/jpeg"));
        Assert.Equal((40, 20), ImageDimensions.Read(clean, "image/jpeg"));
    }

    [Theory]
    [InlineData((ushort)6, 20, 40)]
    [InlineData((ushort)8, 20, 40)]
    [InlineData((ushort)3, 40, 20)]
    public async Task The_exif_orientation_is_applied_to_the_pixels(ushort orientation, int width, int height)
    {
        var clean = (await PhotoSanitizer.SanitizeAsync(TestImages.JpegWithMetadata(40, 20, orientation), "image/jpeg"))!;

        using var codec = SKCodec.Create(new MemoryStream(clean));
        Assert.Equal(SKEncodedOrigin.TopLeft, codec.EncodedOrigin);
        Assert.Equal((width, height), (codec.Info.Width, codec.Info.Height));
        switch (orientation)
        {
            case 6:
                // Turned a quarter clockwise: the left (red) half is now on top.
                Assert.True(IsRed(Pixel(clean, 10, 5)));
                Assert.True(IsBlue(Pixel(clean, 10, 35)));
                break;
            case 8:
                // A quarter anticlockwise: the left (red) half is now at the bottom.
                Assert.True(IsBlue(Pixel(clean, 10, 5)));
                Assert.True(IsRed(Pixel(clean, 10, 35)));
                break;
            default:
                // Half a turn: red on the right.
                Assert.True(IsBlue(Pixel(clean, 5, 10)));
                Assert.True(IsRed(Pixel(clean, 35, 10)));
                break;
        }
    }

    [Fact]
    public async Task A_png_loses_its_exif_text_xmp_and_time_chunks()
    {
        var clean = (await PhotoSanitizer.SanitizeAsync(TestImages.PngWithMetadata(30, 30), "image/png"))!;

        AssertNoMetadata(clean);
        var latin = Encoding.Latin1.GetString(clean);
        Assert.All(new[] { "eXIf", "tEXt", "iTXt", "zTXt", "tIME" }, c => Assert.DoesNotContain(c, latin, StringComparison.Ordinal));
        Assert.True(ImageFormat.IsWellFormed(clean, "image/png"));
        Assert.True(IsRed(Pixel(clean, 2, 15)));
    }

    [Fact]
    public async Task A_webp_loses_its_exif_and_xmp_chunks_and_stays_a_whole_webp()
    {
        var clean = (await PhotoSanitizer.SanitizeAsync(TestImages.WebpWithMetadata(40, 20, orientation: 1), "image/webp"))!;

        AssertNoMetadata(clean);
        var latin = Encoding.Latin1.GetString(clean);
        Assert.DoesNotContain("EXIF", latin, StringComparison.Ordinal);
        Assert.DoesNotContain("XMP ", latin, StringComparison.Ordinal);
        Assert.True(ImageFormat.IsWellFormed(clean, "image/webp"));
        Assert.Equal((40, 20), ImageDimensions.Read(clean, "image/webp"));
    }

    [Fact]
    public async Task A_gif_without_metadata_is_kept_byte_for_byte()
    {
        byte[] gif = [.. "GIF89a"u8, 1, 0, 1, 0, 0, 0, 0, 0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0, 0x3B];

        Assert.Equal(gif, await PhotoSanitizer.SanitizeAsync(gif, "image/gif"));
    }

    [Fact]
    public async Task A_gif_loses_its_comment_xmp_and_plain_text_blocks_and_keeps_its_frames_and_loop()
    {
        var gif = TestImages.GifWithMetadata();
        Assert.Contains(TestImages.CommentMarker, Encoding.Latin1.GetString(gif), StringComparison.Ordinal);

        var clean = (await PhotoSanitizer.SanitizeAsync(gif, "image/gif"))!;

        AssertNoMetadata(clean);
        var latin = Encoding.Latin1.GetString(clean);
        Assert.DoesNotContain("XMP DataXMP", latin, StringComparison.Ordinal);
        Assert.Contains("NETSCAPE2.0", latin, StringComparison.Ordinal);
        Assert.True(ImageFormat.IsWellFormed(clean, "image/gif"));
        using var codec = SKCodec.Create(new MemoryStream(clean));
        Assert.Equal((1, 1, 2, -1), (codec.Info.Width, codec.Info.Height, codec.FrameCount, codec.RepetitionCount));
        Assert.Equal(10 * 10, codec.FrameInfo[0].Duration);
    }

    [Fact]
    public async Task A_gif_whose_blocks_run_past_its_end_is_refused()
    {
        var gif = TestImages.GifWithMetadata();
        // The comment block claims more bytes than the file holds, and the trailer byte is still last.
        byte[] truncated = [.. gif.AsSpan(0, 40), 0xFF, 0x3B];

        Assert.Null(await PhotoSanitizer.SanitizeAsync(truncated, "image/gif"));
    }

    /// <summary>Quadrants of the test picture: red top left, blue top right, green bottom left, yellow bottom right.</summary>
    private static readonly (int X, int Y, SKColor Color)[] Quadrants = [(10, 5, SKColors.Red), (30, 5, SKColors.Blue), (10, 15, SKColors.Lime), (30, 15, SKColors.Yellow)];

    /// <summary>Where the EXIF orientation puts the stored pixel (x, y) of a w × h picture once shown upright.</summary>
    private static (int X, int Y) Upright(ushort orientation, int x, int y, int w, int h) => orientation switch
    {
        2 => (w - 1 - x, y),
        3 => (w - 1 - x, h - 1 - y),
        4 => (x, h - 1 - y),
        5 => (y, x),
        6 => (h - 1 - y, x),
        7 => (h - 1 - y, w - 1 - x),
        8 => (y, w - 1 - x),
        _ => (x, y),
    };

    private static bool Near(SKColor a, SKColor b) => Math.Abs(a.Red - b.Red) < 60 && Math.Abs(a.Green - b.Green) < 60 && Math.Abs(a.Blue - b.Blue) < 60;

    [Theory]
    [InlineData(SKEncodedImageFormat.Jpeg, "image/jpeg", (ushort)1)]
    [InlineData(SKEncodedImageFormat.Jpeg, "image/jpeg", (ushort)2)]
    [InlineData(SKEncodedImageFormat.Jpeg, "image/jpeg", (ushort)3)]
    [InlineData(SKEncodedImageFormat.Jpeg, "image/jpeg", (ushort)4)]
    [InlineData(SKEncodedImageFormat.Jpeg, "image/jpeg", (ushort)5)]
    [InlineData(SKEncodedImageFormat.Jpeg, "image/jpeg", (ushort)6)]
    [InlineData(SKEncodedImageFormat.Jpeg, "image/jpeg", (ushort)7)]
    [InlineData(SKEncodedImageFormat.Jpeg, "image/jpeg", (ushort)8)]
    [InlineData(SKEncodedImageFormat.Webp, "image/webp", (ushort)6)]
    [InlineData(SKEncodedImageFormat.Webp, "image/webp", (ushort)7)]
    public async Task Every_exif_orientation_puts_each_quadrant_where_it_is_seen(SKEncodedImageFormat format, string contentType, ushort orientation)
    {
        using var picture = new SKBitmap(new SKImageInfo(40, 20, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(picture))
        {
            foreach (var (x, y, color) in Quadrants)
            {
                using var paint = new SKPaint { Color = color };
                canvas.DrawRect(x - 10, y - 5, 20, 10, paint);
            }
        }

        var photo = format == SKEncodedImageFormat.Jpeg
            ? TestImages.WithExif(TestImages.Encode(picture, format), orientation)
            : TestImages.WebpWithExif(TestImages.Encode(picture, format, 100), 40, 20, orientation);

        var clean = (await PhotoSanitizer.SanitizeAsync(photo, contentType))!;

        using var codec = SKCodec.Create(new MemoryStream(clean));
        Assert.Equal(SKEncodedOrigin.TopLeft, codec.EncodedOrigin);
        var swap = orientation >= 5;
        Assert.Equal(swap ? (20, 40) : (40, 20), (codec.Info.Width, codec.Info.Height));
        foreach (var (x, y, color) in Quadrants)
        {
            var (ux, uy) = Upright(orientation, x, y, 40, 20);
            Assert.True(Near(color, Pixel(clean, ux, uy)), $"orientation {orientation}: ({x}, {y}) should be {color} at ({ux}, {uy}), is {Pixel(clean, ux, uy)}");
        }
    }

    [Fact]
    public async Task Bytes_that_do_not_decode_are_refused()
    {
        byte[] broken = [.. TestImages.JpegWithMetadata(20, 20, 1).AsSpan(0, 400)];
        byte[] notPixels = [0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xD9];

        Assert.Null(await PhotoSanitizer.SanitizeAsync(notPixels, "image/jpeg"));
        Assert.True(await PhotoSanitizer.SanitizeAsync(broken, "image/jpeg") is null or { Length: > 0 });
    }
}
