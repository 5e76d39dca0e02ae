using PoliceFeeds.Core.Networks.Bluesky;

namespace PoliceFeeds.UnitTests.Networks.Bluesky;

public sealed class BlueskyTextLengthTests
{
    [Theory]
    [InlineData("Appel à témoins", 15, 17)]
    [InlineData("e\u0301te\u0301", 3, 7)]
    [InlineData("👨‍👩‍👧‍👦", 1, 25)]
    [InlineData("🇫🇷", 1, 8)]
    [InlineData("👮🏽‍♂️", 1, 17)]
    [InlineData("🏴󠁧󠁢󠁳󠁣󠁴󠁿", 1, 28)]
    [InlineData("1️⃣", 1, 7)]
    [InlineData("🏳️‍🌈", 1, 14)]
    [InlineData("\r\n", 1, 2)]
    [InlineData("", 0, 0)]
    public void Graphemes_and_bytes_are_counted_as_the_lexicon_does(string text, int graphemes, int bytes)
    {
        var length = BlueskyTextLength.Of(text);

        Assert.Equal(graphemes, length.Graphemes);
        Assert.Equal(bytes, length.Utf8Bytes);
    }

    [Fact]
    public void Three_hundred_graphemes_pass_and_one_more_does_not()
    {
        Assert.True(BlueskyTextLength.Of(new string('é', 300)).IsValid);
        var over = BlueskyTextLength.Of(new string('é', 301));
        Assert.False(over.IsValid);
        Assert.False(over.IsWithinGraphemes);
        Assert.Equal(-1, over.Remaining);
    }

    [Fact]
    public void Three_hundred_family_emoji_are_300_graphemes_but_over_3000_bytes()
    {
        var length = BlueskyTextLength.Of(string.Concat(Enumerable.Repeat("👨‍👩‍👧‍👦", 300)));

        Assert.Equal(300, length.Graphemes);
        Assert.True(length.IsWithinGraphemes);
        Assert.False(length.IsWithinBytes);
        Assert.False(length.IsValid);
    }

    [Fact]
    public void A_lone_surrogate_makes_the_text_invalid()
    {
        Assert.False(BlueskyTextLength.Of("Appel \uD83D à témoins").IsValid);
    }
}
