using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Engagement;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Publishing.Channels;

namespace PoliceFeeds.Infrastructure.Engagement;

/// <summary>
/// One round of the engagement job: for each live connected account whose network can measure (an
/// <see cref="IEngagementReader"/> registered for it) and that is not rate limited, reads the counts of the account's
/// posts (its deliveries) due a new snapshot, in the network's batches, and adds one <see cref="PostMetricsSnapshot"/> per
/// post answered, keyed by its delivery. A rate limit stops the account until the network's reset (kept in the database,
/// so another instance or a restart waits too); any other failure stops the account for this round only. Training
/// deliveries are skipped: their posts never reached a network.
/// </summary>
public sealed class EngagementProcessor(
    PoliceFeedsDbContext db,
    IServiceProvider services,
    IOptions<EngagementOptions> options,
    TimeProvider timeProvider,
    ILogger<EngagementProcessor> logger)
{
    private readonly EngagementOptions _options = options.Value;

    public async Task<EngagementRound> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var accounts = await db.PublishingAccounts.AsNoTracking()
            .Where(a => a.Mode == AccountMode.Live && a.State == AccountState.Connected && a.ProtectedCredentials != null
                && (a.MetricsRateLimitedUntilUtc == null || a.MetricsRateLimitedUntilUtc <= now))
            .OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.DepartmentId, a.Handle, a.Network, a.RemoteUserId, a.ServerUrl })
            .ToListAsync(cancellationToken);

        var round = new EngagementRound();
        foreach (var account in accounts)
        {
            using var scope = logger.BeginScope(new Dictionary<string, object?> { ["Account"] = account.Handle, ["DepartmentId"] = account.DepartmentId });
            if (services.GetKeyedService<IEngagementReader>(account.Network) is not { } reader)
            {
                round.SkippedAccounts++;
                continue;
            }

            var due = await DuePostsAsync(account.Id, now, cancellationToken);
            var channelAccount = new ChannelAccount(account.Id, account.DepartmentId, account.Handle, account.RemoteUserId, account.ServerUrl) { Network = account.Network };
            foreach (var batch in due.Chunk(Math.Max(1, reader.PostsPerCall)))
            {
                round.Calls++;
                var read = await reader.ReadAsync(channelAccount, batch.Select(p => p.PostId).ToList(), cancellationToken);
                round.Snapshots += await SaveAsync(batch, read.Posts, cancellationToken);
                if (!read.Stopped)
                {
                    continue;
                }

                if (read.RateLimitedUntilUtc is { } until)
                {
                    await db.PublishingAccounts.Where(a => a.Id == account.Id)
                        .ExecuteUpdateAsync(s => s.SetProperty(a => a.MetricsRateLimitedUntilUtc, until), cancellationToken);
                    round.RateLimitedAccounts++;
                    logger.LogWarning("Engagement: account {AccountId} rate limited by {Network} until {Until:o}", account.Id, account.Network, until);
                }
                else
                {
                    logger.LogWarning("Engagement: counts of account {AccountId} ({Network}) not read this round: {Failure}", account.Id, account.Network, read.Failure);
                }

                break;
            }
        }

        if (round.Calls > 0)
        {
            logger.LogInformation("Engagement round: {Calls} calls, {Snapshots} snapshots, {RateLimited} accounts rate limited", round.Calls, round.Snapshots, round.RateLimitedAccounts);
        }

        return round;
    }

    /// <summary>
    /// The account's posts due a snapshot: its live deliveries online, of messages published less than
    /// <see cref="EngagementOptions.MaxAge"/> ago, never measured or last measured longer ago than their interval (recent
    /// posts more often), least recently measured first. Each delivery is measured on its own (keyed by delivery).
    /// </summary>
    private async Task<List<DuePost>> DuePostsAsync(int accountId, DateTime now, CancellationToken cancellationToken)
    {
        var oldest = now - _options.MaxAge;
        var recentSince = now - _options.RecentAge;
        var recentDueBefore = now - _options.RecentInterval;
        var olderDueBefore = now - _options.OlderInterval;

        return await (
                from d in db.Deliveries.AsNoTracking()
                join m in db.Messages.AsNoTracking() on d.MessageId equals m.Id
                where d.AccountId == accountId && d.Mode == DeliveryMode.Live && d.Status == DeliveryStatus.Sent && d.RemotePostId != null
                    && m.Status == MessageStatus.Published && m.PublishedAtUtc >= oldest
                let last = db.PostMetricsSnapshots.Where(s => s.DeliveryId == d.Id).Max(s => (DateTime?)s.TakenAtUtc)
                where last == null || (m.PublishedAtUtc >= recentSince ? last < recentDueBefore : last < olderDueBefore)
                orderby last, d.Id
                select new DuePost(d.Id, m.Id, d.RemotePostId!))
            .Take(_options.MaxPostsPerAccountPerRound)
            .ToListAsync(cancellationToken);
    }

    private async Task<int> SaveAsync(DuePost[] batch, IReadOnlyList<PostEngagement> measured, CancellationToken cancellationToken)
    {
        // A network leaves out posts it no longer has (deleted): they get no snapshot and are asked again until MaxAge.
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var byPostId = batch.GroupBy(p => p.PostId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var added = 0;
        foreach (var m in measured)
        {
            if (!byPostId.Remove(m.PostId, out var post))
            {
                continue;
            }

            db.PostMetricsSnapshots.Add(new PostMetricsSnapshot
            {
                MessageId = post.MessageId,
                DeliveryId = post.DeliveryId,
                TakenAtUtc = now,
                Impressions = m.Impressions,
                Likes = m.Likes,
                Reposts = m.Reposts,
                Replies = m.Replies,
                Quotes = m.Quotes,
            });
            added++;
        }

        if (added > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        return added;
    }

    private sealed record DuePost(long DeliveryId, long MessageId, string PostId);
}

/// <summary>What one round did.</summary>
public sealed class EngagementRound
{
    public int Calls { get; set; }

    public int Snapshots { get; set; }

    public int RateLimitedAccounts { get; set; }

    /// <summary>Live accounts of a network that cannot measure (no <see cref="IEngagementReader"/>).</summary>
    public int SkippedAccounts { get; set; }
}
