namespace PoliceFeeds.Core.Publishing;

/// <summary>
/// A delivery's own key (<see cref="Delivery.ClientKey"/>), in the shape of an AT Protocol TID: 13 characters of
/// base32-sortable (<c>234567abcdefghijklmnopqrstuvwxyz</c>) encoding 64 bits: a zero top bit, 53 bits of microseconds
/// since the Unix epoch, 10 bits of clock id. A TID is what Bluesky accepts as a post's record key, and any string of this
/// shape is a valid Mastodon <c>Idempotency-Key</c>. Keys made by one process never repeat and grow with time.
/// </summary>
public static class DeliveryKeys
{
    private const string Alphabet = "234567abcdefghijklmnopqrstuvwxyz";

    private static long _lastMicros;

    /// <summary>A new key at <paramref name="nowUtc"/> (never the same as, nor earlier than, the last one this process made).</summary>
    public static string New(DateTime nowUtc, int? clockId = null)
    {
        var micros = (new DateTimeOffset(DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc)).ToUnixTimeMilliseconds() * 1000) + (nowUtc.Ticks % TimeSpan.TicksPerMillisecond / 10);
        long next;
        long last;
        do
        {
            last = Interlocked.Read(ref _lastMicros);
            next = Math.Max(micros, last + 1);
        }
        while (Interlocked.CompareExchange(ref _lastMicros, next, last) != last);

        return Encode(next, clockId ?? Random.Shared.Next(0, 1024));
    }

    /// <summary>The key of <paramref name="micros"/> microseconds since the epoch and <paramref name="clockId"/> (0 to 1023).</summary>
    public static string Encode(long micros, int clockId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(micros);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(micros, (1L << 53) - 1);
        ArgumentOutOfRangeException.ThrowIfNegative(clockId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(clockId, 1023);
        var value = (ulong)((micros << 10) | (long)clockId);
        Span<char> chars = stackalloc char[13];
        for (var i = 12; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
        }

        return new string(chars);
    }

    /// <summary>Whether <paramref name="key"/> has a TID's shape (13 characters of the alphabet, the first one of its first half).</summary>
    public static bool IsValid(string? key) =>
        key is { Length: 13 } && key.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) && Alphabet.IndexOf(key[0], StringComparison.Ordinal) < 16;
}
