using System.Text.RegularExpressions;

namespace PoliceFeeds.Core.Text;

/// <summary>
/// X's weighted character count: a C# port of twitter-text 3.1.0's <c>parseTweet</c> with configuration v3 (the
/// browser's counter runs the official JavaScript). NFC first (as JavaScript's <c>normalize()</c>, never throwing);
/// every URL counts 23; every emoji sequence counts 2; other code points weigh 1 in the light ranges and 2 elsewhere;
/// the limit is 280. URLs are found by hand-written linear scanners equivalent to twitter-text's patterns
/// (<see cref="UrlScanner"/>), whose character classes and domain lists are generated from the package. Agreement with
/// the npm package is checked by a differential test on thousands of generated texts.
/// </summary>
public static class TweetText
{
    public const int MaxWeightedLength = 280;

    /// <summary>Texts longer than this (UTF-16 units) are refused before they are parsed.</summary>
    public const int MaxTextLength = 10_000;

    private const int Scale = 100;
    private const int DefaultWeight = 200;
    private const int TransformedUrlLength = 23;

    private static readonly (int Start, int End, int Weight)[] Ranges =
    [
        (0, 4351, 100),
        (8192, 8205, 100),
        (8208, 8223, 100),
        (8242, 8247, 100),
    ];

    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);
    private static readonly Regex Emoji = new(TwitterTextRegexes.Emoji, RegexOptions.CultureInvariant, RegexTimeout);

    /// <summary>Weighted length of <paramref name="text"/> as X counts it.</summary>
    public static int WeightedLength(string text) => Parse(text).WeightedLength;

    /// <summary>twitter-text's <c>parseTweet</c> with configuration v3. Never throws on any string.</summary>
    public static TweetTextResult Parse(string text)
    {
        var hasInvalidCharacters = HasInvalidCharacters(text);
        var normalized = JsNormalization.Nfc(text);
        var urls = new Dictionary<int, TweetUrl>();
        var emoji = new Dictionary<int, int>();
        try
        {
            foreach (var url in ExtractUrlsWithIndices(normalized))
            {
                urls[url.Start] = url;
            }

            foreach (Match match in Emoji.Matches(normalized))
            {
                emoji[match.Index] = match.Length;
            }
        }
        catch (RegexMatchTimeoutException)
        {
            return new TweetTextResult(0, false, hasInvalidCharacters) { TimedOut = true };
        }

        var weighted = 0;
        var valid = true;
        var validDisplayIndex = 0;
        for (var index = 0; index < normalized.Length; index++)
        {
            if (urls.TryGetValue(index, out var url))
            {
                weighted += TransformedUrlLength * Scale;
                index += url.Url.Length - 1;
            }
            else if (emoji.TryGetValue(index, out var emojiLength))
            {
                weighted += DefaultWeight;
                index += emojiLength - 1;
            }
            else
            {
                index += IsSurrogatePair(normalized, index) ? 1 : 0;
                weighted += CharacterWeight(normalized[index]);
            }

            // JavaScript's charAt past the end is "", which is not an invalid character.
            if (valid && index < normalized.Length && IsInvalidCharacter(normalized[index]))
            {
                valid = false;
            }

            if (valid && weighted <= MaxWeightedLength * Scale)
            {
                validDisplayIndex = index;
            }
        }

        var length = weighted / Scale;
        valid = valid && length > 0 && length <= MaxWeightedLength;
        var permillage = (int)Math.Floor(length / (double)MaxWeightedLength * 1000);
        return new TweetTextResult(length, valid, hasInvalidCharacters)
        {
            Permillage = permillage,
            ValidRangeEnd = validDisplayIndex + (text.Length - normalized.Length),
            DisplayRangeEnd = text.Length > 0 ? text.Length - 1 : 0,
        };
    }

    /// <summary>The URLs X would shorten, with or without protocol (twitter-text's <c>extractUrlsWithIndices</c>).</summary>
    public static IReadOnlyList<TweetUrl> ExtractUrlsWithIndices(string text) => UrlExtraction.Extract(text);

    /// <summary>U+FFFE, U+FEFF, U+FFFF (which X refuses) or a lone surrogate (which cannot be sent as UTF-8).</summary>
    public static bool HasInvalidCharacters(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsInvalidCharacter(c) || char.IsLowSurrogate(c))
            {
                return true;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return true;
                }

                i++;
            }
        }

        return false;
    }

    private static bool IsInvalidCharacter(char c) => c is '\uFFFE' or '\uFEFF' or '\uFFFF';

    private static bool IsSurrogatePair(string text, int index) =>
        index < text.Length - 1 && char.IsHighSurrogate(text[index]) && char.IsLowSurrogate(text[index + 1]);

    private static int CharacterWeight(char c)
    {
        foreach (var (start, end, weight) in Ranges)
        {
            if (c >= start && c <= end)
            {
                return weight;
            }
        }

        return DefaultWeight;
    }
}

/// <param name="WeightedLength">Weighted length as X counts it.</param>
/// <param name="IsValid">twitter-text's verdict: not empty, no U+FFFE/U+FEFF/U+FFFF where it looks, within 280.</param>
/// <param name="HasInvalidCharacters">Contains U+FFFE, U+FEFF, U+FFFF or a lone surrogate anywhere.</param>
public readonly record struct TweetTextResult(int WeightedLength, bool IsValid, bool HasInvalidCharacters)
{
    /// <summary>Weighted length over the limit, in thousandths.</summary>
    public int Permillage { get; init; }

    /// <summary>Last UTF-16 index of the part of the text that fits (inclusive).</summary>
    public int ValidRangeEnd { get; init; }

    public int DisplayRangeEnd { get; init; }

    /// <summary>The emoji pattern ran out of time (never seen; kept so that a slow case is a validation error, not a 500).</summary>
    public bool TimedOut { get; init; }
}

/// <summary>A URL found in a text: twitter-text's entity <c>{ url, indices: [Start, End] }</c>.</summary>
/// <param name="Url">The entity's <c>url</c>; the count skips its length, which is normally End - Start.</param>
public sealed record TweetUrl(int Start, int End, string Url)
{
    /// <summary>Length of the URL in the text, End - Start (UTF-16 units).</summary>
    public int Length => End - Start;
}
