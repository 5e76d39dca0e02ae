using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Engagement;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.XApi;

namespace PoliceFeeds.Infrastructure.Engagement;

/// <summary>
/// One round of the engagement job: for each live account that is not rate limited, asks X for the public metrics of
/// the account's published posts that are due a new snapshot (100 ids per call) and adds one
/// <see cref="PostMetricsSnapshot"/> per post answered. A 429 stops the account until X's reset time (kept in the
/// database, so another instance or a restart waits too); any other failure stops the account for this round only.
/// Sandbox accounts are skipped: their posts never reached X.
/// </summary>
public sealed class EngagementProcessor(
    PoliceFeedsDbContext db,
    IXApiClient client,
    IXAccountAuthProvider authProvider,
    IOptions<EngagementOptions> options,
    TimeProvider timeProvider,
    ILogger<EngagementProcessor> logger)
{
    private readonly EngagementOptions _options = options.Value;

    public async Task<EngagementRound> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var accounts = await db.PublishingAccounts.AsNoTracking()
            .Where(a => a.Network == PublishingNetwork.X && a.Mode == AccountMode.Live && a.State == AccountState.Connected && a.ProtectedCredentials != null
                && (a.MetricsRateLimitedUntilUtc == null || a.MetricsRateLimitedUntilUtc <= now))
            .OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.DepartmentId, a.Handle })
            .ToListAsync(cancellationToken);

        var round = new EngagementRound();
        foreach (var account in accounts)
        {
            using var scope = logger.BeginScope(new Dictionary<string, object?> { ["Account"] = account.Handle, ["DepartmentId"] = account.DepartmentId });
            var due = await DuePostsAsync(account.Id, now, cancellationToken);
            if (due.Count == 0)
            {
                continue;
            }

            var auth = await authProvider.GetAuthAsync(account.Id, cancellationToken);
            if (auth is null)
            {
                logger.LogWarning("Engagement: account {AccountId} unusable, its posts are not measured this round", account.Id);
                continue;
            }

            foreach (var batch in due.Chunk(EngagementOptions.IdsPerCall))
            {
                round.Calls++;
                var outcome = await client.GetPublicMetricsAsync(auth, batch.Select(p => p.PostId).ToList(), cancellationToken);
                if (outcome is XOutcome<IReadOnlyList<XPostMetrics>>.Success(var metrics))
                {
                    round.Snapshots += await SaveAsync(batch, metrics, cancellationToken);
                    continue;
                }

                if (outcome is XOutcome<IReadOnlyList<XPostMetrics>>.RateLimited(var until, _))
                {
                    await db.PublishingAccounts.Where(a => a.Id == account.Id)
                        .ExecuteUpdateAsync(s => s.SetProperty(a => a.MetricsRateLimitedUntilUtc, until), cancellationToken);
                    round.RateLimitedAccounts++;
                    logger.LogWarning("Engagement: account {AccountId} rate limited by X until {Until:o}", account.Id, until);
                }
                else
                {
                    logger.LogWarning("Engagement: metrics of account {AccountId} not fetched this round: {Outcome}", account.Id, outcome.GetType().Name);
                }

                break;
            }
        }

        if (round.Calls > 0)
        {
            logger.LogInformation("Engagement round: {Calls} calls to X, {Snapshots} snapshots, {RateLimited} accounts rate limited", round.Calls, round.Snapshots, round.RateLimitedAccounts);
        }

        return round;
    }

    /// <summary>
    /// The account's posts due a snapshot: published on X (not on the training timeline) less than
    /// <see cref="EngagementOptions.MaxAge"/> ago, never measured or last measured longer ago than their interval
    /// (recent posts more often), least recently measured first.
    /// </summary>
    private async Task<List<DuePost>> DuePostsAsync(int accountId, DateTime now, CancellationToken cancellationToken)
    {
        var oldest = now - _options.MaxAge;
        var recentSince = now - _options.RecentAge;
        var recentDueBefore = now - _options.RecentInterval;
        var olderDueBefore = now - _options.OlderInterval;

        // The account's own posts, live and online: a message's snapshots follow its first post on X (another X account of
        // the department measures its own messages; Bluesky and Mastodon posts are not measured here).
        return await (
                from d in db.Deliveries.AsNoTracking()
                join m in db.Messages.AsNoTracking() on d.MessageId equals m.Id
                where d.AccountId == accountId && d.Mode == DeliveryMode.Live && d.Status == DeliveryStatus.Sent && d.RemotePostId != null
                    && m.Status == MessageStatus.Published && m.PublishedAtUtc >= oldest
                    && !db.Deliveries.Any(e => e.MessageId == m.Id && e.Mode == DeliveryMode.Live && e.Status == DeliveryStatus.Sent && e.Id < d.Id
                        && db.PublishingAccounts.Any(a => a.Id == e.AccountId && a.Network == PublishingNetwork.X))
                let last = db.PostMetricsSnapshots.Where(s => s.MessageId == m.Id).Max(s => (DateTime?)s.TakenAtUtc)
                where last == null || (m.PublishedAtUtc >= recentSince ? last < recentDueBefore : last < olderDueBefore)
                orderby last, m.Id
                select new DuePost(m.Id, d.RemotePostId!))
            .Take(_options.MaxPostsPerAccountPerRound)
            .ToListAsync(cancellationToken);
    }

    private async Task<int> SaveAsync(DuePost[] batch, IReadOnlyList<XPostMetrics> metrics, CancellationToken cancellationToken)
    {
        // X leaves out posts it no longer has (deleted): they get no snapshot and are asked again until MaxAge.
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var byPostId = batch.ToDictionary(p => p.PostId, p => p.MessageId, StringComparer.Ordinal);
        var added = 0;
        foreach (var m in metrics)
        {
            if (!byPostId.TryGetValue(m.Id, out var messageId))
            {
                continue;
            }

            db.PostMetricsSnapshots.Add(new PostMetricsSnapshot
            {
                MessageId = messageId,
                TakenAtUtc = now,
                Impressions = m.Impressions,
                Likes = m.Likes,
                Reposts = m.Reposts,
                Replies = m.Replies,
                Quotes = m.Quotes,
            });
            added++;
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return added;
    }

    private sealed record DuePost(long MessageId, string PostId);
}

/// <summary>What one round did.</summary>
public sealed class EngagementRound
{
    public int Calls { get; set; }

    public int Snapshots { get; set; }

    public int RateLimitedAccounts { get; set; }
}
