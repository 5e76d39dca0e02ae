using PoliceFeeds.Core.Photos;
using SkiaSharp;

namespace PoliceFeeds.Infrastructure.Photos;

/// <summary>
/// Removes every piece of metadata from a photo before it is stored: a phone photo's EXIF tells where it was taken (GPS),
/// with what and when; XMP, IPTC, ICC comments and text chunks can carry names. JPEG, PNG and WEBP are decoded and
/// re-encoded through Skia, which writes pixels only; the EXIF orientation is applied to the pixels first, so the photo
/// still shows the right way up. GIFs (animations Skia cannot encode) are kept as they are: they have no EXIF.
/// The caller checks the dimensions from the headers (<see cref="ImageDimensions"/>) before anything is decoded.
/// </summary>
public static class PhotoSanitizer
{
    /// <summary>JPEG and lossy WEBP quality of the re-encoded photo (X recompresses it anyway).</summary>
    public const int Quality = 90;

    // An 8,192 × 8,192 photo takes 256 MiB once decoded: two at a time at most.
    private static readonly SemaphoreSlim Decoding = new(2, 2);

    /// <summary>The photo without metadata, or null when its pixels cannot be read or it is larger than the bound.</summary>
    public static byte[]? Sanitize(byte[] content, string contentType)
    {
        var format = contentType switch
        {
            "image/jpeg" => SKEncodedImageFormat.Jpeg,
            "image/png" => SKEncodedImageFormat.Png,
            "image/webp" => SKEncodedImageFormat.Webp,
            "image/gif" => (SKEncodedImageFormat?)null,
            _ => throw new ArgumentException($"Not a supported photo type: {contentType}", nameof(contentType)),
        };
        if (format is null)
        {
            return content;
        }

        Decoding.Wait();
        try
        {
            using var data = SKData.CreateCopy(content);
            using var codec = SKCodec.Create(data);
            if (codec is null || codec.Info.Width is < 1 or > ImageDimensions.MaxSide || codec.Info.Height is < 1 or > ImageDimensions.MaxSide)
            {
                return null;
            }

            var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, codec.Info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul);
            using var decoded = new SKBitmap(info);
            var result = codec.GetPixels(info, decoded.GetPixels());
            if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
            {
                return null;
            }

            using var upright = Orient(decoded, codec.EncodedOrigin);
            using var image = SKImage.FromBitmap(upright);
            using var encoded = image.Encode(format.Value, Quality);
            return encoded?.ToArray();
        }
        finally
        {
            Decoding.Release();
        }
    }

    /// <summary>The pixels as they are meant to be seen: the EXIF orientation applied (1 to 8), then dropped.</summary>
    internal static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        float w = source.Width, h = source.Height;
        // Where a source point (x, y) lands: x' = ScaleX·x + SkewX·y + TransX, y' = SkewY·x + ScaleY·y + TransY.
        var matrix = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
            _ => SKMatrix.Identity,
        };
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var target = new SKBitmap(new SKImageInfo(swap ? source.Height : source.Width, swap ? source.Width : source.Height, source.ColorType, source.AlphaType));
        using var canvas = new SKCanvas(target);
        canvas.Clear(SKColors.Transparent);
        canvas.SetMatrix(matrix);
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        canvas.Flush();
        return target;
    }
}
