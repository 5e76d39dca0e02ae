using PoliceFeeds.Infrastructure.XApi;

namespace PoliceFeeds.UnitTests.XApi;

/// <summary>Vectors from X's documentation page "Creating a signature".</summary>
public sealed class OAuth1SignerTests
{
    private static readonly KeyValuePair<string, string>[] DocumentedParameters =
    [
        new("status", "Hello Ladies + Gentlemen, a signed OAuth request!"),
        new("include_entities", "true"),
        new("oauth_consumer_key", "xvz1evFS4wEEPTGEFPHBog"),
        new("oauth_nonce", "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg"),
        new("oauth_signature_method", "HMAC-SHA1"),
        new("oauth_timestamp", "1318622958"),
        new("oauth_token", "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb"),
        new("oauth_version", "1.0"),
    ];

    private const string ConsumerSecret = "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw";
    private const string TokenSecret = "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE";

    [Theory]
    [InlineData("https://api.twitter.com/1.1/statuses/update.json", "hCtSmYh+iHYCEqBWrE7C7hYmtUk=")]
    [InlineData("https://api.x.com/1.1/statuses/update.json", "Ls93hJiZbQ3akF3HF3x1Bz8/zU4=")]
    public void Documented_example_gives_the_documented_signature(string url, string expected) =>
        Assert.Equal(expected, OAuth1Signer.Signature("POST", new Uri(url), DocumentedParameters, ConsumerSecret, TokenSecret));

    [Fact]
    public void Base_string_follows_the_documentation()
    {
        var baseString = OAuth1Signer.SignatureBaseString("post", new Uri("https://api.twitter.com/1.1/statuses/update.json"), DocumentedParameters);

        Assert.StartsWith("POST&https%3A%2F%2Fapi.twitter.com%2F1.1%2Fstatuses%2Fupdate.json&include_entities%3Dtrue%26oauth_consumer_key%3Dxvz1evFS4wEEPTGEFPHBog", baseString, StringComparison.Ordinal);
        Assert.EndsWith("status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth%2520request%2521", baseString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Ladies + Gentlemen", "Ladies%20%2B%20Gentlemen")]
    [InlineData("☃", "%E2%98%83")]
    [InlineData("An encoded string!", "An%20encoded%20string%21")]
    [InlineData("Dogs, Cats & Mice", "Dogs%2C%20Cats%20%26%20Mice")]
    [InlineData("-._~", "-._~")]
    public void Percent_encoding_follows_RFC_3986(string value, string expected) => Assert.Equal(expected, OAuth1Signer.PercentEncode(value));

    [Fact]
    public void Header_carries_the_oauth_parameters_and_the_signature()
    {
        var header = OAuth1Signer.AuthorizationHeader("POST", new Uri("https://api.x.com/2/tweets"), [], "ck", "cs", "tk", "ts", "nonce", 1700000000);

        Assert.StartsWith("OAuth ", header, StringComparison.Ordinal);
        Assert.Contains("oauth_consumer_key=\"ck\"", header, StringComparison.Ordinal);
        Assert.Contains("oauth_token=\"tk\"", header, StringComparison.Ordinal);
        Assert.Contains("oauth_signature=\"", header, StringComparison.Ordinal);
        Assert.DoesNotContain("cs", header.Replace("oauth_consumer_key", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
