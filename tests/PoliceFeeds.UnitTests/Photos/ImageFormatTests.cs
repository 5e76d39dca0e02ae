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
