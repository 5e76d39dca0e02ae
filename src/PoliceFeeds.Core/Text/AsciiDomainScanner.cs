namespace PoliceFeeds.Core.Text;

/// <summary>
/// twitter-text's <c>validAsciiDomain</c> (flags <c>gi</c>), <c>(?:(?:[-a-z0-9latin]+)\.)+(?:gTLD|ccTLD|punycode)</c>,
/// run over a domain as <c>String.prototype.replace</c> runs a global pattern: every match, left to right, each search
/// starting where the previous match ended. Labels are forced (each runs to its dot), the deepest split is tried first,
/// and each position is decided once (memoised): linear.
/// </summary>
internal sealed class AsciiDomainScanner
{
    private const int Unknown = -2;
    private const int NoMatch = -1;

    private readonly string _domain;
    private readonly int[] _runEnd;
    private readonly int[] _memo;

    private AsciiDomainScanner(string domain)
    {
        _domain = domain;
        var n = domain.Length;
        _runEnd = new int[n + 1];
        _runEnd[n] = n;
        for (var i = n - 1; i >= 0; i--)
        {
            _runEnd[i] = JsCharClasses.Is(domain[i], UrlCharClass.AsciiDomainChar) ? _runEnd[i + 1] : i;
        }

        _memo = new int[n + 2];
        Array.Fill(_memo, Unknown);
    }

    /// <summary>The matched texts, in order.</summary>
    public static List<string> Matches(string domain)
    {
        var scanner = new AsciiDomainScanner(domain);
        var matches = new List<string>();
        var position = 0;
        while (position < domain.Length)
        {
            var found = false;
            for (var p = position; p < domain.Length; p++)
            {
                var end = scanner.MatchAt(p);
                if (end >= 0)
                {
                    matches.Add(domain[p..end]);
                    position = end;
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                break;
            }
        }

        return matches;
    }

    /// <summary>Whether the pattern matches anywhere in <paramref name="domain"/>.</summary>
    public static bool IsMatch(string domain)
    {
        var scanner = new AsciiDomainScanner(domain);
        for (var p = 0; p < domain.Length; p++)
        {
            if (scanner.MatchAt(p) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>End of the match starting at <paramref name="start"/>, or -1.</summary>
    private int MatchAt(int start)
    {
        var chain = new List<int>();
        var s = start;
        while (_memo[s] == Unknown)
        {
            var next = LabelEnd(s);
            if (next < 0)
            {
                _memo[s] = NoMatch;
                break;
            }

            chain.Add(s);
            s = next;
        }

        // _memo[s] is the answer for "labels+ tld" at s; a chain element's answer is the deeper one, else a TLD after it.
        var deeper = _memo[s];
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            var result = deeper >= 0 ? deeper : TldMatcher.Match(_domain, LabelEnd(chain[i]));
            _memo[chain[i]] = result;
            deeper = result;
        }

        return _memo[start];
    }

    /// <summary><c>[-a-z0-9latin]+\.</c> at <paramref name="s"/>: position after the dot, or -1.</summary>
    private int LabelEnd(int s)
    {
        if (s >= _domain.Length)
        {
            return NoMatch;
        }

        var q = _runEnd[s];
        return q > s && q < _domain.Length && _domain[q] == '.' ? q + 1 : NoMatch;
    }
}
