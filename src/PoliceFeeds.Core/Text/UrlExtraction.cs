namespace PoliceFeeds.Core.Text;

/// <summary>
/// twitter-text 3.1.0's <c>extractUrlsWithIndices</c> (URLs without protocol included) and its <c>isValidUrl</c> and
/// <c>idna.toAscii</c>, on top of the linear <see cref="UrlScanner"/>.
/// </summary>
internal static class UrlExtraction
{
    private const string DefaultProtocol = "https://";
    private const string PunycodePrefix = "xn--";
    private const int MaxUrlLength = 4096;
    private const int MaxTcoSlugLength = 40;
    private const int MaxDomainLabelLength = 63;

    public static IReadOnlyList<TweetUrl> Extract(string text)
    {
        var urls = new List<TweetUrl>();
        if (string.IsNullOrEmpty(text) || !text.Contains('.', StringComparison.Ordinal))
        {
            return urls;
        }

        foreach (var match in UrlScanner.Matches(text))
        {
            var start = match.UrlStart;
            var end = match.End;
            var url = text[start..end];
            var protocolLength = match.DomainStart - match.UrlStart;
            var domain = text[match.DomainStart..match.DomainEnd];
            if (!IsValidUrl(url, protocolLength > 0 ? protocolLength : DefaultProtocol.Length, domain))
            {
                continue;
            }

            if (protocolLength == 0)
            {
                // invalidUrlWithoutProtocolPrecedingChars: /[-_.\/]$/ on the preceding character.
                if (match.UrlStart > match.MatchStart && text[match.MatchStart] is '-' or '_' or '.' or '/')
                {
                    continue;
                }

                TweetUrl? last = null;
                var asciiEnd = 0;
                foreach (var ascii in AsciiDomainScanner.Matches(domain))
                {
                    var asciiStart = domain.IndexOf(ascii, asciiEnd, StringComparison.Ordinal);
                    asciiEnd = asciiStart + ascii.Length;
                    last = new TweetUrl(start + asciiStart, start + asciiEnd, ascii);
                    urls.Add(last);
                }

                if (last is null)
                {
                    continue;
                }

                if (match.HasPath)
                {
                    // lastUrl.url = url.replace(domain, lastUrl.url); lastUrl.indices[1] = endPosition
                    var at = url.IndexOf(domain, StringComparison.Ordinal);
                    urls[^1] = last with { End = end, Url = url[..at] + last.Url + url[(at + domain.Length)..] };
                }
            }
            else
            {
                var tcoEnd = TcoUrlEnd(url, out var slugLength);
                if (tcoEnd >= 0)
                {
                    if (slugLength > MaxTcoSlugLength)
                    {
                        continue;
                    }

                    url = url[..tcoEnd];
                    end = start + url.Length;
                }

                urls.Add(new TweetUrl(start, end, url));
            }
        }

        return urls;
    }

    private static bool IsValidUrl(string url, int protocolLength, string domain)
    {
        var ascii = ToAscii(domain);
        if (string.IsNullOrEmpty(ascii))
        {
            return false;
        }

        return protocolLength + url.Length + ascii.Length - domain.Length <= MaxUrlLength;
    }

    /// <summary>twitter-text's lightweight IDNA check: every label encodes (punycode, no validation) to 1–63 characters.</summary>
    private static string? ToAscii(string domain)
    {
        if (domain.StartsWith(PunycodePrefix, StringComparison.Ordinal) && !AsciiDomainScanner.IsMatch(domain))
        {
            return null;
        }

        var labels = domain.Split('.');
        foreach (var label in labels)
        {
            // The encoding is never shorter than the label's code points: a longer label is refused without encoding
            // (punycode.js would throw "overflow" on some labels of thousands of characters; none of those is valid).
            if (Punycode.CodePointCount(label) > MaxDomainLabelLength)
            {
                return null;
            }

            var length = Punycode.ToAscii(label).Length;
            if (length is < 1 or > MaxDomainLabelLength)
            {
                return null;
            }
        }

        return string.Join('.', labels);
    }

    /// <summary>
    /// validTcoUrl, <c>^https?:\/\/t\.co\/([a-z0-9]+)(?:\?queryChars*queryEndingChar)?</c> (flag i): the match's end
    /// in <paramref name="url"/>, or -1.
    /// </summary>
    private static int TcoUrlEnd(string url, out int slugLength)
    {
        slugLength = 0;
        var protocol = UrlScanner.ProtocolLength(url, 0);
        if (protocol == 0 || !JsCharClasses.MatchesIgnoreCase(url, protocol, "t.co/"))
        {
            return -1;
        }

        var slugStart = protocol + "t.co/".Length;
        var end = slugStart;
        while (JsCharClasses.Is(url, end, UrlCharClass.TcoSlugChar))
        {
            end++;
        }

        slugLength = end - slugStart;
        if (slugLength == 0)
        {
            return -1;
        }

        if (end < url.Length && url[end] == '?' && UrlScanner.QueryEnd(url, end + 1) is var queryEnd and >= 0)
        {
            end = queryEnd;
        }

        return end;
    }
}
