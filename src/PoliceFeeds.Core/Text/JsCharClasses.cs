namespace PoliceFeeds.Core.Text;

/// <summary>The character classes of twitter-text's URL patterns, one UTF-16 unit at a time as JavaScript matches them.</summary>
[Flags]
internal enum UrlCharClass : ushort
{
    None = 0,
    Preceding = 1 << 0,
    DomainChar = 1 << 1,
    PathChar = 1 << 2,
    PathEnding = 1 << 3,
    QueryChar = 1 << 4,
    QueryEnding = 1 << 5,
    AsciiDomainChar = 1 << 6,
    TldFollower = 1 << 7,
    PunycodeChar = 1 << 8,
    Digit = 1 << 9,
    TcoSlugChar = 1 << 10,
}

/// <summary>
/// Membership of each UTF-16 unit in each class (generated from the package's own regular expressions, so JavaScript's
/// case-insensitive semantics hold), and JavaScript's case canonicalisation for comparing text with literals.
/// </summary>
internal static class JsCharClasses
{
    private static readonly ushort[] Table = BuildTable();
    private static readonly char[] Canonical = BuildCanonical();

    public static bool Is(char c, UrlCharClass cls) => (Table[c] & (ushort)cls) != 0;

    /// <summary>Whether <paramref name="text"/>[<paramref name="index"/>] exists and is in the class.</summary>
    public static bool Is(ReadOnlySpan<char> text, int index, UrlCharClass cls) => (uint)index < (uint)text.Length && Is(text[index], cls);

    /// <summary>ECMAScript's Canonicalize(ch) for a case-insensitive, non-Unicode pattern.</summary>
    public static char Canonicalize(char c) => Canonical[c];

    /// <summary>Whether <paramref name="literal"/> matches <paramref name="text"/> at <paramref name="index"/>, ignoring case as JavaScript does.</summary>
    public static bool MatchesIgnoreCase(ReadOnlySpan<char> text, int index, string literal)
    {
        if (index < 0 || index + literal.Length > text.Length)
        {
            return false;
        }

        for (var i = 0; i < literal.Length; i++)
        {
            if (Canonical[text[index + i]] != Canonical[literal[i]])
            {
                return false;
            }
        }

        return true;
    }

    private static ushort[] BuildTable()
    {
        var table = new ushort[0x10000];
        Add(table, TwitterTextData.PrecedingRanges, UrlCharClass.Preceding);
        Add(table, TwitterTextData.DomainCharRanges, UrlCharClass.DomainChar);
        Add(table, TwitterTextData.PathCharRanges, UrlCharClass.PathChar);
        Add(table, TwitterTextData.PathEndingRanges, UrlCharClass.PathEnding);
        Add(table, TwitterTextData.QueryCharRanges, UrlCharClass.QueryChar);
        Add(table, TwitterTextData.QueryEndingRanges, UrlCharClass.QueryEnding);
        Add(table, TwitterTextData.AsciiDomainCharRanges, UrlCharClass.AsciiDomainChar);
        Add(table, TwitterTextData.TldFollowerRanges, UrlCharClass.TldFollower);
        Add(table, TwitterTextData.PunycodeCharRanges, UrlCharClass.PunycodeChar);
        Add(table, TwitterTextData.DigitRanges, UrlCharClass.Digit);
        Add(table, TwitterTextData.TcoSlugCharRanges, UrlCharClass.TcoSlugChar);
        return table;
    }

    private static void Add(ushort[] table, string ranges, UrlCharClass cls)
    {
        for (var i = 0; i + 1 < ranges.Length; i += 2)
        {
            for (int c = ranges[i]; c <= ranges[i + 1]; c++)
            {
                table[c] |= (ushort)cls;
            }
        }
    }

    private static char[] BuildCanonical()
    {
        var canonical = new char[0x10000];
        for (var c = 0; c < canonical.Length; c++)
        {
            canonical[c] = (char)c;
        }

        var pairs = TwitterTextData.CanonicalPairs;
        for (var i = 0; i + 1 < pairs.Length; i += 2)
        {
            canonical[pairs[i]] = pairs[i + 1];
        }

        return canonical;
    }
}
