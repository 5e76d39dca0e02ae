using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Engagement;
using PoliceFeeds.Infrastructure.Publishing.Channels;

namespace PoliceFeeds.Infrastructure.Networks.Bluesky;

/// <summary>
/// Bluesky's counts of an account's posts (likes, reposts, replies, quotes; no impressions) by their AT URIs, 25 per call,
/// through the account's session on its PDS, which asks its AppView. A PDS without an AppView (a self-hosted one not
/// federated) refuses: the read fails and the job tries again next round.
/// </summary>
public sealed class BlueskyEngagementReader(BlueskyClient client, BlueskySessions sessions, TimeProvider timeProvider) : IEngagementReader
{
    public int PostsPerCall => BlueskyClient.MaxPostsPerRead;

    public async Task<EngagementRead> ReadAsync(ChannelAccount account, IReadOnlyList<string> postIds, CancellationToken cancellationToken)
    {
        var call = await sessions.RunAsync(account, (auth, ct) => client.GetPostCountsAsync(auth.Server, auth.AccessJwt, postIds, ct), cancellationToken);
        return call switch
        {
            { Result: BlueskyResult<IReadOnlyList<BlueskyPostCounts>>.Ok(var posts) } =>
                new EngagementRead(posts.Select(p => new PostEngagement(p.Uri, 0, p.Likes, p.Reposts, p.Replies, p.Quotes)).ToList()),
            { Result: BlueskyResult<IReadOnlyList<BlueskyPostCounts>>.Failed { Failure: { Kind: BlueskyFailureKind.RateLimited } failure } } =>
                new EngagementRead([], RateLimitedUntilUtc: failure.RetryAtUtc ?? timeProvider.GetUtcNow().UtcDateTime.AddMinutes(5)),
            { Result: BlueskyResult<IReadOnlyList<BlueskyPostCounts>>.Failed(var failure) } => EngagementRead.Failed($"{failure.StatusCode} {failure.Error} {failure.Detail}"),
            { Stopped: ChannelOutcome.RateLimited(var until, _) } => new EngagementRead([], RateLimitedUntilUtc: until),
            { Stopped: { } stopped } => EngagementRead.Failed(stopped.GetType().Name),
            _ => EngagementRead.Failed("no answer"),
        };
    }
}
