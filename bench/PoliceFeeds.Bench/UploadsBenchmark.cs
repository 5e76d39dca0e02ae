using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Photos;
using PoliceFeeds.Infrastructure.Photos;
using PoliceFeeds.IntegrationTests.Infrastructure;
using SkiaSharp;

namespace PoliceFeeds.Bench;

/// <summary>
/// The peak working set of decoding and sanitising four 8,192 px PNGs (X's largest side), measured as the rise of the
/// process's peak resident memory (Linux <c>VmHWM</c>, reset through <c>/proc/self/clear_refs</c> before each case):
/// the old path (three full-size bitmaps per photo, kept here only), the app's <see cref="PhotoSanitizer"/> called as
/// the compose page calls it (one photo after another), and the compose page itself (a signed-in officer posting the
/// four photos through the app, in this process).
/// </summary>
internal static partial class UploadsBenchmark
{
    /// <summary>X's largest side; 512 px in the smoke run (which only proves the benchmark still runs).</summary>
    private static int Side => Smoke.On ? 512 : ImageDimensions.MaxSide;

    private static long BitmapBytes => (long)Side * Side * 4;

    public static async Task<int> RunAsync()
    {
        if (!OperatingSystem.IsLinux())
        {
            Console.Error.WriteLine("The uploads benchmark reads the peak resident memory from /proc (Linux only).");
            return 2;
        }

        Console.WriteLine($"Machine: {Percentiles.Machine()}");
        Console.WriteLine($"Load before: {LoadAverage()}");
        var photos = Enumerable.Range(0, 4).Select(Photo).ToList();
        Console.WriteLine($"Four {Side} × {Side} PNGs: {string.Join(", ", photos.Select(p => $"{p.Length / 1024.0 / 1024.0:0.00} MiB"))} encoded; "
            + $"{BitmapBytes / (1024 * 1024)} MiB per decoded bitmap (RGBA).");

        // Each case once first, unreported: the first call loads Skia's native library and compiles the code.
        await SanitiseAllAsync(photos, legacy: true);
        await SanitiseAllAsync(photos, legacy: false);

        var legacy = await MeasureAsync("old path: three bitmaps per photo (bench copy)", () => SanitiseAllAsync(photos, legacy: true));
        var current = await MeasureAsync("PhotoSanitizer.SanitizeAsync, one photo after another", () => SanitiseAllAsync(photos, legacy: false));

        await using var factory = new PoliceFeedsAppFactory();
        factory.Settings["Publishing:RunHostedService"] = "false";
        _ = factory.Services;
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);
        await ComposeAsync(client, photos, "warm-up");
        var compose = await MeasureAsync("compose page: POST of a message with the four photos", () => ComposeAsync(client, photos, "mesure"));

        Console.WriteLine($"Old path / new path: {legacy / (double)current:0.00}; compose page / one bitmap: {compose / (double)BitmapBytes:0.00}");
        Console.WriteLine($"Load after: {LoadAverage()}");
        return 0;
    }

    /// <summary>A different 8,192 px picture for each <paramref name="seed"/>: gradients and discs, a few MiB as PNG (under X's 5 MiB).</summary>
    private static byte[] Photo(int seed)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(Side, Side, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            SKColor[] colours = [new SKColor((byte)(40 * seed), 90, 200), new SKColor(230, (byte)(60 * seed), 80)];
            using var shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(Side, Side), colours, SKShaderTileMode.Clamp);
            using var paint = new SKPaint { Shader = shader };
            canvas.DrawRect(0, 0, Side, Side, paint);
            using var disc = new SKPaint { Color = new SKColor(250, 250, (byte)(50 * seed)), IsAntialias = true };
            for (var i = 0; i < 12; i++)
            {
                canvas.DrawCircle(((i * 677) + (seed * 1_000)) % Side, ((i * 1_301) + (seed * 500)) % Side, 300 + (40 * i), disc);
            }
        }

        using var pixmap = bitmap.PeekPixels();
        using var png = pixmap.Encode(SKEncodedImageFormat.Png, 100);
        var bytes = png!.ToArray();
        return bytes.Length <= ImageFormat.MaxImageBytes ? bytes : throw new InvalidOperationException($"The test PNG takes {bytes.Length} bytes, more than X accepts.");
    }

    private static async Task SanitiseAllAsync(List<byte[]> photos, bool legacy)
    {
        foreach (var photo in photos)
        {
            var clean = legacy ? LegacySanitize(photo) : await PhotoSanitizer.SanitizeAsync(photo, "image/png");
            if (clean is null)
            {
                throw new InvalidOperationException("A test photo did not decode.");
            }
        }
    }

    private static async Task ComposeAsync(TestClient client, List<byte[]> photos, string label)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("1"), "Input.DepartmentId" },
            { new StringContent("1"), "Input.CategoryId" },
            { new StringContent($"Bench : quatre photos de {Side} px ({label}) {Guid.NewGuid():N}", Encoding.UTF8), "Input.Text" },
            { new StringContent("AsSoonAsValidated"), "Input.ScheduleMode" },
            { new StringContent("0"), "Input.Version" },
        };
        for (var i = 0; i < photos.Count; i++)
        {
            var file = new ByteArrayContent(photos[i]);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(file, $"Input.NewPhotos[{i}].File", $"photo{i}.png");
            form.Add(new StringContent($"Photo {i}", Encoding.UTF8), $"Input.NewPhotos[{i}].AltText");
        }

        using var response = await client.PostMultipartAsync("/Messages/Edit?departmentId=1", form, "/Messages/Edit?handler=Save", "#message-form");
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"The compose page answered {(int)response.StatusCode} instead of saving the message.");
        }
    }

    /// <summary>Runs <paramref name="work"/> after resetting the peak resident memory; prints and returns how far it rose.</summary>
    private static async Task<long> MeasureAsync(string name, Func<Task> work)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        await File.WriteAllTextAsync("/proc/self/clear_refs", "5");
        var before = Status("VmHWM");
        var clock = Stopwatch.StartNew();
        await work();
        clock.Stop();
        var peak = Status("VmHWM");
        var rise = peak - before;
        Console.WriteLine($"{name}: peak working set +{rise / 1024.0 / 1024.0:0} MiB ({rise / (double)BitmapBytes:0.00} bitmaps of {BitmapBytes / (1024 * 1024)} MiB), "
            + $"peak {peak / 1024.0 / 1024.0:0} MiB from {before / 1024.0 / 1024.0:0} MiB, {clock.Elapsed.TotalSeconds:0.0} s");
        return rise;
    }

    [GeneratedRegex(@"^(\w+):\s+(\d+) kB", RegexOptions.Multiline)]
    private static partial Regex StatusLine();

    private static long Status(string field) => StatusLine().Matches(File.ReadAllText("/proc/self/status"))
        .Where(m => m.Groups[1].Value == field).Select(m => long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) * 1024).Single();

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";

    /// <summary>
    /// The sanitiser as it was before issue 22, kept here only to measure against: a decoded bitmap, an upright copy
    /// (made even when the photo is upright), and an image of that copy to encode from, which copies its pixels again.
    /// </summary>
    private static byte[]? LegacySanitize(byte[] content)
    {
        using var data = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data);
        if (codec is null)
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

        using var upright = new SKBitmap(info);
        using (var canvas = new SKCanvas(upright))
        {
            canvas.Clear(SKColors.Transparent);
            using var source = SKImage.FromBitmap(decoded);
            canvas.DrawImage(source, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
            canvas.Flush();
        }

        using var image = SKImage.FromBitmap(upright);
        using var encoded = image.Encode(SKEncodedImageFormat.Png, 90);
        return encoded?.ToArray();
    }
}
