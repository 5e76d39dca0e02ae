using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.XApi;
using Polly;
using Polly.Retry;

namespace PoliceFeeds.Infrastructure.Publishing.Channels;

/// <summary>
/// X as a publishing channel: wraps <see cref="IXApiClient"/> and turns its outcomes into channel-neutral ones. One
/// instance serves one worker (scoped); it reads an account's credentials at most once a minute.
/// </summary>
public sealed class XPublishingChannel(IXApiClient client, IXAccountAuthProvider authProvider, GroupCommitWriter writer, TimeProvider timeProvider) : IPublishingChannel
{
    /// <summary>Only a failure that certainly did not reach X is retried in place; an ambiguous one is reconciled later.</summary>
    private static readonly ResiliencePipeline<XOutcome<XPostCreated>> UnsentRetry = new ResiliencePipelineBuilder<XOutcome<XPostCreated>>()
        .AddRetry(new RetryStrategyOptions<XOutcome<XPostCreated>>
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is XOutcome<XPostCreated>.TransientFailure { Ambiguous: false }),
            MaxRetryAttempts = 2,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(100),
        })
        .Build();

    /// <summary>Deleting is idempotent (a post X no longer has counts as deleted): any transient failure may be retried in place.</summary>
    private static readonly ResiliencePipeline<XOutcome<bool>> DeleteRetry = new ResiliencePipelineBuilder<XOutcome<bool>>()
        .AddRetry(new RetryStrategyOptions<XOutcome<bool>>
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is XOutcome<bool>.TransientFailure),
            MaxRetryAttempts = 2,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(100),
        })
        .Build();

    private readonly Dictionary<int, (XAuth Auth, DateTime ReadAt)> _auth = [];

    public async Task<ChannelOutcome> PublishAsync(ChannelAccount account, ChannelPost post, CancellationToken cancellationToken)
    {
        if (await GetAuthAsync(account.Id, cancellationToken) is not { } auth)
        {
            return new ChannelOutcome.NoCredentials();
        }

        var mediaIds = new List<string>();
        foreach (var photo in post.Photos)
        {
            var upload = await client.UploadImageAsync(auth, photo.Content, photo.ContentType, cancellationToken);
            if (upload is not XOutcome<XMediaUploaded>.Success(var media))
            {
                return await ToChannelAsync(upload, account, auth, certainlyUnsent: true, cancellationToken);
            }

            var alt = await client.SetAltTextAsync(auth, media.Id, photo.AltText, cancellationToken);
            if (alt is not XOutcome<bool>.Success)
            {
                return await ToChannelAsync(alt, account, auth, certainlyUnsent: true, cancellationToken);
            }

            mediaIds.Add(media.Id);
        }

        var request = new XCreatePostRequest(post.Text, mediaIds.Count > 0 ? mediaIds : null, post.ReplyToPostId, post.QuotePostId);
        var outcome = await UnsentRetry.ExecuteAsync(async ct => await client.CreatePostAsync(auth, request, ct), cancellationToken);
        return outcome is XOutcome<XPostCreated>.Success(var created)
            ? new ChannelOutcome.Done(created.Id, PostUrl(account, created.Id))
            : await ToChannelAsync(outcome, account, auth, certainlyUnsent: false, cancellationToken);
    }

    public async Task<ChannelOutcome> DeleteAsync(ChannelAccount account, string postId, CancellationToken cancellationToken)
    {
        if (await GetAuthAsync(account.Id, cancellationToken) is not { } auth)
        {
            return new ChannelOutcome.NoCredentials();
        }

        var outcome = await DeleteRetry.ExecuteAsync(async ct => await client.DeletePostAsync(auth, postId, ct), cancellationToken);
        return outcome switch
        {
            XOutcome<bool>.Success(true) => new ChannelOutcome.Done(),

            // X answered {"data":{"deleted":false}}: the post is still online; the deletion is tried again, never recorded.
            XOutcome<bool>.Success => new ChannelOutcome.Ambiguous("X a répondu deleted: false"),
            _ => await ToChannelAsync(outcome, account, auth, certainlyUnsent: false, cancellationToken),
        };
    }

    public async Task<RecentPosts> FindRecentPostsAsync(ChannelAccount account, DateTime sinceUtc, CancellationToken cancellationToken)
    {
        if (await GetAuthAsync(account.Id, cancellationToken) is not { } auth)
        {
            return RecentPosts.Unavailable(new ChannelOutcome.NoCredentials());
        }

        var userId = account.RemoteUserId;
        if (userId is null)
        {
            var me = await client.GetMeAsync(auth, cancellationToken);
            if (me is not XOutcome<XUser>.Success(var user))
            {
                return RecentPosts.Unavailable(await ToChannelAsync(me, account, auth, certainlyUnsent: true, cancellationToken));
            }

            userId = user.Id;
            await writer.WriteAsync((db, ct) => db.PublishingAccounts.Where(a => a.Id == account.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.RemoteUserId, user.Id), ct), cancellationToken);
        }

        var recent = await client.GetRecentPostsAsync(auth, userId, sinceUtc, cancellationToken);
        return recent is XOutcome<XRecentPosts>.Success(var read)
            ? RecentPosts.Read(read.Posts.Select(p => (RemotePost)new XRemotePost(p)).ToList(), read.Complete)
            : RecentPosts.Unavailable(await ToChannelAsync(recent, account, auth, certainlyUnsent: true, cancellationToken));
    }

    public async Task<ChannelOutcome> CheckCredentialsAsync(ChannelAccount account, CancellationToken cancellationToken)
    {
        if (await GetAuthAsync(account.Id, cancellationToken) is not { } auth)
        {
            return new ChannelOutcome.NoCredentials();
        }

        var me = await client.GetMeAsync(auth, cancellationToken);
        return me is XOutcome<XUser>.Success ? new ChannelOutcome.Done() : await ToChannelAsync(me, account, auth, certainlyUnsent: true, cancellationToken);
    }

    public string PostUrl(ChannelAccount account, string postId) => $"https://x.com/{account.Handle}/status/{postId}";

    public string? PostIdOf(ChannelAccount account, string? address) => Core.Networks.X.XPostAddress.PostIdOf(address, account.Handle);

    /// <summary>The account's credentials, read at most once a minute (an OAuth 2.0 token it gets is valid for at least five more minutes).</summary>
    private async Task<XAuth?> GetAuthAsync(int accountId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        if (_auth.TryGetValue(accountId, out var cached) && now - cached.ReadAt <= TimeSpan.FromMinutes(1))
        {
            return cached.Auth;
        }

        var auth = await authProvider.GetAuthAsync(accountId, cancellationToken);
        if (auth is null)
        {
            _auth.Remove(accountId);
            return null;
        }

        _auth[accountId] = (auth, now);
        return auth;
    }

    /// <summary>
    /// X's outcome in the channel's terms. A 401 marks the account "à reconnecter" only if its stored credentials are still
    /// those used (<see cref="IXAccountAuthProvider.MarkNeedsReconnectingAsync"/>); otherwise they were replaced meanwhile.
    /// </summary>
    private async Task<ChannelOutcome> ToChannelAsync<T>(XOutcome<T> outcome, ChannelAccount account, XAuth used, bool certainlyUnsent, CancellationToken cancellationToken) => outcome switch
    {
        XOutcome<T>.TransientFailure(var d, var ambiguous) when ambiguous && !certainlyUnsent => new ChannelOutcome.Ambiguous(d),
        XOutcome<T>.TransientFailure(var d, _) => new ChannelOutcome.NotSent(d),
        XOutcome<T>.RateLimited(var until, var d) => new ChannelOutcome.RateLimited(until, d),
        XOutcome<T>.Unauthorized(var d) => new ChannelOutcome.Unauthorized(d, !await authProvider.MarkNeedsReconnectingAsync(account.Id, used, cancellationToken)),
        XOutcome<T>.Duplicate(var d) => new ChannelOutcome.Duplicate(d),
        XOutcome<T>.ReplyRefused(var d) => new ChannelOutcome.ReplyRefused(d),
        XOutcome<T>.Rejected(var s, var d) => new ChannelOutcome.Rejected(s, d),
        _ => new ChannelOutcome.Rejected(0, "unexpected answer"),
    };

    private sealed record XRemotePost(XPostSummary Summary) : RemotePost(Summary.Id, Summary.CreatedAtUtc)
    {
        public override bool IsCopyOf(ChannelPost sent) => Summary.IsPostOf(sent.Text, sent.Photos.Count);
    }
}
