using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace PoliceFeeds.FakeMastodon;

/// <summary>
/// A status's HTML <c>content</c> as Mastodon's <c>TextFormatter</c> renders a local status: text escaped; each URL a
/// link whose text is split into an invisible prefix (<c>https://</c>, <c>https://www.</c>), 30 visible characters
/// (class <c>ellipsis</c> when cut) and an invisible rest; each hashtag <c>#&lt;span&gt;tag&lt;/span&gt;</c> linked to
/// the instance's tag page; each mention of a known local account an <c>h-card</c> showing <c>@user</c> only (an
/// unknown account stays text); then <c>simple_format</c>: paragraphs on blank lines, <c>&lt;br /&gt;</c> for single
/// new lines, the new lines themselves removed. Written independently of the client's matcher, on purpose.
/// </summary>
public static partial class FakeMastodonHtml
{
    public static string Render(string text, Uri instance, IReadOnlyDictionary<string, FakeMastodonAccount> localAccounts)
    {
        var html = new StringBuilder();
        var last = 0;
        foreach (Match match in Entity().Matches(text))
        {
            var (start, value) = (match.Index, match.Value);
            if (match.Groups["url"].Success)
            {
                value = TrimUrl(value);
            }

            html.Append(WebUtility.HtmlEncode(text[last..start]));
            if (match.Groups["url"].Success)
            {
                html.Append(Link(value));
            }
            else if (match.Groups["tag"].Success)
            {
                var tag = value[1..];
                html.Append($"<a href=\"{WebUtility.HtmlEncode(new Uri(instance, "tags/" + Uri.EscapeDataString(tag)).AbsoluteUri)}\" class=\"mention hashtag\" rel=\"tag\">#<span>{WebUtility.HtmlEncode(tag)}</span></a>");
            }
            else
            {
                var user = match.Groups["user"].Value;
                var domain = match.Groups["domain"].Success ? match.Groups["domain"].Value : null;
                var local = domain is null || string.Equals(domain, instance.Authority, StringComparison.OrdinalIgnoreCase);
                html.Append(local && localAccounts.TryGetValue(user, out var account)
                    ? $"<span class=\"h-card\" translate=\"no\"><a href=\"{new Uri(instance, "@" + account.Username).AbsoluteUri}\" class=\"u-url mention\">@<span>{WebUtility.HtmlEncode(account.Username)}</span></a></span>"
                    : WebUtility.HtmlEncode(value));
            }

            last = start + value.Length;
        }

        html.Append(WebUtility.HtmlEncode(text[last..]));
        return SimpleFormat(html.ToString());
    }

    /// <summary>Rails' <c>simple_format</c>, then Mastodon's <c>.delete("\n")</c>.</summary>
    private static string SimpleFormat(string html)
    {
        var text = html.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var paragraphs = Paragraphs().Split(text).Select(p => SingleBreak().Replace(p, "$1<br />"));
        return string.Concat(paragraphs.Select(p => $"<p>{p}</p>")).Replace("\n", "", StringComparison.Ordinal);
    }

    /// <summary><c>TextFormatter.shortened_link</c>.</summary>
    private static string Link(string url)
    {
        var prefix = Prefix().Match(url).Value;
        var rest = url[prefix.Length..];
        var display = rest.Length > 30 ? rest[..30] : rest;
        var suffix = rest.Length > 30 ? rest[30..] : "";
        var cutoff = rest.Length > 30;
        if (suffix.Length == 1)
        {
            display += suffix;
            suffix = "";
            cutoff = false;
        }

        return $"<a href=\"{WebUtility.HtmlEncode(url)}\" target=\"_blank\" rel=\"nofollow noopener\" translate=\"no\"><span class=\"invisible\">{WebUtility.HtmlEncode(prefix)}</span><span class=\"{(cutoff ? "ellipsis" : "")}\">{WebUtility.HtmlEncode(display)}</span><span class=\"invisible\">{WebUtility.HtmlEncode(suffix)}</span></a>";
    }

    /// <summary>A URL does not end with punctuation, nor with a closing parenthesis it did not open.</summary>
    private static string TrimUrl(string url)
    {
        while (url.Length > 0 && (".,;:!?'\"".Contains(url[^1], StringComparison.Ordinal) || (url[^1] == ')' && url.Count(c => c == ')') > url.Count(c => c == '('))))
        {
            url = url[..^1];
        }

        return url;
    }

    [GeneratedRegex(@"(?<url>https?://[^\s<>""]+)|(?<tag>(?<![\p{L}\p{N}_&/])#[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)|(?<mention>(?<![=/\p{L}\p{N}_])@(?<user>[A-Za-z0-9_]+(?:[.-]+[A-Za-z0-9_]+)*)(?:@(?<domain>[\p{L}\p{N}_]+(?:[.-]+[\p{L}\p{N}_]+)*))?)", RegexOptions.CultureInvariant)]
    private static partial Regex Entity();

    [GeneratedRegex(@"\A(https?://(www\.)?|xmpp:)", RegexOptions.CultureInvariant)]
    private static partial Regex Prefix();

    [GeneratedRegex(@"\n\n+", RegexOptions.CultureInvariant)]
    private static partial Regex Paragraphs();

    [GeneratedRegex(@"([^\n]\n)(?=[^\n])", RegexOptions.CultureInvariant)]
    private static partial Regex SingleBreak();
}
