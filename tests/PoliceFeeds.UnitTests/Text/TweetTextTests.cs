using PoliceFeeds.Core.Text;

namespace PoliceFeeds.UnitTests.Text;

public sealed class TweetTextTests
{
    [Theory]
    [InlineData("\uFFFE")]
    [InlineData("a\uFEFFb")]
    [InlineData("\uFFFF")]
    public void Text_with_characters_X_refuses_is_invalid_and_never_throws(string text)
    {
        var result = TweetText.Parse(text);

        Assert.True(result.HasInvalidCharacters);
        Assert.False(result.IsValid);
    }

    [Fact]
    public void Text_with_a_lone_surrogate_is_invalid()
    {
        var text = "lone " + (char)0xD800 + " surrogate";

        Assert.True(TweetText.Parse(text).HasInvalidCharacters);
    }

    [Fact]
    public void Latin_text_weighs_one_per_character() => Assert.Equal(12, TweetText.WeightedLength("Bonjour Brest"[..12]));

    [Fact]
    public void Cjk_characters_weigh_two() => Assert.Equal(4, TweetText.WeightedLength("警察"));

    [Fact]
    public void Combining_accents_are_normalised_first() => Assert.Equal(1, TweetText.WeightedLength("e\u0301"));

    [Fact]
    public void Empty_text_is_invalid() => Assert.False(TweetText.Parse("").IsValid);
}
