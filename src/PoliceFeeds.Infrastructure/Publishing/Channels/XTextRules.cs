using PoliceFeeds.Infrastructure.XApi;

namespace PoliceFeeds.Infrastructure.Publishing.Channels;

/// <summary>How X's answers are read for the publisher: whether a returned post is a text we sent, and the reply rule.</summary>
internal static class XSentText
{
    /// <summary>Whether <paramref name="post"/>, as X returns it, is <paramref name="sentText"/> sent with <paramref name="photoCount"/> photos.</summary>
    public static bool Matches(string sentText, int photoCount, XPostSummary post) =>
        string.Equals(Normalize(post.Text), Normalize(sentText), StringComparison.Ordinal);

    private static string Normalize(string text) => text.Normalize(System.Text.NormalizationForm.FormC).Trim();
}

/// <summary>X's reply rule (23 February 2026): a reply is refused unless the original's author engaged the account.</summary>
internal static class XReplyRule
{
    public static bool IsRefusal(int statusCode, string detail) =>
        statusCode == 403 && detail.Contains("not been mentioned or otherwise engaged", StringComparison.OrdinalIgnoreCase);
}
