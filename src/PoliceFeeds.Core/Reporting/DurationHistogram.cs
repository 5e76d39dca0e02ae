using System.Globalization;
using System.Text;

namespace PoliceFeeds.Core.Reporting;

/// <summary>
/// Counts of durations in fixed buckets, from which a median or a 90th percentile is read to a known resolution. The
/// report keeps one per department, category, network and month in its roll-up of closed months: two histograms add up
/// exactly, where two medians do not.
/// <list type="bullet">
/// <item>Durations are taken in whole seconds (a fraction of a second is dropped; a negative duration counts as 0).</item>
/// <item>Below <see cref="LinearSeconds"/> (2 min 08 s) each second is a bucket of its own: a percentile is the whole
/// second it falls in (never more than 1 s below the exact value).</item>
/// <item>Above, each doubling (128–256 s, 256–512 s, …) is cut into <see cref="SubBuckets"/> equal buckets, each at most
/// 1/64 of its lower bound wide: a percentile is the middle of its bucket, within 1/128 (0.8 %) of the exact value.</item>
/// </list>
/// Percentiles are by nearest rank, like <c>DurationStats</c>: the bucket that holds the exact value is found exactly.
/// </summary>
public sealed class DurationHistogram
{
    /// <summary>Durations below this many seconds are counted to the second.</summary>
    public const int LinearSeconds = 128;

    /// <summary>Buckets per doubling above <see cref="LinearSeconds"/>.</summary>
    public const int SubBuckets = 64;

    private const int LinearBits = 7; // 2^7 = LinearSeconds
    private const int SubBits = 6; // 2^6 = SubBuckets

    /// <summary>Longest duration told apart (about 34 years); anything longer falls in the last bucket.</summary>
    public const long MaxSeconds = (1L << 30) - 1;

    /// <summary>Number of buckets (the last one holds <see cref="MaxSeconds"/>).</summary>
    public const int BucketCount = LinearSeconds + ((30 - LinearBits) * SubBuckets);

    // Sparse: a roll-up cell holds a few dozen buckets; merging goes through a dense array (Merge).
    private readonly Dictionary<int, long> _counts = [];

    public long Count { get; private set; }

    /// <summary>The non-empty buckets and their counts, by increasing bucket.</summary>
    public IEnumerable<KeyValuePair<int, long>> Buckets => _counts.OrderBy(c => c.Key);

    public void Add(TimeSpan duration) => Add(BucketOf(duration), 1);

    public void Add(DurationHistogram other)
    {
        foreach (var (bucket, count) in other._counts)
        {
            Add(bucket, count);
        }
    }

    public void Add(int bucket, long count)
    {
        if (bucket < 0 || bucket >= BucketCount)
        {
            throw new ArgumentOutOfRangeException(nameof(bucket), bucket, "No such bucket.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return;
        }

        _counts[bucket] = _counts.GetValueOrDefault(bucket) + count;
        Count += count;
    }

    /// <summary>The bucket of a duration.</summary>
    public static int BucketOf(TimeSpan duration)
    {
        var seconds = Math.Clamp((long)Math.Floor(duration.TotalSeconds), 0, MaxSeconds);
        if (seconds < LinearSeconds)
        {
            return (int)seconds;
        }

        var octave = 63 - (int)long.LeadingZeroCount(seconds); // floor(log2), at least LinearBits
        var sub = (int)(seconds >> (octave - SubBits)) - SubBuckets;
        return LinearSeconds + ((octave - LinearBits) * SubBuckets) + sub;
    }

    /// <summary>The first whole second of a bucket.</summary>
    public static long LowerSeconds(int bucket)
    {
        if (bucket < LinearSeconds)
        {
            return bucket;
        }

        var octave = LinearBits + ((bucket - LinearSeconds) / SubBuckets);
        var sub = (bucket - LinearSeconds) % SubBuckets;
        return (long)(SubBuckets + sub) << (octave - SubBits);
    }

    /// <summary>How many whole seconds a bucket spans.</summary>
    public static long WidthSeconds(int bucket) =>
        bucket < LinearSeconds ? 1 : 1L << (LinearBits + ((bucket - LinearSeconds) / SubBuckets) - SubBits);

    /// <summary>The value a bucket stands for: its second below 128 s, its middle above.</summary>
    public static TimeSpan ValueOf(int bucket) =>
        TimeSpan.FromSeconds(bucket < LinearSeconds ? bucket : LowerSeconds(bucket) + (WidthSeconds(bucket) / 2));

    /// <summary>How far <see cref="ValueOf"/> may be from an exact duration of its bucket (the resolution).</summary>
    public static TimeSpan ErrorBound(int bucket) =>
        TimeSpan.FromSeconds(bucket < LinearSeconds ? 1 : WidthSeconds(bucket) / 2.0);

    /// <summary>The nearest-rank percentile (the bucket of the smallest value with at least p % of the values at or below it); null when empty.</summary>
    public TimeSpan? Percentile(int percent) => Percentile(Dense(), Count, percent);

    /// <summary>
    /// The median and 90th percentile of the histograms and the durations together, as if all their values were in one
    /// histogram (added in a dense array: one pass over each histogram's buckets).
    /// </summary>
    public static (long Count, TimeSpan? Median, TimeSpan? P90) Merge(IEnumerable<DurationHistogram> histograms, IEnumerable<TimeSpan> durations)
    {
        var dense = new long[BucketCount];
        long count = 0;
        foreach (var histogram in histograms)
        {
            foreach (var (bucket, n) in histogram._counts)
            {
                dense[bucket] += n;
            }

            count += histogram.Count;
        }

        foreach (var duration in durations)
        {
            dense[BucketOf(duration)]++;
            count++;
        }

        return (count, Percentile(dense, count, 50), Percentile(dense, count, 90));
    }

    private long[] Dense()
    {
        var dense = new long[BucketCount];
        foreach (var (bucket, count) in _counts)
        {
            dense[bucket] = count;
        }

        return dense;
    }

    private static TimeSpan? Percentile(long[] dense, long total, int percent)
    {
        if (total == 0)
        {
            return null;
        }

        var rank = Math.Clamp((long)Math.Ceiling(percent / 100.0 * total), 1, total);
        long seen = 0;
        for (var bucket = 0; bucket < dense.Length; bucket++)
        {
            seen += dense[bucket];
            if (seen >= rank)
            {
                return ValueOf(bucket);
            }
        }

        throw new InvalidOperationException("Unreachable: the counts add up to the total.");
    }

    /// <summary>"bucket:count" pairs by increasing bucket, separated by commas ("" when empty): what the roll-up stores.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var (bucket, count) in Buckets)
        {
            text.Append(text.Length == 0 ? "" : ",").Append(bucket.ToString(CultureInfo.InvariantCulture)).Append(':').Append(count.ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>Reads what <see cref="ToString"/> wrote; a malformed text is an error, never an empty histogram.</summary>
    public static DurationHistogram Parse(string? text)
    {
        var histogram = new DurationHistogram();
        if (string.IsNullOrEmpty(text))
        {
            return histogram;
        }

        foreach (var pair in text.Split(','))
        {
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0
                || !int.TryParse(pair.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var bucket)
                || !long.TryParse(pair.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                throw new FormatException($"Not a duration histogram: \"{text}\".");
            }

            histogram.Add(bucket, count);
        }

        return histogram;
    }
}
