using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Publishing.Channels;

namespace PoliceFeeds.Infrastructure.Publishing;

/// <summary>What a reconciliation came to for one delivery.</summary>
internal abstract record Reconciled
{
    private Reconciled()
    {
    }

    public sealed record Found(string PostId, string PostUrl) : Reconciled;

    /// <summary>Not found, and not final yet (timelines lag): look again at <paramref name="NextLookUtc"/>.</summary>
    public sealed record NotYetSettled(DateTime NextLookUtc) : Reconciled;

    /// <summary>Still absent a settle time after the last attempt: that attempt created nothing.</summary>
    public sealed record Absent : Reconciled;

    /// <summary>The account's posts could not be read.</summary>
    public sealed record Unavailable(ChannelOutcome Why) : Reconciled;

    /// <summary>No complete read can reach back to the attempt (the timeline stops short of it): a person must settle it.</summary>
    public sealed record OutOfReach : Reconciled;
}

/// <summary>
/// Reconciliation for one account's worker: ONE read of the account's recent posts (since the earliest "possibly sent"
/// marker of all its deliveries, less the clock skew) serves every possibly-sent delivery of the account; after an outage,
/// twenty uncertain posts cost one billed timeline read, not twenty. A new read is made only when the last one cannot
/// settle a delivery (it was made before that delivery's last attempt, or does not reach back to its marker). A read cut
/// short by the channel's page limit never proves a post absent.
/// </summary>
internal sealed class AccountReconciliation(PoliceFeedsDbContext db, PublishingOptions options, TimeProvider timeProvider)
{
    private (IReadOnlyList<RemotePost> Posts, bool Complete, DateTime Since, DateTime ReadAt, DeliveryMode Mode)? _last;

    /// <summary>Posts this worker attributed to a delivery: a post is one delivery's, never two (two identical texts).</summary>
    private readonly HashSet<string> _taken = [];

    /// <summary>Timeline reads made by this worker (for the logs and the tests).</summary>
    public int Reads { get; private set; }

    public async Task<Reconciled> FindAsync(IPublishingChannel channel, ChannelAccount account, Delivery delivery, DateTime possiblySentSince, DateTime lastAttempt, ChannelPost sent, CancellationToken cancellationToken)
    {
        if (sent.ClientKey is { } key && await channel.FindByClientKeyAsync(account, key, cancellationToken) is { } byKey)
        {
            // The channel names its posts by our key: one exact lookup, complete whatever the attempt's age.
            Reads++;
            if (byKey.Failure is { } why)
            {
                return new Reconciled.Unavailable(why);
            }

            var found = byKey.Post is { } post && post.IsCopyOf(sent) ? post : null;
            return ReconciliationRule.Judge(found is not null, lastAttempt, timeProvider.GetUtcNow().UtcDateTime, options.ReconcileSettleTime) switch
            {
                ReconcileVerdict.Found => new Reconciled.Found(found!.Id, channel.PostUrl(account, found.Id)),
                ReconcileVerdict.Absent => new Reconciled.Absent(),
                _ => new Reconciled.NotYetSettled(ReconciliationRule.NextLook(lastAttempt, options.ReconcileSettleTime)),
            };
        }

        var mode = delivery.Mode;
        var skew = options.ClockSkewTolerance;
        var since = ReconciliationRule.SearchSince(possiblySentSince, skew);
        if (_last is not { } last || last.Mode != mode || last.Since > since || last.ReadAt < lastAttempt)
        {
            // Read once for all the account's possibly-sent deliveries of this mode: back to the earliest marker among them,
            // at most ReconcileWindow back for the others, but always back to this delivery's own marker (a read that
            // does not reach its attempt cannot prove it absent, however old the attempt: "Relancer" days later).
            var earliest = await db.Deliveries.AsNoTracking()
                .Where(d => d.AccountId == account.Id && d.Mode == mode && d.PossiblySentSinceUtc != null)
                .MinAsync(d => d.PossiblySentSinceUtc, cancellationToken);
            var from = ReconciliationRule.SearchSince(earliest is { } e && e < possiblySentSince ? e : possiblySentSince, skew);
            var floor = timeProvider.GetUtcNow().UtcDateTime - options.ReconcileWindow;
            from = from < floor ? floor : from;
            from = from > since ? since : from;
            var read = await channel.FindRecentPostsAsync(account, from, cancellationToken);
            Reads++;
            if (read.Posts is not { } posts)
            {
                return new Reconciled.Unavailable(read.Failure!);
            }

            last = (posts, read.Complete, from, timeProvider.GetUtcNow().UtcDateTime, mode);
            _last = last;
        }

        var match = await FirstUntakenAsync(
            last.Posts.Where(p => ReconciliationRule.IsCandidate(p.CreatedAtUtc, possiblySentSince, skew) && p.IsCopyOf(sent)).OrderBy(p => p.CreatedAtUtc).ToList(),
            account.Id,
            delivery,
            cancellationToken);
        if (match is null && (!last.Complete || last.Since > since))
        {
            // Not seen, but the read stopped short of the attempt (the channel's page limit: the timeline no longer reaches
            // that far): that proves nothing, and no later read will reach further. A person settles it; nothing is posted again.
            return new Reconciled.OutOfReach();
        }

        if (match is not null)
        {
            _taken.Add(match.Id);
        }

        return ReconciliationRule.Judge(match is not null, lastAttempt, last.ReadAt, options.ReconcileSettleTime) switch
        {
            ReconcileVerdict.Found => new Reconciled.Found(match!.Id, channel.PostUrl(account, match.Id)),
            ReconcileVerdict.Absent => new Reconciled.Absent(),
            _ => new Reconciled.NotYetSettled(ReconciliationRule.NextLook(lastAttempt, options.ReconcileSettleTime)),
        };
    }

    /// <summary>
    /// The earliest of the matching posts that no other delivery of the account holds: two deliveries with the same text
    /// (two identical thank-you posts) each get their own post, never the same one.
    /// </summary>
    private async Task<RemotePost?> FirstUntakenAsync(List<RemotePost> matches, int accountId, Delivery delivery, CancellationToken cancellationToken)
    {
        if (matches.Count == 0)
        {
            return null;
        }

        var ids = matches.Select(p => p.Id).ToList();
        var held = await db.Deliveries.AsNoTracking()
            .Where(d => d.AccountId == accountId && d.Mode == delivery.Mode && d.Id != delivery.Id && d.RemotePostId != null && ids.Contains(d.RemotePostId))
            .Select(d => d.RemotePostId!)
            .ToListAsync(cancellationToken);
        return matches.FirstOrDefault(p => !held.Contains(p.Id) && !_taken.Contains(p.Id));
    }
}
