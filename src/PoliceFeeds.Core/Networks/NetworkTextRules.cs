using PoliceFeeds.Core.Networks.Bluesky;
using PoliceFeeds.Core.Networks.Mastodon;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Core.Text;

namespace PoliceFeeds.Core.Networks;

/// <summary>How long a text is for a network, counted as that network counts it, against its limit.</summary>
/// <param name="Count">X: weighted characters (twitter-text); Bluesky: graphemes; Mastodon: characters as its validator counts them.</param>
/// <param name="BytesOver">Bluesky only: the text is within its graphemes but over its 3,000 UTF-8 bytes.</param>
public sealed record NetworkTextCheck(PublishingNetwork Network, int Count, int Limit, bool BytesOver = false)
{
    public bool IsValid => Count <= Limit && !BytesOver;
}

/// <summary>
/// An account's own text limits, read from its server when it was connected (a Mastodon instance's
/// <c>max_characters</c> and <c>characters_reserved_per_url</c>); null values take the network's defaults.
/// </summary>
public sealed record AccountTextLimits(int? MaxCharacters = null, int? CharactersPerUrl = null)
{
    public static AccountTextLimits Defaults { get; } = new();
}

/// <summary>An account a message goes to, as the text rules see it: its network and its own limits.</summary>
public sealed record NetworkTarget(PublishingNetwork Network, AccountTextLimits Limits);

/// <summary>
/// The text rules of every network, in one place for the pages: each network's own count lives in its folder
/// (<see cref="TweetText"/>, <see cref="BlueskyTextLength"/>, <see cref="MastodonStatusLength"/>).
/// </summary>
public static class NetworkTextRules
{
    /// <summary>
    /// <paramref name="text"/> as <paramref name="network"/> counts it. Mastodon is checked against the account's own
    /// limits (<paramref name="limits"/>, read from its instance) or, unknown, the default ones (500, links as 23); X and
    /// Bluesky have one limit for every account. X's count gives up on a text it cannot analyse in time.
    /// </summary>
    public static NetworkTextCheck Check(PublishingNetwork network, string text, AccountTextLimits? limits = null)
    {
        switch (network)
        {
            case PublishingNetwork.Bluesky:
                var bluesky = BlueskyTextLength.Of(text);
                return new NetworkTextCheck(network, bluesky.Graphemes, BlueskyTextLength.MaxGraphemes, !bluesky.IsWithinBytes);
            case PublishingNetwork.Mastodon:
                var instance = new MastodonLimits(
                    MaxCharacters: limits?.MaxCharacters ?? MastodonLimits.DefaultMaxCharacters,
                    CharactersReservedPerUrl: limits?.CharactersPerUrl ?? MastodonLimits.DefaultCharactersReservedPerUrl);
                try
                {
                    var mastodon = MastodonStatusLength.Check(text, instance);
                    return new NetworkTextCheck(network, mastodon.Count, mastodon.Limit);
                }
                catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
                {
                    // A text its link patterns cannot analyse in time: counted as typed (links at full length), the
                    // strictest count, rather than let the instance refuse it at publication.
                    return new NetworkTextCheck(network, new System.Globalization.StringInfo(text).LengthInTextElements, instance.MaxCharacters);
                }
            default:
                return new NetworkTextCheck(network, TweetText.Parse(text).WeightedLength, TweetText.MaxWeightedLength);
        }
    }
}
