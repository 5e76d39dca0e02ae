using System.Diagnostics;
using System.Text.Json;
using PoliceFeeds.Core.Text;

namespace PoliceFeeds.Bench;

/// <summary>
/// X's weighted count (TweetText.Parse) on worst-case texts of 280 and 10,000 characters: the shapes that made the old
/// URL regular expression backtrack, plus emoji, CJK and URL-dense texts. Targets: ≤ 5 ms at 280 characters, ≤ 50 ms at
/// 10,000. When node and eng/js-libs/node_modules are there, twitter-text 3.1.0 parses the same texts in the same run.
/// </summary>
internal static class TextBenchmark
{
    private static readonly (string Name, string Prefix, string Unit, string Suffix)[] Shapes =
    [
        ("\"a.\" repeated", "", "a.", ""),
        ("\"👉a.\" repeated", "", "👉a.", ""),
        ("\"a_b.\" repeated", "", "a_b.", ""),
        ("\"é.\" repeated", "", "é.", ""),
        ("www. + \"a-\" repeated + .com", "www.", "a-", ".com"),
        ("URL + \"(a)\" repeated", "http://x.com/", "(a)", ""),
        ("URL + \"(\" repeated", "http://x.com/", "(", ""),
        ("URL + \"a!\" repeated", "http://x.com/", "a!", ""),
        ("query + \"!\" repeated", "x.com?", "!", ""),
        ("\"www.a.fr \" repeated", "", "www.a.fr ", ""),
        ("\"👉www.service-public.fr\" repeated", "", "👉www.service-public.fr", ""),
        ("ZWJ family repeated", "", "👨‍👩‍👧‍👦", ""),
        ("CJK repeated", "", "警察", ""),
        ("French words", "", "L'accès à la rue de l’Église est fermé. ", ""),
    ];

    public static int Run()
    {
        Console.WriteLine($"Machine: {Percentiles.Machine()}");
        var inputs = new List<(string Name, int Length, string Text)>();
        foreach (var length in new[] { TweetText.MaxWeightedLength, TweetText.MaxTextLength })
        {
            foreach (var (name, prefix, unit, suffix) in Shapes)
            {
                var repeats = Math.Max(1, (length - prefix.Length - suffix.Length) / unit.Length);
                inputs.Add((name, length, prefix + string.Concat(Enumerable.Repeat(unit, repeats)) + suffix));
            }
        }

        var node = Smoke.On ? null : TwitterTextTimes(inputs.Select(i => i.Text).ToList());
        var worst = new Dictionary<int, double>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var (name, length, text) = inputs[i];
            var iterations = Smoke.On ? 1 : length <= TweetText.MaxWeightedLength ? 500 : 40;
            TweetText.Parse(text);
            var times = new List<double>();
            for (var k = 0; k < iterations; k++)
            {
                var watch = Stopwatch.StartNew();
                TweetText.Parse(text);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            var p50 = Percentiles.Of(times, 50);
            worst[length] = Math.Max(worst.GetValueOrDefault(length), times[^1]);
            var js = node is null ? "" : $" | twitter-text (node) p50 {node[i]:F3} ms, ratio {node[i] / p50:F1}×";
            Console.WriteLine($"text {length,6:N0} chars ({text.Length,5} units), {name,-38}: p50 {p50:F3} ms, max {times[^1]:F3} ms{js}");
        }

        var ok = worst[TweetText.MaxWeightedLength] <= 5 && worst[TweetText.MaxTextLength] <= 50;
        Console.WriteLine($"worst max: 280 chars {worst[TweetText.MaxWeightedLength]:F2} ms (target ≤ 5), 10,000 chars {worst[TweetText.MaxTextLength]:F2} ms (target ≤ 50): {(ok ? "met" : "NOT MET")}");
        if (node is null)
        {
            Console.WriteLine("twitter-text not timed: node or eng/js-libs/node_modules missing (npm ci in eng/js-libs)");
        }

        // The smoke run is untimed: it only proves the benchmark still runs.
        return ok || Smoke.On ? 0 : 1;
    }

    /// <summary>p50 of twitter-text's parseTweet per text, from eng/js-libs/bench-twitter-text.js, or null without node.</summary>
    private static List<double>? TwitterTextTimes(List<string> texts)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "PoliceFeeds.sln")))
        {
            root = root.Parent;
        }

        var script = root is null ? null : Path.Combine(root.FullName, "eng", "js-libs", "bench-twitter-text.js");
        if (script is null || !Directory.Exists(Path.Combine(Path.GetDirectoryName(script)!, "node_modules", "twitter-text")))
        {
            return null;
        }

        var input = Path.GetTempFileName();
        File.WriteAllText(input, JsonSerializer.Serialize(texts));
        try
        {
            using var process = Process.Start(new ProcessStartInfo("node", [script, input]) { RedirectStandardOutput = true, UseShellExecute = false });
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? JsonSerializer.Deserialize<List<double>>(output) : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
        finally
        {
            File.Delete(input);
        }
    }
}
