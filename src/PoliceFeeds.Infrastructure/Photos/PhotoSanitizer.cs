using System.Runtime.InteropServices;
using PoliceFeeds.Core.Photos;
using SkiaSharp;

namespace PoliceFeeds.Infrastructure.Photos;

/// <summary>
/// Removes every piece of metadata from a photo before it is stored: a phone photo's EXIF tells where it was taken (GPS),
/// with what and when; XMP, IPTC, ICC comments and text chunks can carry names. JPEG, PNG and WEBP are decoded and
/// re-encoded through Skia, which writes pixels only; the EXIF orientation is applied to the pixels first, so the photo
/// still shows the right way up. GIFs (animations Skia cannot encode) keep their frames but lose their comment,
/// application (XMP and the like; the loop count stays) and plain text blocks (<see cref="GifMetadata"/>).
/// The caller checks the dimensions from the headers (<see cref="ImageDimensions"/>) before anything is decoded.
/// </summary>
public static class PhotoSanitizer
{
    /// <summary>JPEG and lossy WEBP quality of the re-encoded photo (X recompresses it anyway).</summary>
    public const int Quality = 90;

    // An 8,192 × 8,192 photo takes 256 MiB once decoded, in one bitmap: two photos at a time at most.
    private static readonly SemaphoreSlim Decoding = new(2, 2);

    /// <summary>
    /// The photo without metadata, or null when its pixels cannot be read or it is larger than the bound. Waits (without
    /// holding a thread) while two other photos are being decoded.
    /// </summary>
    public static async Task<byte[]?> SanitizeAsync(byte[] content, string contentType, CancellationToken cancellationToken = default)
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
            return GifMetadata.Strip(content);
        }

        await Decoding.WaitAsync(cancellationToken);
        try
        {
            return Reencode(content, format.Value);
        }
        finally
        {
            Decoding.Release();
        }
    }

    /// <summary>
    /// Decodes into one bitmap, already upright, and encodes that bitmap's pixels as they are (no image copy of them).
    /// An EXIF orientation is applied while decoding, row by row; only a codec that cannot decode by rows (WEBP) with an
    /// orientation other than upright needs a second bitmap.
    /// </summary>
    private static byte[]? Reencode(byte[] content, SKEncodedImageFormat format)
    {
        using var data = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.Info.Width is < 1 or > ImageDimensions.MaxSide || codec.Info.Height is < 1 or > ImageDimensions.MaxSide)
        {
            return null;
        }

        var origin = codec.EncodedOrigin;
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, codec.Info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul);
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        using var upright = new SKBitmap(swap ? new SKImageInfo(info.Height, info.Width, info.ColorType, info.AlphaType) : info);
        if (upright.GetPixels() == IntPtr.Zero)
        {
            return null;
        }

        var decoded = origin == SKEncodedOrigin.TopLeft
            ? codec.GetPixels(info, upright.GetPixels())
            : DecodeOriented(codec, info, origin, upright);
        if (decoded is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            return null;
        }

        using var pixmap = upright.PeekPixels();
        using var encoded = pixmap.Encode(format, Quality);
        return encoded?.ToArray();
    }

    /// <summary>Decodes the rows one by one, each written where the orientation shows it, into <paramref name="upright"/>.</summary>
    private static SKCodecResult DecodeOriented(SKCodec codec, SKImageInfo info, SKEncodedOrigin origin, SKBitmap upright)
    {
        var target = MemoryMarshal.Cast<byte, uint>(upright.GetPixelSpan());
        var started = codec.StartScanlineDecode(info);
        if (started == SKCodecResult.Success)
        {
            var row = GC.AllocateUninitializedArray<uint>(info.Width, pinned: true);
            var address = Marshal.UnsafeAddrOfPinnedArrayElement(row, 0);
            for (var line = 0; line < info.Height; line++)
            {
                // A row missing from a truncated file comes back filled, as GetPixels fills it (IncompleteInput).
                codec.GetScanlines(address, 1, info.RowBytes);
                WriteRow(row, codec.GetOutputScanline(line), info.Width, info.Height, origin, target, upright.Width);
            }

            return SKCodecResult.Success;
        }

        // WEBP cannot decode by rows: decoded whole, then turned (two bitmaps, for an oriented WEBP only).
        using var stored = new SKBitmap(info);
        var result = codec.GetPixels(info, stored.GetPixels());
        var source = MemoryMarshal.Cast<byte, uint>(stored.GetPixelSpan());
        for (var y = 0; y < info.Height; y++)
        {
            WriteRow(source.Slice(y * info.Width, info.Width), y, info.Width, info.Height, origin, target, upright.Width);
        }

        return result;
    }

    /// <summary>The stored row <paramref name="y"/> of a <paramref name="w"/> × <paramref name="h"/> picture, written where the EXIF orientation shows it.</summary>
    private static void WriteRow(ReadOnlySpan<uint> row, int y, int w, int h, SKEncodedOrigin origin, Span<uint> target, int targetWidth)
    {
        switch (origin)
        {
            case SKEncodedOrigin.TopRight:
                row.CopyTo(target.Slice(y * targetWidth, w));
                target.Slice(y * targetWidth, w).Reverse();
                break;
            case SKEncodedOrigin.BottomRight:
                row.CopyTo(target.Slice((h - 1 - y) * targetWidth, w));
                target.Slice((h - 1 - y) * targetWidth, w).Reverse();
                break;
            case SKEncodedOrigin.BottomLeft:
                row.CopyTo(target.Slice((h - 1 - y) * targetWidth, w));
                break;
            case SKEncodedOrigin.LeftTop:
                // (x, y) → (y, x)
                for (var x = 0; x < w; x++)
                {
                    target[(x * targetWidth) + y] = row[x];
                }

                break;
            case SKEncodedOrigin.RightTop:
                // (x, y) → (h - 1 - y, x)
                for (var x = 0; x < w; x++)
                {
                    target[(x * targetWidth) + (h - 1 - y)] = row[x];
                }

                break;
            case SKEncodedOrigin.RightBottom:
                // (x, y) → (h - 1 - y, w - 1 - x)
                for (var x = 0; x < w; x++)
                {
                    target[((w - 1 - x) * targetWidth) + (h - 1 - y)] = row[x];
                }

                break;
            case SKEncodedOrigin.LeftBottom:
                // (x, y) → (y, w - 1 - x)
                for (var x = 0; x < w; x++)
                {
                    target[((w - 1 - x) * targetWidth) + y] = row[x];
                }

                break;
            default:
                row.CopyTo(target.Slice(y * targetWidth, w));
                break;
        }
    }
}
