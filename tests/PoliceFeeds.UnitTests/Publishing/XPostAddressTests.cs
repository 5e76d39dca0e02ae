using PoliceFeeds.Core.Networks.X;

namespace PoliceFeeds.UnitTests.Publishing;

public sealed class XPostAddressTests
{
    [Theory]
    [InlineData("https://x.com/PoliceNat44/status/1866012345678901234", "1866012345678901234")]
    [InlineData("https://twitter.com/policenat44/status/42?s=20", "42")]
    [InlineData("  https://mobile.x.com/PoliceNat44/status/42/#reply ", "42")]
    [InlineData("https://www.twitter.com/PoliceNat44/statuses/42", "42")]
    public void A_post_of_the_account_gives_its_id(string address, string expected) =>
        Assert.Equal(expected, XPostAddress.PostIdOf(address, "@PoliceNat44"));

    [Theory]
    [InlineData("https://x.com/pnationale/status/42")]
    [InlineData("https://x.com/PoliceNat44")]
    [InlineData("https://x.com/PoliceNat44/status/12345678901234567890")]
    [InlineData("https://evil.example/x.com/PoliceNat44/status/42")]
    [InlineData("javascript:alert(1)//x.com/PoliceNat44/status/42")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_refused(string? address) =>
        Assert.Null(XPostAddress.PostIdOf(address, "PoliceNat44"));
}
