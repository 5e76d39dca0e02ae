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
/// The text rules of every network, in one place for the pages: each network's own count lives in its folder
/// (<see cref="TweetText"/>, <see cref="BlueskyTextLength"/>, <see cref="MastodonStatusLength"/>).
/// </summary>
public static class NetworkTextRules
{
    /// <summary>
    /// <paramref name="text"/> as <paramref name="network"/> counts it. Mastodon is checked against the default limit (500,
    /// links as 23) until the instance's own limits are read; X's count gives up on a text it cannot analyse in time.
    /// </summary>
    public static NetworkTextCheck Check(PublishingNetwork network, string text)
    {
        switch (network)
        {
            case PublishingNetwork.Bluesky:
                var bluesky = BlueskyTextLength.Of(text);
                return new NetworkTextCheck(network, bluesky.Graphemes, BlueskyTextLength.MaxGraphemes, !bluesky.IsWithinBytes);
            case PublishingNetwork.Mastodon:
                try
                {
                    var mastodon = MastodonStatusLength.Check(text, new MastodonLimits());
                    return new NetworkTextCheck(network, mastodon.Count, mastodon.Limit);
                }
                catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
                {
                    // A text its link patterns cannot analyse in time: counted as typed (links at full length), the
                    // strictest count, rather than let the instance refuse it at publication.
                    return new NetworkTextCheck(network, new System.Globalization.StringInfo(text).LengthInTextElements, MastodonLimits.DefaultMaxCharacters);
                }
            default:
                return new NetworkTextCheck(network, TweetText.Parse(text).WeightedLength, TweetText.MaxWeightedLength);
        }
    }
}
