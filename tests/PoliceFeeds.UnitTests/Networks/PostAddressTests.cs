using PoliceFeeds.Core.Networks.Bluesky;
using PoliceFeeds.Core.Networks.Mastodon;

namespace PoliceFeeds.UnitTests.Networks;

/// <summary>Addresses a validator pastes for "à vérifier à la main", on Bluesky and Mastodon: the account's own posts only.</summary>
public sealed class PostAddressTests
{
    private const string Did = "did:plc:abcdefghijklmnopqrstuvwx";

    [Theory]
    [InlineData("https://bsky.app/profile/police44.bsky.social/post/3lbgzq2x4ys2a", "at://" + Did + "/app.bsky.feed.post/3lbgzq2x4ys2a")]
    [InlineData("  https://bsky.app/profile/Police44.bsky.social/post/3lbgzq2x4ys2a/?ref=x  ", "at://" + Did + "/app.bsky.feed.post/3lbgzq2x4ys2a")]
    [InlineData("https://bsky.app/profile/" + Did + "/post/3lbgzq2x4ys2a", "at://" + Did + "/app.bsky.feed.post/3lbgzq2x4ys2a")]
    [InlineData("https://bsky.app/profile/someone.bsky.social/post/3lbgzq2x4ys2a", null)]
    [InlineData("https://x.com/police44/status/123", null)]
    [InlineData("http://bsky.app/profile/police44.bsky.social/post/3lbgzq2x4ys2a", null)]
    [InlineData("https://bsky.app/profile/police44.bsky.social", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void A_bluesky_address_of_the_account_gives_the_post_s_at_uri(string? address, string? expected) =>
        Assert.Equal(expected, BlueskyPostAddress.PostUriOf(address, "police44.bsky.social", Did));

    [Fact]
    public void Without_the_account_s_did_no_bluesky_address_is_accepted() =>
        Assert.Null(BlueskyPostAddress.PostUriOf("https://bsky.app/profile/police44.bsky.social/post/3lbgzq2x4ys2a", "police44.bsky.social", null));

    [Theory]
    [InlineData("https://social.example.gouv.fr/@police44/113456789012345678", "113456789012345678")]
    [InlineData("https://social.example.gouv.fr/@Police44/113456789012345678/", "113456789012345678")]
    [InlineData("https://social.example.gouv.fr/users/police44/statuses/113456789012345678", "113456789012345678")]
    [InlineData("https://mastodon.social/@police44/113456789012345678", null)]
    [InlineData("https://social.example.gouv.fr/@other/113456789012345678", null)]
    [InlineData("https://social.example.gouv.fr/@police44", null)]
    [InlineData("http://social.example.gouv.fr/@police44/1", null)]
    [InlineData(null, null)]
    public void A_mastodon_address_on_the_account_s_instance_gives_the_status_id(string? address, string? expected) =>
        Assert.Equal(expected, MastodonPostAddress.StatusIdOf(address, "police44", "https://social.example.gouv.fr"));
}
