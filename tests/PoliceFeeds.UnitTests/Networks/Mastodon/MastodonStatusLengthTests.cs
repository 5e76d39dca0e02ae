using PoliceFeeds.Core.Networks.Mastodon;

namespace PoliceFeeds.UnitTests.Networks.Mastodon;

/// <summary>
/// The status length as Mastodon's <c>StatusLengthValidator</c> counts it. The first cases are those of Mastodon's own
/// spec (<c>spec/validators/status_length_validator_spec.rb</c>, mastodon/mastodon commit
/// 034e5a66b6044070fca35f98cfbda37103dcaaff), restated as data; the others follow the validator's and the extractor's
/// code (<c>app/validators/status_length_validator.rb</c>, <c>app/lib/extractor.rb</c>,
/// <c>config/initializers/twitter_regex.rb</c>, the twitter-text gem 3.1's <c>regex.rb</c> and <c>extractor.rb</c>).
/// </summary>
public sealed class MastodonStatusLengthTests
{
    private static readonly MastodonLimits Limits = MastodonLimits.Default;

    // ---- Mastodon's spec ----
    [Fact]
    public void Spec_adds_an_error_when_content_warning_is_over_500_characters() =>
        Assert.False(MastodonStatusLength.Check("", Limits, new string('a', 520)).IsValid);

    [Fact]
    public void Spec_adds_an_error_when_text_is_over_500_characters() =>
        Assert.False(MastodonStatusLength.Check(new string('a', 520), Limits).IsValid);

    [Fact]
    public void Spec_adds_an_error_when_text_and_content_warning_are_over_500_characters_total() =>
        Assert.False(MastodonStatusLength.Check(new string('b', 251), Limits, new string('a', 250)).IsValid);

    [Fact]
    public void Spec_counts_URLs_as_23_characters_flat()
    {
        var check = MastodonStatusLength.Check(new string('a', 476) + $" http://{new string('b', 30)}.com/example", Limits);
        Assert.True(check.IsValid);
        Assert.Equal(476 + 1 + 23, check.Count);
    }

    [Fact]
    public void Spec_counts_only_the_front_part_of_remote_usernames()
    {
        var check = MastodonStatusLength.Check(new string('a', 475) + $" @alice@{new string('b', 30)}.com", Limits);
        Assert.True(check.IsValid);
        Assert.Equal(475 + 1 + 6, check.Count);
    }

    // ---- The validator's code ----
    [Theory]
    [InlineData("Bonjour", 7)]
    [InlineData("", 0)]
    [InlineData("   \n ", 0)] // blank: counts nothing (Rails' blank?)
    [InlineData("Contrôle routier à Nantes", 25)]
    [InlineData("👮‍♀️ patrouille", 12)] // one grapheme cluster for the ZWJ sequence
    [InlineData("🇫🇷", 1)] // a flag is one grapheme cluster
    [InlineData("e\u0301", 1)] // a combining accent joins its letter
    [InlineData("Voir https://www.service-public.fr/particuliers/vosdroits/F1234 #Nantes", 5 + 23 + 8)]
    [InlineData("Voir www.service-public.fr", 26)] // no protocol: no concession
    [InlineData("Voir service-public.fr/a", 24)]
    [InlineData("https://example.com", 23)]
    [InlineData("https://ab.fr", 23)] // a short URL counts 23 too
    [InlineData("HTTPS://EXAMPLE.COM/PATH", 23)]
    [InlineData("gemini://example.org/x", 23)] // Mastodon's extra protocols
    [InlineData("ftp://example.org/x", 19)] // not a protocol Mastodon knows: the domain alone is no URL without one
    [InlineData("https://example.invalidtld", 26)] // unknown top-level domain: no URL
    [InlineData("(https://example.com/a_(b))", 25)] // balanced parentheses in the path
    [InlineData("https://example.com/a.", 24)] // a final dot is not part of the URL
    [InlineData("https://example.com/chemin?x=1&y=2", 23)]
    [InlineData("https://t.co/abc", 23)]
    [InlineData("https://example.com/é-à", 23)] // Mastodon's broad path characters
    [InlineData("a.fr/https://b.fr", 17)] // the protocol-less match a.fr/... is consumed, then skipped: it hides the URL
    [InlineData("a.fr /https://b.fr", 5 + 1 + 23)]
    [InlineData("@alice", 6)]
    [InlineData("@alice@example.com", 6)]
    [InlineData("Merci @alice@social.numerique.gouv.fr !", 14)]
    [InlineData("mail@example.com", 16)] // preceded by a word character: no mention
    [InlineData("@alice@", 7)] // followed by an at sign: no mention
    [InlineData("@alice://", 9)]
    [InlineData("@alice@example.com https://example.com/x", 6 + 1 + 23)]
    [InlineData("https://example.com/@alice@example.com", 23)] // the mention inside the URL overlaps it: dropped
    public void Counts_as_Mastodon_does(string text, int expected) =>
        Assert.Equal(expected, MastodonStatusLength.Check(text, Limits).Count);

    [Fact]
    public void A_URL_without_protocol_before_one_with_protocol_does_not_hide_it() =>
        Assert.Equal(4 + 1 + 23, MastodonStatusLength.Check("a.fr https://example.com/x", Limits).Count);

    [Fact]
    public void The_url_weight_is_the_instance_s()
    {
        var limits = new MastodonLimits(MaxCharacters: 1000, CharactersReservedPerUrl: 30);
        var check = MastodonStatusLength.Check("https://example.com", limits);
        Assert.Equal(new MastodonLengthCheck(30, 1000), check);
    }

    [Fact]
    public void The_limit_is_inclusive()
    {
        Assert.True(MastodonStatusLength.Check(new string('a', 500), Limits).IsValid);
        Assert.False(MastodonStatusLength.Check(new string('a', 501), Limits).IsValid);
        Assert.Equal(-1, MastodonStatusLength.Check(new string('a', 501), Limits).Remaining);
    }

    public static TheoryData<string> HostileTexts => new()
    {
        "https://example.com/" + string.Concat(Enumerable.Repeat("(a", 2000)) + " fin",
        "Note : " + new string('a', 10_000),
        string.Concat(Enumerable.Repeat("a.", 5_000)) + ":",
        string.Concat(Enumerable.Repeat("a-", 5_000)) + " https://example.com",
        "https://example.com/" + new string('!', 10_000),
        string.Concat(Enumerable.Repeat("@a", 5_000)),
        "https://example.com/?" + new string('?', 10_000),
    };

    [Fact]
    public void A_long_run_of_domain_characters_after_a_protocol_backtracks_as_Mastodon_does_and_times_out()
    {
        // Mastodon's own patterns backtrack as much on it; the callers treat the time-out (compose: refused; channel: the
        // instance decides).
        Assert.Throws<System.Text.RegularExpressions.RegexMatchTimeoutException>(() => MastodonStatusLength.Check("https://" + string.Concat(Enumerable.Repeat("a-", 5_000)), Limits));
    }

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public void A_long_hostile_text_is_counted_within_the_time_out(string text)
    {
        var check = MastodonStatusLength.Check(text, Limits);
        Assert.True(check.Count > 0);
    }

    [Theory]
    [InlineData(1500, true)]
    [InlineData(1501, false)]
    public void Alt_text_is_counted_in_characters_against_the_description_limit(int length, bool valid) =>
        Assert.Equal(valid, Limits.CheckAltText(new string('a', length)).IsValid);

    [Fact]
    public void Alt_text_counts_code_points_not_grapheme_clusters() =>
        Assert.Equal(3, Limits.CheckAltText("👮‍♀").Count); // police officer, ZWJ, female sign: one grapheme, three code points
}
