using System.Text;
using PoliceFeeds.Core.Photos;

namespace PoliceFeeds.UnitTests.Photos;

public sealed class ImageFormatTests
{
    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10 }, "image/jpeg")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0 }, "image/png")]
    [InlineData(new byte[] { (byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'9', (byte)'a', 1, 0 }, "image/gif")]
    [InlineData(new byte[] { (byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'7', (byte)'a', 1, 0 }, "image/gif")]
    [InlineData(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 1, 2, 3, 4, (byte)'W', (byte)'E', (byte)'B', (byte)'P', (byte)'V' }, "image/webp")]
    public void Recognises_images_from_their_bytes(byte[] header, string expected) => Assert.Equal(expected, ImageFormat.Detect(header));

    [Fact]
    public void A_text_file_named_jpg_is_not_an_image() =>
        Assert.Null(ImageFormat.Detect(Encoding.UTF8.GetBytes("Ceci n'est pas une photo.jpg")));

    [Fact]
    public void A_script_behind_no_image_header_is_refused() =>
        Assert.Null(ImageFormat.Detect(Encoding.UTF8.GetBytes("<script>alert(1)</script>")));

    [Fact]
    public void An_empty_file_is_not_an_image() => Assert.Null(ImageFormat.Detect([]));

    [Fact]
    public void A_riff_file_that_is_not_webp_is_refused() =>
        Assert.Null(ImageFormat.Detect("RIFF\0\0\0\0WAVEfmt "u8));

    [Theory]
    [InlineData("image/gif", 15 * 1024 * 1024)]
    [InlineData("image/jpeg", 5 * 1024 * 1024)]
    [InlineData("image/webp", 5 * 1024 * 1024)]
    public void Gif_may_be_larger_than_other_images(string contentType, long max) => Assert.Equal(max, ImageFormat.MaxBytesFor(contentType));
}

public sealed class ImageWellFormedTests
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    /// <summary>The smallest GIF: header, logical screen, one-pixel image, trailer.</summary>
    private static readonly byte[] Gif = Convert.FromBase64String("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");

    [Fact]
    public void Real_images_are_well_formed()
    {
        Assert.True(ImageFormat.IsWellFormed(Png, "image/png"));
        Assert.True(ImageFormat.IsWellFormed(Gif, "image/gif"));
        Assert.True(ImageFormat.IsWellFormed([0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0xFF, 0xD9], "image/jpeg"));
        byte[] webp = [.. "RIFF"u8, 12, 0, 0, 0, .. "WEBP"u8, .. "VP8 "u8, 0, 0, 0, 0];
        Assert.True(ImageFormat.IsWellFormed(webp, "image/webp"));
    }

    [Fact]
    public void An_image_header_in_front_of_something_else_is_not_an_image()
    {
        var script = System.Text.Encoding.UTF8.GetBytes("<script>alert(1)</script>");
        Assert.False(ImageFormat.IsWellFormed([.. Png.AsSpan(0, 33), .. script], "image/png"));
        Assert.False(ImageFormat.IsWellFormed([.. Png.AsSpan(0, 8), .. script, .. "IEND"u8], "image/png"));
        Assert.False(ImageFormat.IsWellFormed([.. "GIF89a"u8, 1, 0, 1, 0, 0, 0, 0, .. script], "image/gif"));
        Assert.False(ImageFormat.IsWellFormed([0xFF, 0xD8, 0xFF, .. script], "image/jpeg"));
        byte[] webp = [.. "RIFF"u8, 200, 0, 0, 0, .. "WEBP"u8, .. "VP8 "u8, .. script];
        Assert.False(ImageFormat.IsWellFormed(webp, "image/webp"));
        Assert.False(ImageFormat.IsWellFormed(Png, "application/zip"));
    }
}
