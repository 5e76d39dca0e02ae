using System.Diagnostics;
using PoliceFeeds.Core.Text;

namespace PoliceFeeds.UnitTests.Text;

/// <summary>The cases of issue 14 and the hostile texts that made the old regular expression backtrack.</summary>
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
