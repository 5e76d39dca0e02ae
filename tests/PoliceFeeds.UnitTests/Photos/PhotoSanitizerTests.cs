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
    public void A_jpeg_loses_exif_gps_xmp_iptc_and_comment()
    {
        var clean = PhotoSanitizer.Sanitize(TestImages.JpegWithMetadata(40, 20, orientation: 1), "image/jpeg")!;

        AssertNoMetadata(clean);
        Assert.Equal("image/jpeg", ImageFormat.Detect(clean));
        Assert.True(ImageFormat.IsWellFormed(clean, "image/jpeg"));
        Assert.Equal((40, 20), ImageDimensions.Read(clean, "image/jpeg"));
    }

    [Theory]
    [InlineData((ushort)6, 20, 40)]
    [InlineData((ushort)8, 20, 40)]
    [InlineData((ushort)3, 40, 20)]
    public void The_exif_orientation_is_applied_to_the_pixels(ushort orientation, int width, int height)
    {
        var clean = PhotoSanitizer.Sanitize(TestImages.JpegWithMetadata(40, 20, orientation), "image/jpeg")!;

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
    public void A_png_loses_its_exif_text_xmp_and_time_chunks()
    {
        var clean = PhotoSanitizer.Sanitize(TestImages.PngWithMetadata(30, 30), "image/png")!;

        AssertNoMetadata(clean);
        var latin = Encoding.Latin1.GetString(clean);
        Assert.All(new[] { "eXIf", "tEXt", "iTXt", "zTXt", "tIME" }, c => Assert.DoesNotContain(c, latin, StringComparison.Ordinal));
        Assert.True(ImageFormat.IsWellFormed(clean, "image/png"));
        Assert.True(IsRed(Pixel(clean, 2, 15)));
    }

    [Fact]
    public void A_webp_loses_its_exif_and_xmp_chunks_and_stays_a_whole_webp()
    {
        var clean = PhotoSanitizer.Sanitize(TestImages.WebpWithMetadata(40, 20, orientation: 1), "image/webp")!;

        AssertNoMetadata(clean);
        var latin = Encoding.Latin1.GetString(clean);
        Assert.DoesNotContain("EXIF", latin, StringComparison.Ordinal);
        Assert.DoesNotContain("XMP ", latin, StringComparison.Ordinal);
        Assert.True(ImageFormat.IsWellFormed(clean, "image/webp"));
        Assert.Equal((40, 20), ImageDimensions.Read(clean, "image/webp"));
    }

    [Fact]
    public void A_gif_is_kept_as_it_is()
    {
        byte[] gif = [.. "GIF89a"u8, 1, 0, 1, 0, 0, 0, 0, 0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0, 0x3B];

        Assert.Same(gif, PhotoSanitizer.Sanitize(gif, "image/gif"));
    }

    [Fact]
    public void Bytes_that_do_not_decode_are_refused()
    {
        byte[] broken = [.. TestImages.JpegWithMetadata(20, 20, 1).AsSpan(0, 400)];
        byte[] notPixels = [0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xD9];

        Assert.Null(PhotoSanitizer.Sanitize(notPixels, "image/jpeg"));
        Assert.True(PhotoSanitizer.Sanitize(broken, "image/jpeg") is null || PhotoSanitizer.Sanitize(broken, "image/jpeg")!.Length > 0);
    }
}
