using System.Buffers.Binary;
using PoliceFeeds.Core.Photos;
using SkiaSharp;

namespace PoliceFeeds.UnitTests.Photos;

/// <summary>Dimensions read from the headers, never by decoding, so that a huge image is refused before it is decoded.</summary>
public sealed class ImageDimensionsTests
{
    [Theory]
    [InlineData(SKEncodedImageFormat.Jpeg, "image/jpeg")]
    [InlineData(SKEncodedImageFormat.Png, "image/png")]
    [InlineData(SKEncodedImageFormat.Webp, "image/webp")]
    public void Reads_the_size_of_real_images(SKEncodedImageFormat format, string contentType)
    {
        using var picture = TestImages.Picture(37, 21);
        var bytes = TestImages.Encode(picture, format);

        Assert.Equal((37, 21), ImageDimensions.Read(bytes, contentType));
        Assert.True(ImageDimensions.IsWithinBounds(ImageDimensions.Read(bytes, contentType)));
    }

    [Fact]
    public void Reads_jpeg_size_behind_exif_and_other_segments_and_webp_vp8x_canvas()
    {
        Assert.Equal((40, 20), ImageDimensions.Read(TestImages.JpegWithMetadata(40, 20, 6), "image/jpeg"));
        Assert.Equal((40, 20), ImageDimensions.Read(TestImages.WebpWithMetadata(40, 20, 1), "image/webp"));
        Assert.Equal((30, 30), ImageDimensions.Read(TestImages.PngWithMetadata(30, 30), "image/png"));
    }

    [Fact]
    public void Reads_lossless_webp_size()
    {
        // VP8L: signature 0x2F, then width-1 and height-1 on 14 bits each.
        var bits = (uint)(300 - 1) | ((uint)(9000 - 1) << 14);
        byte[] header = [.. "RIFF"u8, 0, 0, 0, 0, .. "WEBPVP8L"u8, 0, 0, 0, 0, 0x2F, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(21), bits);

        Assert.Equal((300, 9000), ImageDimensions.Read(header, "image/webp"));
        Assert.False(ImageDimensions.IsWithinBounds(ImageDimensions.Read(header, "image/webp")));
    }

    [Fact]
    public void A_small_png_announcing_a_huge_image_is_out_of_bounds()
    {
        using var picture = TestImages.Picture(4, 4);
        var png = TestImages.Encode(picture, SKEncodedImageFormat.Png);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(16), 100_000);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(20), 8192);

        Assert.Equal((100_000, 8192), ImageDimensions.Read(png, "image/png"));
        Assert.False(ImageDimensions.IsWithinBounds(ImageDimensions.Read(png, "image/png")));
    }

    [Theory]
    [InlineData(8192, 8192, true)]
    [InlineData(8193, 10, false)]
    [InlineData(10, 8193, false)]
    [InlineData(0, 10, false)]
    public void The_bound_is_8192_pixels_on_a_side(int width, int height, bool within)
    {
        byte[] gif = [.. "GIF89a"u8, 0, 0, 0, 0, 0, 0, 0];
        BinaryPrimitives.WriteUInt16LittleEndian(gif.AsSpan(6), (ushort)width);
        BinaryPrimitives.WriteUInt16LittleEndian(gif.AsSpan(8), (ushort)height);

        Assert.Equal(within, ImageDimensions.IsWithinBounds(ImageDimensions.Read(gif, "image/gif")));
    }

    [Fact]
    public void Headers_without_a_size_give_none()
    {
        Assert.Null(ImageDimensions.Read([0xFF, 0xD8, 0xFF, 0xD9], "image/jpeg"));
        Assert.Null(ImageDimensions.Read([.. "RIFF"u8, 0, 0, 0, 0, .. "WEBP"u8], "image/webp"));
        Assert.False(ImageDimensions.IsWithinBounds(null));
    }
}
