using System.Text.RegularExpressions;
using PoliceFeeds.Infrastructure.Photos;
using SkiaSharp;

namespace PoliceFeeds.UnitTests.Photos;

/// <summary>Run alone: the process's peak resident memory is read around one sanitisation.</summary>
[CollectionDefinition(nameof(PhotoSanitizerMemoryTests), DisableParallelization = true)]
public sealed class PhotoSanitizerMemoryCollection;

/// <summary>
/// A photo is decoded into one bitmap, not three (an 8,192 px square takes 256 MiB per bitmap): the process's peak
/// resident memory (Linux <c>VmHWM</c>, reset through <c>/proc/self/clear_refs</c>) rises by about one bitmap (plus the
/// JPEG encoder's own buffer) while a 4,096 px square (64 MiB of pixels) is sanitised. A bound on memory, not a timing;
/// figures for four 8,192 px photos: <c>bench -- uploads</c> (docs/performance.md).
/// </summary>
[Collection(nameof(PhotoSanitizerMemoryTests))]
public sealed partial class PhotoSanitizerMemoryTests
{
    private const int Side = 4096;
    private const long BitmapBytes = (long)Side * Side * 4;

    [GeneratedRegex(@"VmHWM:\s+(\d+) kB")]
    private static partial Regex PeakPattern();

    private static long PeakResidentBytes() => long.Parse(PeakPattern().Match(File.ReadAllText("/proc/self/status")).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) * 1024;

    [Theory]
    [InlineData(SKEncodedImageFormat.Png, "image/png", (ushort)1)]
    [InlineData(SKEncodedImageFormat.Jpeg, "image/jpeg", (ushort)6)]
    public async Task A_large_photo_is_decoded_into_one_bitmap(SKEncodedImageFormat format, string contentType, ushort orientation)
    {
        Assert.True(OperatingSystem.IsLinux(), "The peak resident memory is read from /proc (Linux).");
        byte[] photo;
        using (var picture = TestImages.Picture(Side, Side))
        {
            photo = TestImages.Encode(picture, format);
        }

        photo = format == SKEncodedImageFormat.Jpeg ? TestImages.WithExif(photo, orientation) : photo;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        await File.WriteAllTextAsync("/proc/self/clear_refs", "5");
        var before = PeakResidentBytes();

        var clean = await PhotoSanitizer.SanitizeAsync(photo, contentType);

        var rise = PeakResidentBytes() - before;
        Assert.NotNull(clean);
        // One bitmap (64 MiB), plus for a JPEG what Skia's JPEG encoder (libjpeg) holds of the whole picture: 3 bytes per
        // pixel (48 MiB here, measured alone), plus half a bitmap of slack for the codecs' buffers. The old path took three
        // bitmaps (192 MiB for the PNG, 241 MiB for the turned JPEG); a second bitmap would exceed the bound too.
        var encoder = format == SKEncodedImageFormat.Jpeg ? (long)Side * Side * 3 : 0;
        Assert.True(rise < BitmapBytes + encoder + (BitmapBytes / 2), $"Peak resident memory rose by {rise / (1024 * 1024)} MiB for a {BitmapBytes / (1024 * 1024)} MiB bitmap.");
    }
}
