namespace PoliceFeeds.Core.Text;

/// <summary>One match of twitter-text's <c>extractUrl</c> pattern, as UTF-16 indices into the text.</summary>
/// <param name="MatchStart">Start of the whole match (the preceding character, if any).</param>
/// <param name="UrlStart">Start of the URL (group 3), where the protocol (group 4), if any, starts.</param>
/// <param name="DomainStart">Start of the domain (group 5).</param>
/// <param name="DomainEnd">End of the domain.</param>
/// <param name="HasPath">Whether group 7 (the path, from its <c>/</c>) took part.</param>
/// <param name="End">End of the match.</param>
internal readonly record struct UrlMatch(int MatchStart, int UrlStart, int DomainStart, int DomainEnd, bool HasPath, int End);

/// <summary>
/// A hand-written equivalent of twitter-text's <c>extractUrl</c> regular expression (flags <c>gi</c>), linear in the
/// length of the text. The pattern is
/// <c>(preceding)((https?://)?(subdomain* domainName tld)(:port)?(/path*)?(?query)?)</c>; everything after the domain is
/// optional, so JavaScript's backtracking keeps the first domain found in its priority order (the most subdomains, then
/// the first top-level domain of the alternation) and then takes port, path and query greedily. Each label, each
/// top-level domain and each balanced-parenthesis group is decided once per position (memoised), where the regular
/// expression re-explored them from every starting position (quadratic, and worse with .NET's backtracking).
/// </summary>
internal sealed class UrlScanner
{
    private const int Unknown = -2;
    private const int NoMatch = -1;

    private readonly string _text;
    private readonly int[] _labelRunEnd;
    private readonly int[] _nameRunEnd;
    private readonly int[] _domainMemo;
    private readonly int[] _tldMemo;
    private readonly PathScanner _path;

    private UrlScanner(string text)
    {
        _text = text;
        var n = text.Length;
        _labelRunEnd = new int[n + 1];
        _nameRunEnd = new int[n + 1];
        _labelRunEnd[n] = n;
        _nameRunEnd[n] = n;
        for (var i = n - 1; i >= 0; i--)
        {
            var c = text[i];
            var domainChar = JsCharClasses.Is(c, UrlCharClass.DomainChar);
            _labelRunEnd[i] = domainChar || c is '-' or '_' ? _labelRunEnd[i + 1] : i;
            _nameRunEnd[i] = domainChar || c == '-' ? _nameRunEnd[i + 1] : i;
        }

        _domainMemo = new int[n + 2];
        _tldMemo = new int[n + 2];
        Array.Fill(_domainMemo, Unknown);
        Array.Fill(_tldMemo, Unknown);
        _path = new PathScanner(text);
    }

    /// <summary>Every match of <c>extractUrl</c>, as <c>RegExp.prototype.exec</c> finds them one after the other.</summary>
    public static List<UrlMatch> Matches(string text)
    {
        var scanner = new UrlScanner(text);
        var matches = new List<UrlMatch>();
        var position = 0;
        while (position <= text.Length && scanner.Find(position) is { } match)
        {
            matches.Add(match);
            position = match.End;
        }

        return matches;
    }

    private UrlMatch? Find(int from)
    {
        for (var p = from; p <= _text.Length; p++)
        {
            // (?:[^A-Za-z0-9@＠$#＃invalid]|[directional]|^): a preceding character first, then the start of the text.
            if (p < _text.Length && JsCharClasses.Is(_text[p], UrlCharClass.Preceding) && TryUrl(p, p + 1) is { } after)
            {
                return after;
            }

            if (p == 0 && TryUrl(0, 0) is { } atStart)
            {
                return atStart;
            }
        }

        return null;
    }

    private UrlMatch? TryUrl(int matchStart, int urlStart)
    {
        var protocolLength = ProtocolLength(urlStart);
        var domainStart = urlStart + protocolLength;
        var domainEnd = protocolLength > 0 ? Domain(domainStart) : NoMatch;
        if (domainEnd < 0)
        {
            domainStart = urlStart;
            domainEnd = Domain(urlStart);
        }

        if (domainEnd < 0)
        {
            return null;
        }

        var end = domainEnd;
        // (?::([0-9]+))?
        if (end < _text.Length && _text[end] == ':' && JsCharClasses.Is(_text, end + 1, UrlCharClass.Digit))
        {
            end += 2;
            while (JsCharClasses.Is(_text, end, UrlCharClass.Digit))
            {
                end++;
            }
        }

        // (\/validUrlPath*)?
        var hasPath = end < _text.Length && _text[end] == '/';
        if (hasPath)
        {
            end = _path.PathEnd(end + 1);
        }

        // (\?validUrlQueryChars*validUrlQueryEndingChars)?
        if (end < _text.Length && _text[end] == '?')
        {
            end = QueryEnd(_text, end + 1) is var queryEnd and >= 0 ? queryEnd : end;
        }

        return new UrlMatch(matchStart, urlStart, domainStart, domainEnd, hasPath, end);
    }

    /// <summary>Length of <c>https?://</c> (any case) at <paramref name="start"/>, or 0.</summary>
    public static int ProtocolLength(ReadOnlySpan<char> text, int start)
    {
        if (!JsCharClasses.MatchesIgnoreCase(text, start, "http"))
        {
            return 0;
        }

        var length = JsCharClasses.MatchesIgnoreCase(text, start + 4, "s") ? 5 : 4;
        return JsCharClasses.MatchesIgnoreCase(text, start + length, "://") ? length + 3 : 0;
    }

    /// <summary>After the <c>?</c> of a query: the end of <c>queryChars*queryEndingChar</c> (greedy), or -1.</summary>
    public static int QueryEnd(ReadOnlySpan<char> text, int start)
    {
        var last = NoMatch;
        for (var i = start; i < text.Length && JsCharClasses.Is(text[i], UrlCharClass.QueryChar); i++)
        {
            if (JsCharClasses.Is(text[i], UrlCharClass.QueryEnding))
            {
                last = i;
            }
        }

        return last < 0 ? NoMatch : last + 1;
    }

    private int ProtocolLength(int start) => ProtocolLength(_text, start);

    /// <summary>
    /// End of <c>validSubdomain* validDomainName tld</c> at <paramref name="start"/>, or -1. The subdomains are forced
    /// (each label runs to the next dot), so the greedy star's order is: the deepest split first, which is the answer
    /// from the next label; only then this label as the domain name followed by a top-level domain.
    /// </summary>
    private int Domain(int start)
    {
        var chain = new List<int>();
        var s = start;
        while (s <= _text.Length && _domainMemo[s] == Unknown)
        {
            if (SubdomainEnd(s) is var next and >= 0)
            {
                chain.Add(s);
                s = next;
            }
            else
            {
                _domainMemo[s] = NoMatch;
                break;
            }
        }

        var deeper = s <= _text.Length ? _domainMemo[s] : NoMatch;
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            var label = chain[i];
            var next = SubdomainEnd(label);
            var result = deeper >= 0 ? deeper : IsDomainName(label) ? Tld(next) : NoMatch;
            _domainMemo[label] = result;
            deeper = result;
        }

        return _domainMemo[start];
    }

    /// <summary><c>(?:D(?:[_-]|D)*)?D\.</c>: position after the dot, or -1.</summary>
    private int SubdomainEnd(int s)
    {
        if (!JsCharClasses.Is(_text, s, UrlCharClass.DomainChar))
        {
            return NoMatch;
        }

        var q = _labelRunEnd[s];
        return q < _text.Length && _text[q] == '.' && JsCharClasses.Is(_text[q - 1], UrlCharClass.DomainChar) ? q + 1 : NoMatch;
    }

    /// <summary><c>(?:D(?:-|D)*)?D\.</c> at a label that is already a subdomain (so it starts and ends with D).</summary>
    private bool IsDomainName(int s)
    {
        var q = _nameRunEnd[s];
        return q < _text.Length && _text[q] == '.';
    }

    private int Tld(int start)
    {
        if (_tldMemo[start] == Unknown)
        {
            _tldMemo[start] = TldMatcher.Match(_text, start);
        }

        return _tldMemo[start];
    }
}
