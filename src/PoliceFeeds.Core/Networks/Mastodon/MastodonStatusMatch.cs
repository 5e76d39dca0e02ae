using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace PoliceFeeds.Core.Networks.Mastodon;

/// <summary>
/// Whether a status of the account is the one we sent, for the reconciliation of an uncertain attempt. The exact marker
/// is the status's source (<c>GET /api/v1/statuses/:id/source</c> gives the text as it was sent): compared exactly, line
/// endings and Unicode normalisation aside. Without it (a server that has no source endpoint), the HTML
/// <c>content</c> is turned back into text as Mastodon's <c>TextFormatter</c> built it (paragraphs and line breaks,
/// links whose hidden spans still hold the whole URL, <c>#&lt;span&gt;tag&lt;/span&gt;</c>, mentions shortened to
/// <c>@user</c>, entities) and both sides are compared with white space collapsed and remote mentions shortened.
/// </summary>
public static partial class MastodonStatusMatch
{
    public static bool IsCopy(string sentText, int sentPhotos, string? sourceText, string htmlContent, int mediaCount)
    {
        if (mediaCount != sentPhotos)
        {
            return false;
        }

        return sourceText is not null
            ? Exact(sourceText) == Exact(sentText)
            : Loose(HtmlToText(htmlContent)) == Loose(sentText);
    }

    /// <summary>The text of Mastodon's HTML content: breaks and paragraphs as new lines, tags dropped, entities decoded.</summary>
    public static string HtmlToText(string html)
    {
        var text = LineBreak().Replace(html, "\n");
        text = ParagraphBreak().Replace(text, "\n\n");
        text = Tag().Replace(text, "");
        return WebUtility.HtmlDecode(text);
    }

    private static string Exact(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim().Normalize(NormalizationForm.FormC);

    /// <summary>White space collapsed, remote mentions as their local part (Mastodon displays <c>@user</c> only).</summary>
    private static string Loose(string text)
    {
        var normalized = Exact(text);
        var mentions = MastodonStatusLength.RemoveOverlapping(MastodonStatusLength.Mentions(normalized).ToList());
        var builder = new StringBuilder(normalized.Length);
        var last = 0;
        foreach (var mention in mentions)
        {
            builder.Append(normalized, last, mention.Start - last).Append('@').Append(mention.ScreenName!.Split('@')[0]);
            last = mention.End;
        }

        builder.Append(normalized, last, normalized.Length - last);
        return WhiteSpace().Replace(builder.ToString(), " ").Trim();
    }

    [GeneratedRegex(@"<br\s*/?>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex LineBreak();

    [GeneratedRegex(@"</p>\s*<p[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ParagraphBreak();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex WhiteSpace();
}
