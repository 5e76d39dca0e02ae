using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PoliceFeeds.Core.Networks.Bluesky;

public enum BlueskyFacetKind
{
    /// <summary><c>app.bsky.richtext.facet#link</c>: <see cref="BlueskyFacet.Value"/> is the URI.</summary>
    Link,

    /// <summary><c>app.bsky.richtext.facet#tag</c>: <see cref="BlueskyFacet.Value"/> is the tag without its <c>#</c>.</summary>
    Tag,
}

/// <summary>A facet of a post's text: a range in UTF-8 bytes (end excluded) and what it is.</summary>
public sealed record BlueskyFacet(int ByteStart, int ByteEnd, BlueskyFacetKind Kind, string Value);

/// <summary>
/// Finds the links and hashtags of a post's text as the official app does (@atproto/api's <c>RichText.detectFacets</c>,
/// checked by a differential test on generated French texts): http(s) URLs, bare domains whose last label is a known
/// top-level domain (made <c>https://</c>), one trailing punctuation mark and an unbalanced closing parenthesis left out;
/// hashtags after a space or at the start, <c>#</c> or <c>＃</c>, not only digits and punctuation, trailing punctuation left
/// out, at most 64 graphemes; cashtags (<c>$ABC</c>) as tags. Mentions are not detected: they need the handle resolved
/// to a DID. The patterns are the reference's, with JavaScript's <c>\s</c>, case rules and anchors spelled out.
/// </summary>
public static partial class BlueskyFacets
{
    private const int MaxTagGraphemes = 64;

    public static IReadOnlyList<BlueskyFacet> Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<(int Start, int End, BlueskyFacetKind Kind, string Value)>();
        foreach (Match match in UrlPattern().Matches(text))
        {
            var candidate = match.Groups["url"];
            var uri = candidate.Value;
            if (!uri.StartsWith("http", StringComparison.Ordinal))
            {
                var domain = match.Groups["domain"];
                if (!domain.Success || !IsKnownDomain(domain.Value))
                {
                    continue;
                }

                uri = "https://" + uri;
            }

            var end = candidate.Index + candidate.Length;
            if (uri[^1] is '.' or ',' or ';' or ':' or '!' or '?')
            {
                uri = uri[..^1];
                end--;
            }

            if (uri[^1] == ')' && !uri.Contains('(', StringComparison.Ordinal))
            {
                uri = uri[..^1];
                end--;
            }

            found.Add((candidate.Index, end, BlueskyFacetKind.Link, uri));
        }

        foreach (Match match in TagPattern().Matches(text))
        {
            var body = match.Groups["tag"];
            if (!body.Success)
            {
                continue;
            }

            var tag = TrailingPunctuation().Replace(body.Value.Trim(JsWhiteSpace.ToCharArray()), string.Empty);
            if (tag.Length == 0 || (tag.Length > MaxTagGraphemes && Graphemes(tag) > MaxTagGraphemes))
            {
                continue;
            }

            var start = body.Index - 1;
            found.Add((start, start + 1 + tag.Length, BlueskyFacetKind.Tag, tag));
        }

        foreach (Match match in CashtagPattern().Matches(text))
        {
            var ticker = match.Groups["ticker"];
            var start = ticker.Index - 1;
            found.Add((start, start + 1 + ticker.Length, BlueskyFacetKind.Tag, "$" + ticker.Value.ToUpperInvariant()));
        }

        return found
            .Select(f => new BlueskyFacet(Utf8Index(text, f.Start), Utf8Index(text, f.End), f.Kind, f.Value))
            .OrderBy(f => f.ByteStart)
            .ToList();
    }

    /// <summary>
    /// The reference's <c>isValidDomain</c>: the domain ends with a dot and a top-level domain of its list, compared as
    /// written (so <c>SERVICE-PUBLIC.FR</c> is no link, as in the official app).
    /// </summary>
    private static bool IsKnownDomain(string domain)
    {
        var dot = domain.LastIndexOf('.');
        return dot >= 0 && BlueskyTlds.All.Contains(domain[(dot + 1)..]);
    }

    private static int Graphemes(string text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i += StringInfo.GetNextTextElementLength(text, i))
        {
            count++;
        }

        return count;
    }

    /// <summary>The UTF-8 offset of a UTF-16 offset (a lone surrogate counts 3 bytes, as JavaScript's TextEncoder writes U+FFFD).</summary>
    private static int Utf8Index(string text, int utf16Index) => Encoding.UTF8.GetByteCount(text.AsSpan(0, utf16Index));

    /// <summary>JavaScript's <c>\s</c> (.NET's differs: it has U+0085 and lacks U+FEFF).</summary>
    private const string JsWhiteSpace = "\t\n\v\f\r \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF";

    /// <summary>
    /// <c>/(^|\s|\()((https?:\/\/[\S]+)|((?&lt;domain&gt;[a-z][a-z0-9]*(\.[a-z0-9]+)+)[\S]*))/gim</c>: <c>^</c> in multiline
    /// mode is also after a line terminator; <c>i</c> without <c>u</c> makes <c>[a-z]</c> exactly ASCII letters of both cases.
    /// </summary>
    [GeneratedRegex(
        """(?:^|(?<=[\n\r\u2028\u2029])|[\t\n\v\f\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]|\()(?<url>[hH][tT][tT][pP][sS]?://[^\t\n\v\f\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|(?<domain>[a-zA-Z][a-zA-Z0-9]*(?:\.[a-zA-Z0-9]+)+)[^\t\n\v\f\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]*)""",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex UrlPattern();

    /// <summary>
    /// <c>/(^|\s)[#＃]((?!\ufe0f)[^\s\u00AD\u2060\u200A\u200B\u200C\u200D\u20e2]*[^\d\s\p{P}\u00AD\u2060\u200A\u200B\u200C\u200D\u20e2]+[^\s\u00AD\u2060\u200A\u200B\u200C\u200D\u20e2]*)?/gu</c>
    /// (<c>\d</c> is ASCII digits in JavaScript).
    /// </summary>
    [GeneratedRegex(
        """(?:^|[\t\n\v\f\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF])[#\uFF03](?<tag>(?!\uFE0F)[^\t\n\v\f\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF\u00AD\u2060\u200B\u200C\u200D\u20E2]*[^0-9\t\n\v\f\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF\p{P}\u00AD\u2060\u200B\u200C\u200D\u20E2]+[^\t\n\v\f\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF\u00AD\u2060\u200B\u200C\u200D\u20E2]*)?""",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex TagPattern();

    /// <summary><c>/\p{P}+$/gu</c>: <c>$</c> without <c>m</c> is the very end.</summary>
    [GeneratedRegex("""\p{P}+\z""", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingPunctuation();

    /// <summary><c>/(^|\s|\()\$([A-Za-z][A-Za-z0-9]{0,4})(?=\s|$|[.,;:!?)"'\u2019])/gu</c>.</summary>
    [GeneratedRegex(
        """(?:^|[\t\n\v\f\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]|\()\$(?<ticker>[A-Za-z][A-Za-z0-9]{0,4})(?=[\t\n\v\f\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]|\z|[.,;:!?)"'\u2019])""",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex CashtagPattern();
}
