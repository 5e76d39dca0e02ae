using PoliceFeeds.Core.Networks;
using PoliceFeeds.Core.Publishing;

namespace PoliceFeeds.UnitTests.Networks;

public sealed class NetworkTextRulesTests
{
    private const string LongLink = "https://www.interieur.gouv.fr/Actualites/Communiques/Appel-a-temoins-disparition-inquietante-en-Loire-Atlantique-le-point-sur-les-recherches-menees-par-la-police-nationale-et-la-gendarmerie-depuis-hier-soir";

    [Fact]
    public void A_link_counts_23_on_x_and_mastodon_and_its_real_length_on_bluesky()
    {
        var text = new string('a', 150) + " " + LongLink;

        var x = NetworkTextRules.Check(PublishingNetwork.X, text);
        var mastodon = NetworkTextRules.Check(PublishingNetwork.Mastodon, text);
        var bluesky = NetworkTextRules.Check(PublishingNetwork.Bluesky, text);

        Assert.Equal((174, 280, true), (x.Count, x.Limit, x.IsValid));
        Assert.Equal((174, 500, true), (mastodon.Count, mastodon.Limit, mastodon.IsValid));
        Assert.Equal((151 + LongLink.Length, 300, false), (bluesky.Count, bluesky.Limit, bluesky.IsValid));
    }

    [Theory]
    [InlineData("👨‍👩‍👧‍👦", 1)]
    [InlineData("🇫🇷", 1)]
    [InlineData("é", 1)]
    [InlineData("e\u0301", 1)]
    public void Bluesky_counts_what_a_reader_sees_as_one_character_once(string text, int graphemes)
    {
        Assert.Equal(graphemes, NetworkTextRules.Check(PublishingNetwork.Bluesky, text).Count);
    }

    [Fact]
    public void Exactly_at_each_limit_is_accepted_and_one_more_is_not()
    {
        Assert.True(NetworkTextRules.Check(PublishingNetwork.Bluesky, new string('é', 300)).IsValid);
        Assert.False(NetworkTextRules.Check(PublishingNetwork.Bluesky, new string('é', 301)).IsValid);
        Assert.True(NetworkTextRules.Check(PublishingNetwork.Mastodon, new string('é', 500)).IsValid);
        Assert.False(NetworkTextRules.Check(PublishingNetwork.Mastodon, new string('é', 501)).IsValid);
    }

    [Fact]
    public void Mastodon_counts_against_the_account_s_own_instance_limits_when_they_were_read()
    {
        var text = new string('a', 150) + " " + LongLink;

        var small = NetworkTextRules.Check(PublishingNetwork.Mastodon, text, new AccountTextLimits(MaxCharacters: 170, CharactersPerUrl: 30));
        var large = NetworkTextRules.Check(PublishingNetwork.Mastodon, new string('é', 900), new AccountTextLimits(MaxCharacters: 1000));
        var unknown = NetworkTextRules.Check(PublishingNetwork.Mastodon, new string('é', 900), AccountTextLimits.Defaults);

        Assert.Equal((181, 170, false), (small.Count, small.Limit, small.IsValid));
        Assert.Equal((900, 1000, true), (large.Count, large.Limit, large.IsValid));
        Assert.Equal((900, 500, false), (unknown.Count, unknown.Limit, unknown.IsValid));
    }

    [Fact]
    public void An_account_s_limits_do_not_change_x_or_bluesky()
    {
        var limits = new AccountTextLimits(MaxCharacters: 1000, CharactersPerUrl: 5);

        Assert.Equal(280, NetworkTextRules.Check(PublishingNetwork.X, "a", limits).Limit);
        Assert.Equal(300, NetworkTextRules.Check(PublishingNetwork.Bluesky, "a", limits).Limit);
    }

    [Fact]
    public void Bluesky_refuses_a_text_within_its_graphemes_but_over_its_bytes()
    {
        // An "e" with five combining acute accents is one grapheme of 11 bytes: 300 of them make 3,300 bytes.
        var heavy = string.Concat(Enumerable.Repeat("e\u0301\u0301\u0301\u0301\u0301", 300));

        var check = NetworkTextRules.Check(PublishingNetwork.Bluesky, heavy);

        Assert.Equal(300, check.Count);
        Assert.True(check.BytesOver);
        Assert.False(check.IsValid);
    }
}
