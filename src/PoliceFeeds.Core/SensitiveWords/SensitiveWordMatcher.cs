using PoliceFeeds.Core.Search;

namespace PoliceFeeds.Core.SensitiveWords;

/// <summary>
/// Finds the sensitive words and phrases of a text. Both are compared as sequences of words: a text is folded as search
/// folds it (<see cref="SearchNormalizer"/>: case, accents, ligatures œ and æ, compatibility forms) and cut into words,
/// a word being a run of letters and digits. Everything else separates words: spaces, punctuation, the hashtag and
/// mention signs, hyphens and apostrophes (' and ’). So:
/// <list type="bullet">
/// <item>"vol" matches "Vol à l'arraché" but not "volontaire" nor "envol" (whole words);</item>
/// <item>"garde à vue" matches "GARDE A VUE", "garde-à-vue" and "garde  à\nvue" (a phrase is consecutive words);</item>
/// <item>"drogue" matches "#drogue" and "(drogue)"; "arme" matches "l'arme" and "l’arme";</item>
/// <item>a phrase typed with an apostrophe ("l'arme") matches "l’arme" and "l arme";</item>
/// <item>punctuation between the words of a phrase does not stop it: "garde à vue" matches "garde, à vue";</item>
/// <item>a hashtag glued into one word ("#GardeAVue") does not match the phrase "garde à vue".</item>
/// </list>
/// The matcher is built once per list and reads the text once: the cost is linear in the text's length (each word
/// position tries only the phrases that start with that word).
/// </summary>
public sealed class SensitiveWordMatcher
{
    private readonly Dictionary<string, List<Entry>> _byFirstWord = new(StringComparer.Ordinal);

    public SensitiveWordMatcher(IEnumerable<string> phrases)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var order = 0;
        foreach (var phrase in phrases)
        {
            var words = Words(phrase);
            if (words.Count == 0 || !seen.Add(string.Join(' ', words)))
            {
                continue;
            }

            if (!_byFirstWord.TryGetValue(words[0], out var entries))
            {
                entries = [];
                _byFirstWord[words[0]] = entries;
            }

            entries.Add(new Entry(SensitiveWord.Clean(phrase), [.. words], order++));
        }
    }

    public static SensitiveWordMatcher Empty { get; } = new([]);

    /// <summary>Whether the list has any word.</summary>
    public bool IsEmpty => _byFirstWord.Count == 0;

    /// <summary>
    /// The phrases of the list found in <paramref name="text"/>, each once, as the list spells them, in the list's order.
    /// </summary>
    public IReadOnlyList<string> Find(string? text)
    {
        if (IsEmpty || string.IsNullOrEmpty(text))
        {
            return [];
        }

        var words = Words(text);
        var found = new SortedDictionary<int, string>();
        for (var i = 0; i < words.Count; i++)
        {
            if (!_byFirstWord.TryGetValue(words[i], out var entries))
            {
                continue;
            }

            foreach (var entry in entries)
            {
                if (!found.ContainsKey(entry.Order) && StartsAt(words, i, entry.Words))
                {
                    found[entry.Order] = entry.Phrase;
                }
            }
        }

        return [.. found.Values];
    }

    /// <summary>The comparison key of a phrase: its folded words separated by single spaces ("" when it has no word).</summary>
    public static string Key(string? phrase) => string.Join(' ', Words(phrase));

    /// <summary>The folded words of a text, in order.</summary>
    public static List<string> Words(string? text)
    {
        var folded = SearchNormalizer.Normalize(text);
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var inWord = i < folded.Length && char.IsLetterOrDigit(folded[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                words.Add(folded[start..i]);
                start = -1;
            }
        }

        return words;
    }

    private static bool StartsAt(List<string> words, int index, string[] phrase)
    {
        if (index + phrase.Length > words.Count)
        {
            return false;
        }

        for (var j = 1; j < phrase.Length; j++)
        {
            if (!string.Equals(words[index + j], phrase[j], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private sealed record Entry(string Phrase, string[] Words, int Order);
}
