using System.Diagnostics;
using PoliceFeeds.Core.Text;

namespace PoliceFeeds.UnitTests.Text;

/// <summary>The cases of issues 14 and 22 and the hostile texts that made the old regular expression backtrack.</summary>
public sealed class UrlScannerTests
{
    [Theory]
    [InlineData("👉www.service-public.fr", 25)]
    [InlineData("👉www.service-public.fr/particuliers/vosdroits/F1234/demarches-en-ligne-et-formulaires", 25)]
    [InlineData("שלוםwww.example.com/a/b", 27)]
    [InlineData("👮‍♀️gendarmerie.interieur.gouv.fr", 25)]
    [InlineData("Voir www.exa\u0001mple.com", 36)]
    public void A_url_without_protocol_glued_to_an_emoji_or_a_word_counts_as_twitter_text_says(string text, int expected) =>
        Assert.Equal(expected, TweetText.WeightedLength(text));

    // Issue 22: in twitter-text's path grammar a parenthesised group ends a path segment only where the segment starts
    // with it or after an ending character (letter, accent, digit, / - + = _ #): after '–', ',', '!', '@', ':' (path
    // characters that cannot end a path) the path stops at the last ending character and the URL in the parentheses is
    // a URL of its own. Texts from the differential test's mismatches; lengths and URLs from twitter-text 3.1.0.
    [Theory]
    [InlineData("Voir https://www.interieur.gouv.fr/actualités–(https://x.fr/a) #Brest", 61, "5-45 47-61")]
    [InlineData("#é\nhttps://👮.interieur.fr/a-b_cŀ((a👉b.fm/a/b/c.html..–(hTTp://a-b.123.a-.fr1/Actualités/Témoins)…@«#_é", 106, "3-33 38-53")]
    [InlineData("a_b.a.onion/é&r=é(ǅé):(a)!|«lien.$EUR", 41, "2-21")]
    [InlineData("Appel à témoins : gendarmerie.fr/@(https://x.fr)?q=1", 71, "18-33 35-47")]
    [InlineData("x.fr/é,(y.fr)", 49, "0-6 8-12")]
    [InlineData("x.fr/é!(y.fr)", 49, "0-6 8-12")]
    [InlineData("x.fr/é(a)–(y.fr)", 49, "0-9 11-15")]
    [InlineData("x.fr/(é)–(y.fr)", 49, "0-8 10-14")]
    public void A_parenthesised_url_after_a_path_character_that_cannot_end_a_path_is_a_url_of_its_own(string text, int expected, string urls)
    {
        Assert.Equal(expected, TweetText.WeightedLength(text));
        Assert.Equal(urls, string.Join(" ", TweetText.ExtractUrlsWithIndices(text).Select(u => $"{u.Start}-{u.End}")));
    }

    [Fact]
    public void Two_urls_where_the_path_stops_before_the_parentheses_can_take_a_text_over_280()
    {
        var result = TweetText.Parse(new string('a', 231) + " x.fr/é,(y.fr)");

        Assert.Equal(281, result.WeightedLength);
        Assert.False(result.IsValid);
    }

    [Theory]
    [InlineData("x.fr/é(y.fr)", "0-12")]
    [InlineData("x.fr/(a)(b)", "0-11")]
    [InlineData("x.fr/a/(b)", "0-10")]
    [InlineData("https://example.com/abcé(https://x.com)", "0-39")]
    public void A_parenthesised_group_after_an_ending_character_or_at_a_segment_start_stays_in_the_path(string text, string urls) =>
        Assert.Equal(urls, string.Join(" ", TweetText.ExtractUrlsWithIndices(text).Select(u => $"{u.Start}-{u.End}")));

    [Fact]
    public void A_lone_surrogate_is_valid_for_twitter_text_but_flagged_as_an_invalid_character()
    {
        var result = TweetText.Parse("Voir \uD800 www.x.fr");

        Assert.Equal(31, result.WeightedLength);
        Assert.True(result.IsValid);
        Assert.True(result.HasInvalidCharacters);
    }

    [Theory]
    [InlineData("bücher", "bcher-kva")]
    [InlineData("例え", "r8jz45g")]
    [InlineData("пример", "e1afmkfd")]
    [InlineData("\uD83D\uDC49www", "www-k113b")]
    public void Punycode_encodes_as_rfc_3492(string label, string expected) => Assert.Equal(expected, Punycode.Encode(label));

    [Fact]
    public void Punycode_to_ascii_encodes_control_characters_as_punycode_1_4_1_does() =>
        Assert.Equal("xn--a\u0001b-", Punycode.ToAscii("a\u0001b"));

    [Theory]
    [InlineData(140)]
    [InlineData(5000)]
    public void Dotted_runs_are_parsed_in_linear_time(int repeats)
    {
        var text = string.Concat(Enumerable.Repeat("a.", repeats));
        TweetText.Parse(text);
        var watch = Stopwatch.StartNew();

        var result = TweetText.Parse(text);

        Assert.Equal(repeats * 2, result.WeightedLength);
        Assert.True(watch.ElapsedMilliseconds < 250, $"{watch.ElapsedMilliseconds} ms");
    }

    [Theory]
    [InlineData("http://x.com/", "(a)")]
    [InlineData("http://x.com/", "(")]
    [InlineData("x.com?", "!")]
    [InlineData("www.", "a-")]
    [InlineData("", "👉a.")]
    [InlineData("", "a_b.")]
    public void Hostile_ten_thousand_character_texts_are_parsed_quickly(string prefix, string unit)
    {
        var text = prefix + string.Concat(Enumerable.Repeat(unit, (TweetText.MaxTextLength - prefix.Length) / unit.Length));
        var watch = Stopwatch.StartNew();

        TweetText.Parse(text);

        Assert.True(watch.ElapsedMilliseconds < 500, $"{watch.ElapsedMilliseconds} ms");
    }
}
