namespace PoliceFeeds.Core.Text;

/// <summary>
/// twitter-text's <c>validUrlPath*</c> without backtracking. With G the general path characters, E the ending
/// characters and B a balanced parenthesis group <c>\((?:G+|G*\(G+\)G*)\)</c>, one path segment is
/// <c>G*(?:BG*)*E | B | @G+/</c>, in that order. (The package writes the middle alternative as part of
/// <c>validUrlPathEndingChars</c>, <c>[…]|(?:B)</c>, but that source is pasted into <c>validUrlPath</c> without a group,
/// so its <c>|</c> splits the whole segment: a group ends a segment only when the segment starts with it, never after
/// G characters. In <c>x.com/a–(b)</c> the path is <c>/a</c>, as '–' is in G and not in E.)
/// '(' and ')' are not in G and every E character is in G, so each G* either runs to the end of its run (and the next
/// group must start with '(') or stops just after an E character: the first match in JavaScript's priority order is the
/// full run followed by more groups if they succeed, else the last E character of the run. Group chains are decided once
/// per position (memoised), which keeps the whole path linear.
/// </summary>
internal sealed class PathScanner
{
    private const int Unknown = -2;
    private const int NoMatch = -1;

    private readonly string _text;
    private readonly int[] _runEnd;
    private readonly int[] _lastEnding;
    private readonly int[] _lastSlash;
    private readonly int[] _groupsMemo;

    public PathScanner(string text)
    {
        _text = text;
        var n = text.Length;
        _runEnd = new int[n + 1];
        _runEnd[n] = n;
        for (var i = n - 1; i >= 0; i--)
        {
            _runEnd[i] = JsCharClasses.Is(text[i], UrlCharClass.PathChar) ? _runEnd[i + 1] : i;
        }

        // _lastEnding[i]: the last index before i holding an E character (or '/'), -1 if none.
        _lastEnding = new int[n + 1];
        _lastSlash = new int[n + 1];
        _lastEnding[0] = NoMatch;
        _lastSlash[0] = NoMatch;
        for (var i = 1; i <= n; i++)
        {
            _lastEnding[i] = JsCharClasses.Is(text[i - 1], UrlCharClass.PathEnding) ? i - 1 : _lastEnding[i - 1];
            _lastSlash[i] = text[i - 1] == '/' ? i - 1 : _lastSlash[i - 1];
        }

        _groupsMemo = new int[n + 1];
        Array.Fill(_groupsMemo, Unknown);
    }

    /// <summary>End of <c>validUrlPath*</c> (greedy) from <paramref name="start"/>, just after the path's first '/'.</summary>
    public int PathEnd(int start)
    {
        var position = start;
        while (Segment(position) is var end and >= 0)
        {
            position = end;
        }

        return position;
    }

    private int Segment(int start)
    {
        if (start >= _text.Length)
        {
            return NoMatch;
        }

        // G*(?:BG*)*E
        var run = _runEnd[start];
        if (Groups(run) is var groups and >= 0)
        {
            return groups;
        }

        if (_lastEnding[run] >= start)
        {
            return _lastEnding[run] + 1;
        }

        // B, only at the start of the segment.
        if (Group(start) is var group and >= 0)
        {
            return group;
        }

        // @G+/
        if (_text[start] == '@' && _lastSlash[_runEnd[start + 1]] >= start + 2)
        {
            return _lastSlash[_runEnd[start + 1]] + 1;
        }

        return NoMatch;
    }

    /// <summary>
    /// <c>(?:BG*)+E</c> at <paramref name="start"/>, where the text is not a G character (so no E character either): a
    /// group, then its G run and more groups if they succeed, else the last E character of that run, else no match.
    /// </summary>
    private int Groups(int start)
    {
        var chain = new List<(int Position, int GroupEnd)>();
        var q = start;
        while (q < _text.Length && _groupsMemo[q] == Unknown)
        {
            var groupEnd = Group(q);
            if (groupEnd < 0)
            {
                _groupsMemo[q] = NoMatch;
                break;
            }

            chain.Add((q, groupEnd));
            q = _runEnd[groupEnd];
        }

        var deeper = q < _text.Length ? _groupsMemo[q] : NoMatch;
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            var (position, groupEnd) = chain[i];
            var runEnd = _runEnd[groupEnd];
            var result = deeper >= 0 ? deeper : _lastEnding[runEnd] >= groupEnd ? _lastEnding[runEnd] + 1 : NoMatch;
            _groupsMemo[position] = result;
            deeper = result;
        }

        return start < _text.Length ? _groupsMemo[start] : NoMatch;
    }

    /// <summary><c>\((?:G+|G*\(G+\)G*)\)</c> at <paramref name="start"/>: its end, or -1. Every G run is forced.</summary>
    private int Group(int start)
    {
        if (_text[start] != '(')
        {
            return NoMatch;
        }

        var inner = start + 1;
        var run = _runEnd[inner];
        if (run > inner && At(run, ')'))
        {
            return run + 1;
        }

        if (!At(run, '('))
        {
            return NoMatch;
        }

        var nested = run + 1;
        var nestedEnd = _runEnd[nested];
        if (nestedEnd == nested || !At(nestedEnd, ')'))
        {
            return NoMatch;
        }

        var tail = _runEnd[nestedEnd + 1];
        return At(tail, ')') ? tail + 1 : NoMatch;
    }

    private bool At(int index, char c) => index < _text.Length && _text[index] == c;
}
