using System.Globalization;
using System.Text;

namespace PoliceFeeds.Core.Networks.Bluesky;

/// <summary>
/// How long a post's text is for Bluesky: <c>app.bsky.feed.post</c> allows at most 300 graphemes (extended grapheme
/// clusters: a flag, a family emoji joined by ZWJ or a letter with its combining accents count one) and 3,000 UTF-8 bytes.
/// </summary>
/// <param name="Graphemes">Extended grapheme clusters in the text.</param>
/// <param name="Utf8Bytes">The text's length in UTF-8.</param>
public sealed record BlueskyTextLength(int Graphemes, int Utf8Bytes)
{
    /// <summary>The lexicon's <c>maxGraphemes</c> for a post's text.</summary>
    public const int MaxGraphemes = 300;

    /// <summary>The lexicon's <c>maxLength</c> for a post's text (bytes of UTF-8).</summary>
    public const int MaxUtf8Bytes = 3000;

    /// <summary>Graphemes left before the limit (negative past it): what a counter shows.</summary>
    public int Remaining => MaxGraphemes - Graphemes;

    public bool IsWithinGraphemes => Graphemes <= MaxGraphemes;

    public bool IsWithinBytes => Utf8Bytes <= MaxUtf8Bytes;

    public bool IsValid => IsWithinGraphemes && IsWithinBytes;

    /// <summary>Measures <paramref name="text"/>. A lone surrogate cannot be sent as UTF-8: it makes the text invalid.</summary>
    public static BlueskyTextLength Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var graphemes = 0;
        for (var i = 0; i < text.Length; i += StringInfo.GetNextTextElementLength(text, i))
        {
            graphemes++;
        }

        int bytes;
        try
        {
            bytes = Utf8Strict.GetByteCount(text);
        }
        catch (EncoderFallbackException)
        {
            return new BlueskyTextLength(graphemes, int.MaxValue);
        }

        return new BlueskyTextLength(graphemes, bytes);
    }

    private static readonly UTF8Encoding Utf8Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
