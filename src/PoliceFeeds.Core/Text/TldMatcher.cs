namespace PoliceFeeds.Core.Text;

/// <summary>
/// twitter-text's <c>(?:validGTLD|validCCTLD|validPunycode)</c> at one position, without backtracking: a trie of the
/// top-level domains (canonical case) gives every candidate in one walk, and the first one in the pattern's order whose
/// look-ahead <c>(?=[^0-9a-zA-Z@+-]|$)</c> holds wins, as JavaScript's alternation would choose; then <c>xn--[-0-9a-z]+</c>.
/// </summary>
internal static class TldMatcher
{
    private const string PunycodePrefix = "xn--";

    private static readonly Node Root = Build();

    /// <summary>End of the top-level domain that starts at <paramref name="start"/>, or -1.</summary>
    public static int Match(ReadOnlySpan<char> text, int start)
    {
        var node = Root;
        var bestPriority = int.MaxValue;
        var bestEnd = -1;
        for (var i = start; i < text.Length; i++)
        {
            if (node.Children is null || !node.Children.TryGetValue(JsCharClasses.Canonicalize(text[i]), out var child))
            {
                break;
            }

            node = child;
            if (node.Priority < bestPriority && (i + 1 == text.Length || JsCharClasses.Is(text[i + 1], UrlCharClass.TldFollower)))
            {
                bestPriority = node.Priority;
                bestEnd = i + 1;
            }
        }

        if (bestEnd >= 0)
        {
            return bestEnd;
        }

        if (!JsCharClasses.MatchesIgnoreCase(text, start, PunycodePrefix))
        {
            return -1;
        }

        var end = start + PunycodePrefix.Length;
        while (JsCharClasses.Is(text, end, UrlCharClass.PunycodeChar))
        {
            end++;
        }

        return end > start + PunycodePrefix.Length ? end : -1;
    }

    private static Node Build()
    {
        var root = new Node();
        var priority = 0;
        foreach (var tld in TwitterTextData.GenericTlds.Concat(TwitterTextData.CountryTlds))
        {
            var node = root;
            foreach (var c in tld)
            {
                node.Children ??= [];
                var key = JsCharClasses.Canonicalize(c);
                if (!node.Children.TryGetValue(key, out var child))
                {
                    child = new Node();
                    node.Children[key] = child;
                }

                node = child;
            }

            node.Priority = Math.Min(node.Priority, priority++);
        }

        return root;
    }

    private sealed class Node
    {
        public Dictionary<char, Node>? Children { get; set; }

        public int Priority { get; set; } = int.MaxValue;
    }
}
