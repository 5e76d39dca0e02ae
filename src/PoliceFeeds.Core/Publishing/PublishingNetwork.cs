namespace PoliceFeeds.Core.Publishing;

/// <summary>The social network a publishing account belongs to. Stored as its number: never renumber.</summary>
public enum PublishingNetwork
{
    X = 0,
    Bluesky = 1,
    Mastodon = 2,
}
