using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PoliceFeeds.Core.Text;

/// <summary>
/// X's weighted character count: a C# port of twitter-text's <c>parseTweet</c> with configuration v3 (the browser's
/// counter runs the official JavaScript; both use the same patterns, generated into <see cref="TwitterTextRegexes"/>).
/// NFC first; every URL counts 23; every emoji sequence counts 2; other code points weigh 1 in the light ranges and 2
/// elsewhere; the limit is 280. Text with U+FFFE, U+FEFF or U+FFFF is invalid, and so is empty text.
/// </summary>
public static class TweetText
{
    public const int MaxWeightedLength = 280;

    private const int Scale = 100;
    private const int DefaultWeight = 200;
    private const int TransformedUrlLength = 23;
    private const int MaxUrlLength = 4096;
    private const int MaxTcoSlugLength = 40;
    private const int MaxDomainLabelLength = 63;

    private static readonly (int Start, int End, int Weight)[] Ranges =
    [
        (0, 4351, 100),
        (8192, 8205, 100),
        (8208, 8223, 100),
        (8242, 8247, 100),
    ];

    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(2);
    private static readonly Regex ExtractUrl = new(TwitterTextRegexes.ExtractUrl, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout);
    private static readonly Regex InvalidUrlWithoutProtocolPrecedingChars = new(TwitterTextRegexes.InvalidUrlWithoutProtocolPrecedingChars, RegexOptions.CultureInvariant, RegexTimeout);
    private static readonly Regex ValidAsciiDomain = new(TwitterTextRegexes.ValidAsciiDomain, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout);
    private static readonly Regex ValidTcoUrl = new(TwitterTextRegexes.ValidTcoUrl, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout);
    private static readonly Regex InvalidChars = new(TwitterTextRegexes.InvalidChars, RegexOptions.CultureInvariant, RegexTimeout);
    private static readonly Regex Emoji = new(TwitterTextRegexes.Emoji, RegexOptions.CultureInvariant, RegexTimeout);
    private static readonly IdnMapping Idn = new() { AllowUnassigned = true };

    /// <summary>Weighted length of <paramref name="text"/> as X counts it.</summary>
    public static int WeightedLength(string text) => Parse(text).WeightedLength;

    /// <summary>twitter-text's <c>parseTweet</c> with configuration v3.</summary>
    public static TweetTextResult Parse(string text)
    {
        // JavaScript normalises lone surrogates silently; .NET refuses: such text cannot be posted anyway.
        string normalized;
        var invalidUnicode = false;
        try
        {
            normalized = text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            normalized = text;
            invalidUnicode = true;
        }

        var urls = ExtractUrlsWithIndices(normalized).ToDictionary(u => u.Start);
        var emoji = new Dictionary<int, int>();
        foreach (Match match in Emoji.Matches(normalized))
        {
            emoji.TryAdd(match.Index, match.Length);
        }

        var weighted = 0;
        var valid = true;
        var hasInvalidCharacters = invalidUnicode;
        var validDisplayIndex = 0;
        for (var index = 0; index < normalized.Length; index++)
        {
            if (urls.TryGetValue(index, out var url))
            {
                weighted += TransformedUrlLength * Scale;
                index += url.Length - 1;
            }
            else if (emoji.TryGetValue(index, out var emojiLength))
            {
                weighted += DefaultWeight;
                index += emojiLength - 1;
            }
            else
            {
                index += char.IsSurrogatePair(normalized, index) ? 1 : 0;
                weighted += CharacterWeight(normalized[index]);
            }

            if (valid && InvalidChars.IsMatch(normalized.AsSpan(index, 1)))
            {
                valid = false;
                hasInvalidCharacters = true;
            }

            if (valid && weighted <= MaxWeightedLength * Scale)
            {
                validDisplayIndex = index;
            }
        }

        var length = weighted / Scale;
        valid = valid && !invalidUnicode && length > 0 && length <= MaxWeightedLength;
        var permillage = (int)Math.Floor(length / (double)MaxWeightedLength * 1000);
        return new TweetTextResult(length, valid, hasInvalidCharacters)
        {
            Permillage = permillage,
            ValidRangeEnd = validDisplayIndex + (text.Length - normalized.Length),
            DisplayRangeEnd = text.Length > 0 ? text.Length - 1 : 0,
        };
    }

    /// <summary>The URLs X would shorten, with or without protocol (twitter-text's <c>extractUrlsWithIndices</c>).</summary>
    public static IReadOnlyList<TweetUrl> ExtractUrlsWithIndices(string text)
    {
        var urls = new List<TweetUrl>();
        if (string.IsNullOrEmpty(text) || !text.Contains('.', StringComparison.Ordinal))
        {
            return urls;
        }

        foreach (Match match in ExtractUrl.Matches(text))
        {
            var before = match.Groups[2].Value;
            var url = match.Groups[3].Value;
            var protocol = match.Groups[4].Value;
            var domain = match.Groups[5].Value;
            var path = match.Groups[7].Value;
            var end = match.Index + match.Length;
            var start = end - url.Length;
            if (!IsValidUrl(url, protocol.Length > 0 ? protocol : "https://", domain))
            {
                continue;
            }

            if (protocol.Length == 0)
            {
                if (InvalidUrlWithoutProtocolPrecedingChars.IsMatch(before))
                {
                    continue;
                }

                TweetUrl? last = null;
                var asciiEnd = 0;
                foreach (Match ascii in ValidAsciiDomain.Matches(domain))
                {
                    var asciiStart = domain.IndexOf(ascii.Value, asciiEnd, StringComparison.Ordinal);
                    asciiEnd = asciiStart + ascii.Length;
                    last = new TweetUrl(start + asciiStart, ascii.Length);
                    urls.Add(last);
                }

                if (last is null)
                {
                    continue;
                }

                if (path.Length > 0)
                {
                    urls[^1] = last with { Length = end - last.Start };
                }
            }
            else
            {
                var tco = ValidTcoUrl.Match(url);
                if (tco.Success)
                {
                    if (tco.Groups[1].Value.Length > MaxTcoSlugLength)
                    {
                        continue;
                    }

                    url = tco.Value;
                    end = start + url.Length;
                }

                urls.Add(new TweetUrl(start, end - start));
            }
        }

        return urls;
    }

    private static bool IsValidUrl(string url, string protocol, string domain)
    {
        var ascii = ToAscii(domain);
        if (string.IsNullOrEmpty(ascii))
        {
            return false;
        }

        return protocol.Length + url.Length + ascii.Length - domain.Length <= MaxUrlLength;
    }

    /// <summary>twitter-text's lightweight IDNA check: every label encodes to 1–63 ASCII characters.</summary>
    private static string? ToAscii(string domain)
    {
        if (domain.StartsWith("xn--", StringComparison.Ordinal) && !ValidAsciiDomain.IsMatch(domain))
        {
            return null;
        }

        var labels = domain.Split('.');
        foreach (var label in labels)
        {
            string ascii;
            try
            {
                ascii = label.All(char.IsAscii) ? label : Idn.GetAscii(label);
            }
            catch (ArgumentException)
            {
                return null;
            }

            if (ascii.Length is < 1 or > MaxDomainLabelLength)
            {
                return null;
            }
        }

        return string.Join('.', labels);
    }

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
/// <param name="IsValid">Not empty, no invalid character, within 280.</param>
/// <param name="HasInvalidCharacters">Contains U+FFFE, U+FEFF, U+FFFF or broken Unicode.</param>
public readonly record struct TweetTextResult(int WeightedLength, bool IsValid, bool HasInvalidCharacters)
{
    /// <summary>Weighted length over the limit, in thousandths.</summary>
    public int Permillage { get; init; }

    /// <summary>Last UTF-16 index of the part of the text that fits (inclusive).</summary>
    public int ValidRangeEnd { get; init; }

    public int DisplayRangeEnd { get; init; }
}

/// <summary>A URL found in a text, by UTF-16 index and length.</summary>
public sealed record TweetUrl(int Start, int Length);
