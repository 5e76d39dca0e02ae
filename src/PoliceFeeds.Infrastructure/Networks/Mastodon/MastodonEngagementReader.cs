using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Engagement;
using PoliceFeeds.Infrastructure.Publishing.Channels;

namespace PoliceFeeds.Infrastructure.Networks.Mastodon;

/// <summary>
/// Mastodon's counts of an account's statuses, one <c>GET /api/v1/statuses/:id</c> each: favourites as likes, reblogs as
/// reposts, replies. Mastodon shows no impressions and has no quotes (0). A status the instance no longer has (404) is left
/// out; a 429 stops the read until the instance's reset.
/// </summary>
public sealed class MastodonEngagementReader(MastodonClient client, IMastodonConnections connections) : IEngagementReader
{
    public int PostsPerCall => 20;

    public async Task<EngagementRead> ReadAsync(ChannelAccount account, IReadOnlyList<string> postIds, CancellationToken cancellationToken)
    {
        if (await connections.GetAsync(account.Id, cancellationToken) is not { } connection)
        {
            return EngagementRead.Failed("no credentials");
        }

        var measured = new List<PostEngagement>();
        foreach (var id in postIds)
        {
            var read = await client.GetStatusCountsAsync(connection.Auth, id, cancellationToken);
            switch (read.Failure)
            {
                case null:
                    var counts = read.Value!;
                    measured.Add(new PostEngagement(id, 0, counts.Favourites, counts.Reblogs, counts.Replies, 0));
                    break;
                case ChannelOutcome.Rejected(404, _):
                    break;
                case ChannelOutcome.RateLimited(var until, _):
                    return new EngagementRead(measured, RateLimitedUntilUtc: until);
                default:
                    return EngagementRead.Failed(read.Failure.GetType().Name, measured);
            }
        }

        return new EngagementRead(measured);
    }
}
