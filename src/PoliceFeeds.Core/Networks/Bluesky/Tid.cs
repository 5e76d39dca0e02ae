using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace PoliceFeeds.Core.Networks.Bluesky;

/// <summary>
/// An AT Protocol timestamp identifier (TID), the record key of a post: a 64-bit integer whose top bit is 0, then 53 bits
/// of microseconds since the Unix epoch, then a 10-bit clock id, written as 13 characters of the "base32-sortable"
/// alphabet (<c>234567abcdefghijklmnopqrstuvwxyz</c>), so that the text sorts like the time. A TID made by us is chosen
/// before the first attempt and reused on every retry: the post's address is known before it exists.
/// </summary>
public readonly partial record struct Tid
{
    public const int Length = 13;

    /// <summary>Largest clock id (10 bits).</summary>
    public const int MaxClockId = 1023;

    private const string Alphabet = "234567abcdefghijklmnopqrstuvwxyz";

    /// <summary>The reference syntax (atproto's <c>@atproto/syntax</c>, "TID" in the specification).</summary>
    public const string SyntaxPattern = "^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$";

    private Tid(string value) => Value = value;

    public string Value { get; }

    /// <summary>Microseconds since the Unix epoch.</summary>
    public long Microseconds => Decode(Value) >> 10;

    public int ClockId => (int)(Decode(Value) & MaxClockId);

    /// <summary>The instant the TID stands for (to the microsecond).</summary>
    public DateTime InstantUtc => DateTime.UnixEpoch.AddTicks(Microseconds * 10);

    /// <summary>The TID of <paramref name="instantUtc"/> (truncated to the microsecond) and <paramref name="clockId"/>.</summary>
    public static Tid From(DateTime instantUtc, int clockId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(clockId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(clockId, MaxClockId);
        if (instantUtc.Kind == DateTimeKind.Local)
        {
            throw new ArgumentException("A TID is made from a UTC instant.", nameof(instantUtc));
        }

        var microseconds = (instantUtc.Ticks - DateTime.UnixEpoch.Ticks) / 10;
        ArgumentOutOfRangeException.ThrowIfNegative(microseconds, nameof(instantUtc));
        return new Tid(Encode((microseconds << 10) | (uint)clockId));
    }

    public static bool IsValid([NotNullWhen(true)] string? value) => value is not null && Syntax().IsMatch(value);

    public static bool TryParse([NotNullWhen(true)] string? value, out Tid tid)
    {
        tid = IsValid(value) ? new Tid(value) : default;
        return tid.Value is not null;
    }

    public static Tid Parse(string value) =>
        TryParse(value, out var tid) ? tid : throw new FormatException($"Not a TID: \"{value}\".");

    public override string ToString() => Value;

    private static string Encode(long value)
    {
        Span<char> chars = stackalloc char[Length];
        for (var i = Length - 1; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
        }

        return new string(chars);
    }

    private static long Decode(string value)
    {
        long result = 0;
        foreach (var c in value)
        {
            result = (result << 5) | (uint)Alphabet.IndexOf(c, StringComparison.Ordinal);
        }

        return result;
    }

    [GeneratedRegex(SyntaxPattern, RegexOptions.CultureInvariant)]
    private static partial Regex Syntax();
}
