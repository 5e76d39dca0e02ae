using PoliceFeeds.Core.Networks.Mastodon;

namespace PoliceFeeds.UnitTests.Networks.Mastodon;

/// <summary>Recognising our status among the account's: by its source text when the instance gives it, by its HTML otherwise.</summary>
public sealed class MastodonStatusMatchTests
{
    /// <summary>A status's content as Mastodon 4.x renders "Accident :\n\nvoir https://www.example.fr/deviation/nord-est-longue-adresse @alice@autre.social #A11\nMerci".</summary>
    private const string Content =
        "<p>Accident :</p><p>voir <a href=\"https://www.example.fr/deviation/nord-est-longue-adresse\" target=\"_blank\" rel=\"nofollow noopener\" translate=\"no\">"
        + "<span class=\"invisible\">https://www.</span><span class=\"ellipsis\">example.fr/deviation/nord-est-l</span><span class=\"invisible\">ongue-adresse</span></a> "
        + "<span class=\"h-card\" translate=\"no\"><a href=\"https://autre.social/@alice\" class=\"u-url mention\">@<span>alice</span></a></span> "
        + "<a href=\"https://social.example/tags/A11\" class=\"mention hashtag\" rel=\"tag\">#<span>A11</span></a><br />Merci &amp; à bientôt</p>";

    private const string Sent = "Accident :\n\nvoir https://www.example.fr/deviation/nord-est-longue-adresse @alice@autre.social #A11\nMerci & à bientôt";

    [Fact]
    public void The_HTML_comes_back_to_the_text_with_the_whole_URL()
    {
        Assert.Equal("Accident :\n\nvoir https://www.example.fr/deviation/nord-est-longue-adresse @alice #A11\nMerci & à bientôt", MastodonStatusMatch.HtmlToText(Content));
    }

    [Fact]
    public void Without_the_source_the_HTML_is_matched_with_mentions_shortened()
    {
        Assert.True(MastodonStatusMatch.IsCopy(Sent, 0, null, Content, 0));
        Assert.False(MastodonStatusMatch.IsCopy(Sent.Replace("#A11", "#A10", StringComparison.Ordinal), 0, null, Content, 0));
        Assert.False(MastodonStatusMatch.IsCopy(Sent, 1, null, Content, 0));
    }

    [Fact]
    public void With_the_source_the_match_is_exact_but_for_line_endings_and_normalisation()
    {
        Assert.True(MastodonStatusMatch.IsCopy("Café\r\nfermé", 1, "Cafe\u0301\nfermé", "<p>ignored</p>", 1));
        Assert.False(MastodonStatusMatch.IsCopy("Café  fermé", 1, "Café fermé", "<p>Café fermé</p>", 1));
    }
}
