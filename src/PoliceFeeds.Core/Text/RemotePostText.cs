using System.Text;
using System.Text.RegularExpressions;

namespace PoliceFeeds.Core.Text;

/// <summary>
/// One of the URL entities X returns with a post (<c>entities.urls</c>): the t.co <see cref="Url"/> in the text, the
/// URL it stands for, how X displays it, and <see cref="MediaKey"/> when it is the link X appends to the post's media.
/// <see cref="Start"/> and <see cref="End"/> (exclusive) are X's indices, in code points.
/// </summary>
public sealed record RemoteUrlEntity(int Start, int End, string Url, string? ExpandedUrl, string? DisplayUrl = null, string? MediaKey = null);

/// <summary>
/// Decides whether a post X returned is the post we sent. X does not store the text sent: every URL becomes a t.co
/// link (23 characters), <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> come back as HTML entities, and a post with photos
/// gets a t.co link to its media appended. This undoes that: each t.co link is expanded from its entity's
/// <c>expanded_url</c>, the media link is dropped, the three entities X writes are decoded, and both texts are normalised
/// (NFC, line endings, trimmed) before they are compared. A URL matches the one sent with or without the scheme X
/// adds to a bare domain, and with or without a trailing slash.
/// </summary>
public static partial class RemotePostText
{
    /// <summary>Whether <paramref name="remoteText"/> (with its URL entities and media keys) is the post of <paramref name="sentText"/>.</summary>
    /// <param name="sentPhotoCount">When given, the post must carry exactly that many media keys.</param>
    public static bool IsSamePost(string sentText, string remoteText, IReadOnlyList<RemoteUrlEntity> urls, IReadOnlyList<string> mediaKeys, int? sentPhotoCount = null)
    {
        ArgumentNullException.ThrowIfNull(sentText);
        ArgumentNullException.ThrowIfNull(remoteText);
        if (sentPhotoCount is { } photos && photos != mediaKeys.Count)
        {
            return false;
        }

        var pattern = Parse(remoteText, urls, mediaKeys);
        return Matches(Normalize(sentText), 0, pattern, 0);
    }

    /// <summary>
    /// X's text as it was written: t.co links expanded (a link with no expanded URL stays as it is), the media link
    /// dropped, HTML entities decoded, normalised. For display and logs; <see cref="IsSamePost"/> is the comparison.
    /// </summary>
    public static string Restore(string remoteText, IReadOnlyList<RemoteUrlEntity> urls, IReadOnlyList<string> mediaKeys)
    {
        var builder = new StringBuilder();
        foreach (var segment in Parse(remoteText, urls, mediaKeys))
        {
            builder.Append(segment.Literal ?? segment.Url!.ExpandedUrl ?? segment.Url!.Url);
        }

        return Normalize(builder.ToString());
    }

    /// <summary>NFC, line endings as <c>\n</c>, no leading or trailing white space.</summary>
    public static string Normalize(string text) =>
        text.Normalize(NormalizationForm.FormC).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();

    /// <summary>Decodes what X encodes in a post's text, and only that: <c>&amp;amp;</c>, <c>&amp;lt;</c>, <c>&amp;gt;</c> (in one pass).</summary>
    public static string DecodeEntities(string text) =>
        XEntities().Replace(text, m => m.Groups[1].Value switch
        {
            "amp" => "&",
            "lt" => "<",
            _ => ">",
        });

    /// <summary>The remote text as literal pieces (decoded) and URL slots, the media link left out.</summary>
    private static List<Segment> Parse(string remoteText, IReadOnlyList<RemoteUrlEntity> urls, IReadOnlyList<string> mediaKeys)
    {
        var segments = new List<Segment>();
        var cursor = 0;
        var ordered = urls.Where(u => !string.IsNullOrEmpty(u.Url)).OrderBy(u => u.Start).ToList();
        var mediaLink = ordered.LastOrDefault(u => u.MediaKey is not null)
            ?? (mediaKeys.Count > 0 ? ordered.LastOrDefault(u => IsPictureLink(u) && remoteText.TrimEnd().EndsWith(u.Url, StringComparison.Ordinal)) : null);
        foreach (var url in ordered)
        {
            var at = remoteText.IndexOf(url.Url, cursor, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            segments.Add(new Segment(DecodeEntities(remoteText[cursor..at]), null));
            if (!ReferenceEquals(url, mediaLink) && url.MediaKey is null)
            {
                segments.Add(new Segment(null, url));
            }

            cursor = at + url.Url.Length;
        }

        var rest = remoteText[cursor..];
        if (mediaLink is null && mediaKeys.Count > 0)
        {
            // Media attached but no entity says which link is theirs: X appends it at the very end.
            rest = TrailingTcoLink().Replace(rest, "");
        }

        segments.Add(new Segment(DecodeEntities(rest), null));

        // Literals either side of a dropped media link are one piece (the space X put before the link is trailing).
        for (var i = segments.Count - 1; i > 0; i--)
        {
            if (segments[i].Literal is { } tail && segments[i - 1].Literal is { } head)
            {
                segments[i - 1] = new Segment(head + tail, null);
                segments.RemoveAt(i);
            }
        }

        var normalized = new List<Segment>();
        for (var i = 0; i < segments.Count; i++)
        {
            var literal = segments[i].Literal;
            if (literal is null)
            {
                normalized.Add(segments[i]);
                continue;
            }

            literal = literal.Normalize(NormalizationForm.FormC).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
            if (i == 0)
            {
                literal = literal.TrimStart();
            }

            if (i == segments.Count - 1)
            {
                literal = literal.TrimEnd();
            }

            normalized.Add(new Segment(literal, null));
        }

        return normalized;
    }

    private static bool IsPictureLink(RemoteUrlEntity url) =>
        url.DisplayUrl?.StartsWith("pic.", StringComparison.OrdinalIgnoreCase) == true
        || url.ExpandedUrl?.Contains("/photo/", StringComparison.Ordinal) == true
        || url.ExpandedUrl?.Contains("/video/", StringComparison.Ordinal) == true;

    /// <summary>Matches the sent text from <paramref name="at"/> against the segments from <paramref name="index"/> (backtracking over URL forms).</summary>
    private static bool Matches(string sent, int at, List<Segment> pattern, int index)
    {
        if (index == pattern.Count)
        {
            return at == sent.Length;
        }

        var segment = pattern[index];
        if (segment.Literal is { } literal)
        {
            return at + literal.Length <= sent.Length && string.CompareOrdinal(sent, at, literal, 0, literal.Length) == 0
                && Matches(sent, at + literal.Length, pattern, index + 1);
        }

        foreach (var form in UrlForms(segment.Url!, sent, at))
        {
            if (Matches(sent, at + form, pattern, index + 1))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Lengths of the sent text's prefixes at <paramref name="at"/> that the URL entity may stand for, longest first.</summary>
    private static IEnumerable<int> UrlForms(RemoteUrlEntity url, string sent, int at)
    {
        if (url.ExpandedUrl is not { Length: > 0 } expanded)
        {
            // No expanded URL: the t.co link itself, or any URL-like run of the sent text.
            var end = at;
            while (end < sent.Length && !char.IsWhiteSpace(sent[end]))
            {
                end++;
            }

            return end > at ? [end - at] : [];
        }

        var candidates = new HashSet<string>(StringComparer.Ordinal) { expanded, url.Url };
        foreach (var scheme in new[] { "https://", "http://" })
        {
            if (expanded.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                candidates.Add(expanded[scheme.Length..]);
            }
        }

        foreach (var candidate in candidates.ToList())
        {
            candidates.Add(candidate.EndsWith('/') ? candidate.TrimEnd('/') : candidate + "/");
        }

        return candidates
            .Where(c => c.Length > 0 && at + c.Length <= sent.Length && SameUrl(sent.AsSpan(at, c.Length), c))
            .Select(c => c.Length)
            .OrderByDescending(length => length)
            .ToList();
    }

    /// <summary>Scheme and host compare without case (X may lower-case them); the rest exactly.</summary>
    private static bool SameUrl(ReadOnlySpan<char> sent, string candidate)
    {
        var hostEnd = candidate.IndexOf('/', candidate.IndexOf("://", StringComparison.Ordinal) is var s and >= 0 ? s + 3 : 0);
        var head = hostEnd < 0 ? candidate.Length : hostEnd;
        return sent[..head].Equals(candidate.AsSpan(0, head), StringComparison.OrdinalIgnoreCase)
            && sent[head..].SequenceEqual(candidate.AsSpan(head));
    }

    [GeneratedRegex("&(amp|lt|gt);", RegexOptions.CultureInvariant)]
    private static partial Regex XEntities();

    [GeneratedRegex(@"\s*https://t\.co/[A-Za-z0-9]+\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingTcoLink();

    private sealed record Segment(string? Literal, RemoteUrlEntity? Url);
}
