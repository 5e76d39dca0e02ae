using PoliceFeeds.Core.Reporting;

namespace PoliceFeeds.UnitTests.Reporting;

public sealed class DurationHistogramTests
{
    [Theory]
    [InlineData(0, 0, 1)]
    [InlineData(59.9, 59, 1)]
    [InlineData(127, 127, 1)]
    [InlineData(128, 128, 2)] // first doubling 128–256 s: 64 buckets of 2 s
    [InlineData(129, 128, 2)]
    [InlineData(255, 254, 2)]
    [InlineData(256, 256, 4)]
    [InlineData(720, 720, 8)] // 12 min
    [InlineData(5400, 5376, 64)] // 1 h 30
    [InlineData(86_400, 86_016, 1024)] // one day
    public void A_duration_falls_in_the_bucket_of_its_whole_seconds(double seconds, long lower, long width)
    {
        var bucket = DurationHistogram.BucketOf(TimeSpan.FromSeconds(seconds));

        Assert.Equal(lower, DurationHistogram.LowerSeconds(bucket));
        Assert.Equal(width, DurationHistogram.WidthSeconds(bucket));
        Assert.InRange((long)Math.Floor(seconds), lower, lower + width - 1);
    }

    [Fact]
    public void Buckets_follow_each_other_without_gap_or_overlap_and_stay_within_one_64th_of_their_value()
    {
        var last = DurationHistogram.BucketOf(TimeSpan.FromSeconds(DurationHistogram.MaxSeconds));
        for (var bucket = 0; bucket < last; bucket++)
        {
            Assert.Equal(DurationHistogram.LowerSeconds(bucket) + DurationHistogram.WidthSeconds(bucket), DurationHistogram.LowerSeconds(bucket + 1));
            Assert.Equal(bucket, DurationHistogram.BucketOf(TimeSpan.FromSeconds(DurationHistogram.LowerSeconds(bucket))));
            Assert.Equal(bucket, DurationHistogram.BucketOf(TimeSpan.FromSeconds(DurationHistogram.LowerSeconds(bucket + 1) - 0.001)));
            if (bucket >= DurationHistogram.LinearSeconds)
            {
                Assert.True(DurationHistogram.WidthSeconds(bucket) * 64 <= DurationHistogram.LowerSeconds(bucket));
            }
        }
    }

    [Fact]
    public void Negative_and_huge_durations_are_clamped_to_the_first_and_last_buckets()
    {
        Assert.Equal(0, DurationHistogram.BucketOf(TimeSpan.FromMinutes(-5)));
        Assert.Equal(DurationHistogram.BucketOf(TimeSpan.FromSeconds(DurationHistogram.MaxSeconds)), DurationHistogram.BucketOf(TimeSpan.FromDays(100_000)));
    }

    [Fact]
    public void An_empty_histogram_has_no_percentile()
    {
        Assert.Null(new DurationHistogram().Percentile(50));
    }

    [Fact]
    public void Percentiles_are_by_nearest_rank_like_the_exact_ones()
    {
        var histogram = new DurationHistogram();
        foreach (var seconds in new[] { 3, 1, 2, 10, 7 })
        {
            histogram.Add(TimeSpan.FromSeconds(seconds));
        }

        // Sorted 1, 2, 3, 7, 10: the median is the 3rd value, the 90th percentile the 5th; below 128 s they are exact.
        Assert.Equal(TimeSpan.FromSeconds(3), histogram.Percentile(50));
        Assert.Equal(TimeSpan.FromSeconds(10), histogram.Percentile(90));
        Assert.Equal(TimeSpan.FromSeconds(1), histogram.Percentile(1));
        Assert.Equal(5, histogram.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Percentiles_of_random_durations_are_within_the_resolution_of_the_exact_ones(int seed)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(0, 5_000).Select(_ => TimeSpan.FromSeconds(Math.Pow(10, random.NextDouble() * 6))).ToList();
        var histogram = new DurationHistogram();
        values.ForEach(histogram.Add);
        var sorted = values.Order().ToList();

        foreach (var percent in new[] { 1, 10, 50, 90, 99, 100 })
        {
            var exact = sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
            var approximate = histogram.Percentile(percent)!.Value;
            var bound = DurationHistogram.ErrorBound(DurationHistogram.BucketOf(exact));
            Assert.True((approximate - exact).Duration() <= bound, $"p{percent}: {approximate} vs exact {exact} (bound {bound})");
            Assert.True(exact.TotalSeconds < 128 ? bound == TimeSpan.FromSeconds(1) : bound.TotalSeconds <= exact.TotalSeconds / 128);
        }
    }

    [Fact]
    public void Two_histograms_add_up_to_the_histogram_of_all_their_values()
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 1_000).Select(_ => TimeSpan.FromSeconds(random.Next(0, 200_000))).ToList();
        DurationHistogram a = new(), b = new(), all = new();
        values.Take(300).ToList().ForEach(a.Add);
        values.Skip(300).ToList().ForEach(b.Add);
        values.ForEach(all.Add);

        // Merged with durations not yet in any histogram (the open month's), in one pass.
        var merged = DurationHistogram.Merge([a, b], values.Take(10));
        var withOpenMonth = new DurationHistogram();
        withOpenMonth.Add(all);
        values.Take(10).ToList().ForEach(withOpenMonth.Add);
        Assert.Equal((withOpenMonth.Count, withOpenMonth.Percentile(50), withOpenMonth.Percentile(90)), merged);

        a.Add(b);

        Assert.Equal(all.ToString(), a.ToString());
        Assert.Equal(all.Percentile(50), a.Percentile(50));
        Assert.Equal(all.Percentile(90), a.Percentile(90));
    }

    [Fact]
    public void The_stored_text_reads_back_to_the_same_histogram()
    {
        var histogram = new DurationHistogram();
        foreach (var seconds in new[] { 0, 0, 5, 300, 300, 86_400, 1_000_000 })
        {
            histogram.Add(TimeSpan.FromSeconds(seconds));
        }

        var text = histogram.ToString();
        var back = DurationHistogram.Parse(text);

        Assert.Equal("0:2,5:1", text[..7]);
        Assert.Equal(text, back.ToString());
        Assert.Equal(7, back.Count);
        Assert.Equal(0, DurationHistogram.Parse("").Count);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("1:")]
    [InlineData("a:2")]
    [InlineData("1:-2")]
    [InlineData("99999:1")]
    public void A_malformed_text_is_an_error_not_an_empty_histogram(string text)
    {
        Assert.ThrowsAny<Exception>(() => DurationHistogram.Parse(text));
    }
}
