using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Photos;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Core.Sandbox;
using PoliceFeeds.Core.Text;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Infrastructure.Publishing.Channels;

/// <summary>
/// The training timeline ("fil d'entraînement", <see cref="SandboxPost"/>): a channel like any other, so a training
/// delivery goes through the same claims, records and reconciliation as a live one.
/// </summary>
public sealed class TrainingPublishingChannel(GroupCommitWriter writer, PoliceFeedsDbContext db, TimeProvider timeProvider) : IPublishingChannel
{
    /// <summary>Longest alt-text list the timeline stores: four photos of 1,000 characters, one per line.</summary>
    public const int MaxAltTextsLength = (ImageFormat.MaxPhotosPerMessage * ImageFormat.MaxAltTextLength) + ImageFormat.MaxPhotosPerMessage - 1;

    /// <summary>Longest text the timeline stores: a message's text, with its original's address on a new line (reply fallback).</summary>
    public const int MaxTextLength = TweetText.MaxTextLength + 1 + Delivery.MaxPostUrlLength;

    public async Task<ChannelOutcome> PublishAsync(ChannelAccount account, ChannelPost post, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var postId = SandboxPostIds.Next(now);
        await writer.WriteAsync(
            (db, ct) =>
            {
                db.SandboxPosts.Add(new SandboxPost
                {
                    PostId = postId,
                    DepartmentId = account.DepartmentId,
                    AccountId = account.Id,
                    Handle = account.Handle,
                    Text = post.Text,
                    InReplyToPostId = post.ReplyToPostId,
                    PhotoCount = post.Photos.Count,
                    AltTexts = post.Photos.Count == 0 ? null : string.Join('\n', post.Photos.Select(p => p.AltText)),
                    CreatedAtUtc = now,
                });
                return Task.FromResult(true);
            },
            cancellationToken);
        return new ChannelOutcome.Done(postId, PostUrl(account, postId));
    }

    public async Task<ChannelOutcome> DeleteAsync(ChannelAccount account, string postId, CancellationToken cancellationToken)
    {
        await writer.WriteAsync((db, ct) => db.SandboxPosts.Where(p => p.PostId == postId && p.DepartmentId == account.DepartmentId && p.AccountId == account.Id).ExecuteDeleteAsync(ct), cancellationToken);
        return new ChannelOutcome.Done();
    }

    public async Task<RecentPosts> FindRecentPostsAsync(ChannelAccount account, DateTime sinceUtc, CancellationToken cancellationToken)
    {
        var posts = await db.SandboxPosts.AsNoTracking()
            .Where(p => p.DepartmentId == account.DepartmentId && p.AccountId == account.Id && p.CreatedAtUtc >= sinceUtc)
            .Select(p => new { p.PostId, p.CreatedAtUtc, p.Text, p.PhotoCount })
            .ToListAsync(cancellationToken);
        return RecentPosts.Read(posts.Select(p => (RemotePost)new TrainingPost(p.PostId, p.CreatedAtUtc, p.Text, p.PhotoCount)).ToList());
    }

    public Task<ChannelOutcome> CheckCredentialsAsync(ChannelAccount account, CancellationToken cancellationToken) =>
        Task.FromResult<ChannelOutcome>(new ChannelOutcome.Done());

    /// <summary>The post on the training timeline page (never a made-up x.com address).</summary>
    public string PostUrl(ChannelAccount account, string postId) =>
        string.Create(CultureInfo.InvariantCulture, $"/Sandbox?departmentId={account.DepartmentId}#post-{postId}");

    /// <summary>The timeline stores the text as sent.</summary>
    private sealed record TrainingPost(string Id, DateTime? CreatedAtUtc, string Text, int PhotoCount) : RemotePost(Id, CreatedAtUtc)
    {
        public override bool IsCopyOf(ChannelPost sent) => Text == sent.Text && PhotoCount == sent.Photos.Count;
    }
}

/// <summary>Ids of training posts, shaped like X's (digits, time-ordered, unique).</summary>
internal static class SandboxPostIds
{
    private static long _last;

    public static string Next(DateTime nowUtc)
    {
        var candidate = (new DateTimeOffset(nowUtc).ToUnixTimeMilliseconds() << 16) + Random.Shared.Next(0, 1 << 12);
        long next;
        long last;
        do
        {
            last = Interlocked.Read(ref _last);
            next = Math.Max(candidate, last + 1);
        }
        while (Interlocked.CompareExchange(ref _last, next, last) != last);

        return next.ToString(CultureInfo.InvariantCulture);
    }
}
