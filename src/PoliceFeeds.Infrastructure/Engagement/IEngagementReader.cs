using PoliceFeeds.Infrastructure.Publishing.Channels;

namespace PoliceFeeds.Infrastructure.Engagement;

/// <summary>
/// A channel's optional capability: the public counts of an account's posts. Each network that can measure registers
/// one as the keyed scoped service of its <see cref="Core.Publishing.PublishingNetwork"/> (beside its channel); the
/// engagement job skips the accounts of a network without one.
/// </summary>
public interface IEngagementReader
{
    /// <summary>Post ids handed to one <see cref="ReadAsync"/> at most (the network's batch size).</summary>
    int PostsPerCall { get; }

    /// <summary>
    /// The counts of <paramref name="postIds"/> (the deliveries' remote post ids) as the network shows them now. A post the
    /// network no longer has is left out. A read stopped part-way keeps what it measured and says why it stopped.
    /// </summary>
    Task<EngagementRead> ReadAsync(ChannelAccount account, IReadOnlyList<string> postIds, CancellationToken cancellationToken);
}

/// <summary>One post's public counts (a network without impressions says 0; Mastodon has no quotes).</summary>
public sealed record PostEngagement(string PostId, long Impressions, long Likes, long Reposts, long Replies, long Quotes);

/// <summary>What a read came to: the posts measured, and, when it stopped early, until when (rate limit) or why.</summary>
public sealed record EngagementRead(IReadOnlyList<PostEngagement> Posts, DateTime? RateLimitedUntilUtc = null, string? Failure = null)
{
    public bool Stopped => RateLimitedUntilUtc is not null || Failure is not null;

    public static EngagementRead Failed(string why, IReadOnlyList<PostEngagement>? measured = null) => new(measured ?? [], Failure: why);
}
