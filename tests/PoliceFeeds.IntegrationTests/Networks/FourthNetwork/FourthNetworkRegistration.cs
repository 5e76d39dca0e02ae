using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Publishing.Channels;

namespace PoliceFeeds.IntegrationTests.Networks.FourthNetwork;

/// <summary>
/// A network the product does not know, as a new network's folder would provide it: its channel and its one registration.
/// <see cref="PublishingNetwork"/> has no member for it (adding one is a product change), so it is named by a cast.
/// </summary>
public static class FourthNetworkRegistration
{
    public const PublishingNetwork Network = (PublishingNetwork)3;

    /// <summary>The one registration: the channel as the keyed scoped <see cref="IPublishingChannel"/> of <see cref="Network"/>.</summary>
    public static IServiceCollection AddFourthNetwork(this IServiceCollection services, FourthNetworkServer server) =>
        services.AddKeyedScoped<IPublishingChannel>(Network, (_, _) => new FourthNetworkChannel(server));
}

/// <summary>The network's side: the posts it holds, by account and key (a create repeated with a key makes nothing more).</summary>
public sealed class FourthNetworkServer
{
    private readonly List<FourthNetworkPost> _posts = [];

    public IReadOnlyList<FourthNetworkPost> Posts
    {
        get
        {
            lock (_posts)
            {
                return _posts.ToList();
            }
        }
    }

    public FourthNetworkPost Create(ChannelAccount account, ChannelPost post)
    {
        lock (_posts)
        {
            if (_posts.FirstOrDefault(p => p.AccountId == account.Id && p.ClientKey == post.ClientKey) is { } existing)
            {
                return existing;
            }

            var made = new FourthNetworkPost($"f{_posts.Count + 1}", account.Id, account.Network, post.Text, post.ClientKey, post.ReplyToPostId);
            _posts.Add(made);
            return made;
        }
    }

    public bool Delete(string id)
    {
        lock (_posts)
        {
            return _posts.RemoveAll(p => p.Id == id) > 0;
        }
    }
}

public sealed record FourthNetworkPost(string Id, int AccountId, PublishingNetwork Network, string Text, string? ClientKey, string? ReplyToPostId);

/// <summary>The channel: everything <see cref="IPublishingChannel"/> asks, over <see cref="FourthNetworkServer"/>.</summary>
public sealed class FourthNetworkChannel(FourthNetworkServer server) : IPublishingChannel
{
    public Task<ChannelOutcome> PublishAsync(ChannelAccount account, ChannelPost post, CancellationToken cancellationToken)
    {
        var made = server.Create(account, post);
        return Task.FromResult<ChannelOutcome>(new ChannelOutcome.Done(made.Id, PostUrl(account, made.Id)));
    }

    public Task<ChannelOutcome> DeleteAsync(ChannelAccount account, string postId, CancellationToken cancellationToken)
    {
        server.Delete(postId);
        return Task.FromResult<ChannelOutcome>(new ChannelOutcome.Done());
    }

    public Task<RecentPosts> FindRecentPostsAsync(ChannelAccount account, DateTime sinceUtc, CancellationToken cancellationToken) =>
        Task.FromResult(RecentPosts.Read(server.Posts.Where(p => p.AccountId == account.Id).Select(p => (RemotePost)new FourthRemotePost(p)).ToList()));

    public Task<KeyedPostLookup?> FindByClientKeyAsync(ChannelAccount account, string clientKey, CancellationToken cancellationToken) =>
        Task.FromResult<KeyedPostLookup?>(new KeyedPostLookup(
            server.Posts.Where(p => p.AccountId == account.Id && p.ClientKey == clientKey).Select(p => new FourthRemotePost(p)).FirstOrDefault(),
            null));

    public Task<ChannelOutcome> CheckCredentialsAsync(ChannelAccount account, CancellationToken cancellationToken) =>
        Task.FromResult<ChannelOutcome>(new ChannelOutcome.Done());

    public string PostUrl(ChannelAccount account, string postId) => $"https://fourth.example/{account.Handle}/{postId}";

    private sealed record FourthRemotePost(FourthNetworkPost Post) : RemotePost(Post.Id, null)
    {
        public override bool IsCopyOf(ChannelPost sent) => sent.ClientKey is not null && sent.ClientKey == Post.ClientKey;
    }
}
