using PoliceFeeds.Infrastructure.Engagement;
using PoliceFeeds.Infrastructure.XApi;

namespace PoliceFeeds.Infrastructure.Publishing.Channels;

/// <summary>X's posts' public metrics (<c>GET /2/tweets?tweet.fields=public_metrics</c>, 100 ids per call).</summary>
public sealed class XEngagementReader(IXApiClient client, IXAccountAuthProvider authProvider) : IEngagementReader
{
    public int PostsPerCall => EngagementOptions.IdsPerCall;

    public async Task<EngagementRead> ReadAsync(ChannelAccount account, IReadOnlyList<string> postIds, CancellationToken cancellationToken)
    {
        if (await authProvider.GetAuthAsync(account.Id, cancellationToken) is not { } auth)
        {
            return EngagementRead.Failed("account unusable");
        }

        return await client.GetPublicMetricsAsync(auth, postIds, cancellationToken) switch
        {
            XOutcome<IReadOnlyList<XPostMetrics>>.Success(var metrics) =>
                new EngagementRead(metrics.Select(m => new PostEngagement(m.Id, m.Impressions, m.Likes, m.Reposts, m.Replies, m.Quotes)).ToList()),
            XOutcome<IReadOnlyList<XPostMetrics>>.RateLimited(var until, _) => new EngagementRead([], RateLimitedUntilUtc: until),
            var other => EngagementRead.Failed(other.GetType().Name),
        };
    }
}
