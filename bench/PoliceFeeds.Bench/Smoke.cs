using System.Diagnostics;

namespace PoliceFeeds.Bench;

/// <summary>
/// <c>bench -- smoke</c>: every benchmark once, at a tiny size, untimed (targets are not checked), so that none can rot
/// unseen: <c>.ci/run</c> runs it after the build, and any exception makes the exit code non-zero.
/// </summary>
internal static class Smoke
{
    /// <summary>True while the smoke run is on: each benchmark shrinks its sizes, rounds and waits.</summary>
    public static bool On { get; private set; }

    public static async Task<int> RunAsync()
    {
        On = true;
        (string Name, Func<Task<int>> Run)[] benchmarks =
        [
            ("text", () => Task.FromResult(TextBenchmark.Run())),
            ("report", () => ReportBenchmark.RunAsync([2_000])),
            ("home", () => HomePageBenchmark.RunAsync([1_000])),
            ("publisher", PublisherBenchmark.RunAsync),
            ("uploads", UploadsBenchmark.RunAsync),
            ("archive", () => ArchiveBenchmark.RunAsync([30, 300])),
        ];
        var failed = new List<string>();
        foreach (var (name, run) in benchmarks)
        {
            Console.WriteLine($"== smoke: {name}");
            var watch = Stopwatch.StartNew();
            try
            {
                var code = await run();
                if (code != 0)
                {
                    failed.Add($"{name} (exit code {code})");
                }
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine($"smoke: {name} threw: {ex}");
                failed.Add($"{name} ({ex.GetType().Name}: {ex.Message})");
            }

            Console.WriteLine($"== smoke: {name} done in {watch.Elapsed.TotalSeconds:F1} s");
        }

        Console.WriteLine(failed.Count == 0 ? "smoke: every benchmark ran" : $"smoke: FAILED: {string.Join("; ", failed)}");
        return failed.Count == 0 ? 0 : 1;
    }
}
