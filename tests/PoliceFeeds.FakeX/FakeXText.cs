using System.Security.Cryptography;
using System.Text;
using PoliceFeeds.Core.Text;

namespace PoliceFeeds.FakeX;

/// <summary>One of a post's <c>entities.urls</c>, indices in code points of the stored text as X gives them.</summary>
public sealed record FakeXUrlEntity(int Start, int End, string Url, string ExpandedUrl, string DisplayUrl, string? MediaKey);

/// <summary>
/// What X does to a post's text when it stores it: every URL becomes a t.co link of 23 characters, <c>&amp;</c>,
/// <c>&lt;</c> and <c>&gt;</c> become HTML entities, and a t.co link to the media is appended when photos are
/// attached. The URL entities say which t.co link stands for which URL (and which one is the media link).
/// </summary>
internal static class FakeXText
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static (string Text, IReadOnlyList<FakeXUrlEntity> Urls) Store(string sent, string username, string postId, IReadOnlyList<string> mediaKeys)
    {
        var text = new StringBuilder();
        var urls = new List<FakeXUrlEntity>();
        var cursor = 0;
        foreach (var url in TweetText.ExtractUrlsWithIndices(sent))
        {
            text.Append(Encode(sent[cursor..url.Start]));
            var original = sent.Substring(url.Start, url.Length);
            var expanded = original.Contains("://", StringComparison.Ordinal) ? original : "http://" + original;
            urls.Add(Append(text, NewTco(), expanded, Display(expanded), null));
            cursor = url.Start + url.Length;
        }

        text.Append(Encode(sent[cursor..]));
        if (mediaKeys.Count > 0)
        {
            if (text.Length > 0)
            {
                text.Append(' ');
            }

            var tco = NewTco();
            urls.Add(Append(text, tco, $"https://x.com/{username}/status/{postId}/photo/1", "pic.x.com/" + tco["https://t.co/".Length..], mediaKeys[0]));
        }

        return (text.ToString(), urls);
    }

    /// <summary>X's escaping of a post's text: only these three characters.</summary>
    public static string Encode(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static FakeXUrlEntity Append(StringBuilder text, string tco, string expanded, string display, string? mediaKey)
    {
        var start = CodePoints(text.ToString());
        text.Append(tco);
        return new FakeXUrlEntity(start, start + tco.Length, tco, expanded, display, mediaKey);
    }

    /// <summary>"https://t.co/" and ten letters or digits: 23 characters, as X's links.</summary>
    private static string NewTco() =>
        "https://t.co/" + string.Create(10, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
            }
        });

    /// <summary>As X displays a link: no scheme, no "www.", cut at 25 characters with an ellipsis.</summary>
    private static string Display(string expanded)
    {
        var display = expanded[(expanded.IndexOf("://", StringComparison.Ordinal) + 3)..];
        if (display.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
        {
            display = display[4..];
        }

        return display.Length > 25 ? display[..25] + "…" : display;
    }

    private static int CodePoints(string text) => text.EnumerateRunes().Count();
}
