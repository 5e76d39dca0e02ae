using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;

namespace PoliceFeeds.Infrastructure.Publishing.Channels;

/// <summary>
/// Where deliveries go: X, the training timeline, later others (Bluesky, Mastodon). The publisher speaks only to this
/// seam, in channel-neutral outcomes; it knows no X type and has no branch per mode.
/// </summary>
public interface IPublishingChannel
{
    /// <summary>Creates the post (photos first, with their alt texts), as a reply or a quote when asked.</summary>
    Task<ChannelOutcome> PublishAsync(ChannelAccount account, ChannelPost post, CancellationToken cancellationToken);

    /// <summary>Deletes a post. A post the channel no longer has counts as deleted.</summary>
    Task<ChannelOutcome> DeleteAsync(ChannelAccount account, string postId, CancellationToken cancellationToken);

    /// <summary>The account's posts created since <paramref name="sinceUtc"/>, to reconcile uncertain attempts (one read for all).</summary>
    Task<RecentPosts> FindRecentPostsAsync(ChannelAccount account, DateTime sinceUtc, CancellationToken cancellationToken);

    /// <summary>
    /// The post a delivery made under its own key (<see cref="ChannelPost.ClientKey"/>), looked up directly where the channel
    /// lets a client name what it creates (a Bluesky record key): exact and complete however old the attempt. Null where the
    /// channel has no such lookup: the reconciliation then reads the account's recent posts.
    /// </summary>
    Task<KeyedPostLookup?> FindByClientKeyAsync(ChannelAccount account, string clientKey, CancellationToken cancellationToken) =>
        Task.FromResult<KeyedPostLookup?>(null);

    /// <summary>Whether the account's credentials work now.</summary>
    Task<ChannelOutcome> CheckCredentialsAsync(ChannelAccount account, CancellationToken cancellationToken);

    /// <summary>The public address of a post of the account.</summary>
    string PostUrl(ChannelAccount account, string postId);

    /// <summary>
    /// The id of the account's post at <paramref name="address"/>, as a person copied it from the network's site (for "à
    /// vérifier à la main"); null when it is not the address of one of the account's posts.
    /// </summary>
    string? PostIdOf(ChannelAccount account, string? address) => null;
}

/// <param name="RemoteUserId">The account's id at the channel, if known (X learns it from <c>GET /2/users/me</c>; a Bluesky DID; a Mastodon account id).</param>
/// <param name="ServerUrl">The account's server where the network has several (a Bluesky PDS, a Mastodon instance); null for X.</param>
public sealed record ChannelAccount(int Id, int DepartmentId, string Handle, string? RemoteUserId, string? ServerUrl = null)
{
    /// <summary>The account's network: which channel serves its live deliveries.</summary>
    public PublishingNetwork Network { get; init; } = PublishingNetwork.X;
}

/// <param name="ReplyToPostId">Posted as a reply to this post.</param>
/// <param name="QuotePostId">Posted as a quote of this post (the fallback of a refused reply).</param>
/// <param name="ClientKey">
/// The delivery's own key, chosen and stored before its first attempt and the same on every retry: a Bluesky record key
/// (a TID), a Mastodon <c>Idempotency-Key</c>. X has no such key (null).
/// </param>
public sealed record ChannelPost(long MessageId, string Text, IReadOnlyList<MessagePhoto> Photos, string? ReplyToPostId = null, string? QuotePostId = null, string? ClientKey = null);

/// <summary>A direct lookup by key: the post at the key (null: none), or why the channel could not be asked.</summary>
public sealed record KeyedPostLookup(RemotePost? Post, ChannelOutcome? Failure);

/// <summary>One of the account's recent posts, able to tell whether it is the copy of a text we sent.</summary>
public abstract record RemotePost(string Id, DateTime? CreatedAtUtc)
{
    /// <summary>Whether this post is <paramref name="sent"/> as the channel returns it (links, entities, media link undone).</summary>
    public abstract bool IsCopyOf(ChannelPost sent);
}

/// <summary>
/// A read of the account's recent posts: the posts, or why they could not be read. <paramref name="Complete"/> is false
/// when the read stopped before reaching back to the time asked (a page limit): a post it does not show may still be there.
/// </summary>
public sealed record RecentPosts(IReadOnlyList<RemotePost>? Posts, ChannelOutcome? Failure, bool Complete = true)
{
    public static RecentPosts Read(IReadOnlyList<RemotePost> posts, bool complete = true) => new(posts, null, complete);

    public static RecentPosts Unavailable(ChannelOutcome why) => new(null, why);
}
