using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PoliceFeeds.Core.Networks.Mastodon;

/// <summary>
/// A status's length as Mastodon's <c>StatusLengthValidator</c> counts it (Mastodon 4.x): the content warning followed
/// by the text in which every URL the extractor finds (with a protocol, valid domain) is replaced by
/// <see cref="MastodonLimits.CharactersReservedPerUrl"/> characters and every mention <c>@user@domain</c> by
/// <c>@user</c>, counted in extended grapheme clusters, against the instance's <c>max_characters</c>. A text that is
/// blank (only white space) counts its content warning alone.
/// </summary>
public static class MastodonStatusLength
{
    /// <summary>The twitter-text gem's <c>MAX_URL_LENGTH</c>: a longer URL gets no concession.</summary>
    private const int MaxUrlLength = 4096;

    private const int UrlProtocolLength = 8;

    private const int MaxTcoSlugLength = 40;

    /// <summary>The length of <paramref name="text"/> (and its content warning) against the instance's limits.</summary>
    /// <exception cref="RegexMatchTimeoutException">
    /// A pattern ran over its time-out: only on a long run of domain-like characters after a protocol (such as <c>https://a-a-a-…</c>
    /// over thousands of characters), where Mastodon's own patterns backtrack as much. The compose page refuses such a text;
    /// the channel leaves the verdict to the instance.
    /// </exception>
    public static MastodonLengthCheck Check(string text, MastodonLimits limits, string spoilerText = "")
    {
        var countable = spoilerText + CountableText(text, limits.CharactersReservedPerUrl);
        return new MastodonLengthCheck(new StringInfo(countable).LengthInTextElements, limits.MaxCharacters);
    }

    /// <summary>The validator's <c>countable_text</c>: URLs as placeholders, remote mentions as their local part.</summary>
    public static string CountableText(string text, int urlWeight)
    {
        if (IsBlank(text))
        {
            return "";
        }

        var entities = Urls(text).Concat(Mentions(text)).ToList();
        var placeholder = new string('x', urlWeight);
        var result = new StringBuilder(text.Length);
        var last = 0;
        foreach (var entity in RemoveOverlapping(entities))
        {
            result.Append(text, last, entity.Start - last);
            result.Append(entity.ScreenName is { } name ? "@" + name.Split('@')[0] : placeholder);
            last = entity.End;
        }

        result.Append(text, last, text.Length - last);
        return result.ToString();
    }

    /// <summary>
    /// The gem's <c>extract_urls_with_indices(text, extract_url_without_protocol: false)</c> with Mastodon's patterns:
    /// a match without a protocol is skipped (and consumed), a t.co link keeps only its slug, a domain that IDNA cannot
    /// encode or a URL over 4,096 characters is no URL.
    /// </summary>
    internal static IEnumerable<Entity> Urls(string text)
    {
        // Only a match with a protocol counts, and a protocol needs "://". No part of the pattern matches ASCII white space
        // or U+0085 except the one preceding character, so a match never spans them: scanning each run between them that
        // holds "://" (from the character before it) finds exactly what scanning the whole text finds there, and the other
        // runs, whose matches would all be skipped, need no scan.
        foreach (var (start, end) in RunsWithProtocol(text))
        {
            var from = Math.Max(0, start - 1);
            for (var match = MastodonTextPatterns.ValidUrl.Match(text, from, end - from); match.Success; match = match.NextMatch())
            {
                if (UrlEntity(match) is { } entity)
                {
                    yield return entity;
                }
            }
        }
    }

    private static Entity? UrlEntity(Match match)
    {
        if (!match.Groups[4].Success)
        {
            return null;
        }

        var url = match.Groups[3].Value;
        var start = match.Groups[3].Index;
        var end = start + match.Groups[3].Length;
        if (MastodonTextPatterns.ValidTcoUrl.Match(url) is { Success: true } tco)
        {
            if (tco.Groups[1].Length > MaxTcoSlugLength)
            {
                return null;
            }

            end = start + tco.Length;
            url = tco.Value;
        }

        return IsValidDomain(CodePoints(url), match.Groups[5].Value, protocol: true) ? new Entity(start, end, null) : null;
    }

    /// <summary>The runs of text between ASCII white space and U+0085 that hold "://".</summary>
    private static IEnumerable<(int Start, int End)> RunsWithProtocol(string text)
    {
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] is ' ' or '\t' or '\n' or '\v' or '\f' or '\r' or '\u0085')
            {
                if (i > start && text.AsSpan(start, i - start).Contains("://", StringComparison.Ordinal))
                {
                    yield return (start, i);
                }

                start = i + 1;
            }
        }
    }

    /// <summary>Mastodon's <c>Extractor.extract_mentions_or_lists_with_indices</c> on <c>Account::MENTION_RE</c>.</summary>
    internal static IEnumerable<Entity> Mentions(string text)
    {
        if (!MastodonTextPatterns.AtSigns.IsMatch(text))
        {
            yield break;
        }

        foreach (Match match in MastodonTextPatterns.Mention.Matches(text))
        {
            var name = match.Groups[1];
            var end = name.Index + name.Length;
            if (!MastodonTextPatterns.EndMentionMatch.IsMatch(text.AsSpan(), end))
            {
                yield return new Entity(name.Index - 1, end, name.Value);
            }
        }
    }

    /// <summary>The gem's <c>remove_overlapping_entities</c>: by start, each entity starting inside the previous kept one dropped.</summary>
    internal static List<Entity> RemoveOverlapping(List<Entity> entities)
    {
        var kept = new List<Entity>();
        foreach (var entity in entities.OrderBy(e => e.Start))
        {
            if (kept.Count == 0 || kept[^1].End <= entity.Start)
            {
                kept.Add(entity);
            }
        }

        return kept;
    }

    /// <summary>The gem's <c>is_valid_domain</c>: IDNA can encode the domain and the URL stays within 4,096 characters.</summary>
    private static bool IsValidDomain(int urlLength, string domain, bool protocol)
    {
        try
        {
            var encoded = new IdnMapping().GetAscii(domain);
            var originalLength = CodePoints(domain);
            if (encoded.Length > originalLength)
            {
                urlLength += encoded.Length - originalLength;
            }

            if (!protocol)
            {
                urlLength += UrlProtocolLength;
            }

            return urlLength <= MaxUrlLength;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Rails' <c>String#blank?</c>: empty or only Unicode white space.</summary>
    private static bool IsBlank(string text)
    {
        foreach (var c in text)
        {
            if (!(c is >= '\u0009' and <= '\u000D' or '\u0020' or '\u0085' or '\u00A0' or '\u1680' or (>= '\u2000' and <= '\u200A') or '\u2028' or '\u2029' or '\u202F' or '\u205F' or '\u3000'))
            {
                return false;
            }
        }

        return true;
    }

    private static int CodePoints(string text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }

            count++;
        }

        return count;
    }

    /// <summary>A URL (no screen name) or a mention, by its UTF-16 range in the text.</summary>
    internal sealed record Entity(int Start, int End, string? ScreenName);
}

/// <summary>A status's length against its instance's limit, for the compose page and the publisher.</summary>
public sealed record MastodonLengthCheck(int Count, int Limit)
{
    public bool IsValid => Count <= Limit;

    /// <summary>What is left (negative when over).</summary>
    public int Remaining => Limit - Count;
}
