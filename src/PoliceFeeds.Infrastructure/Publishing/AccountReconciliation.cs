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

    /// <summary>Timeline reads made by this worker (for the logs and the tests).</summary>
    public int Reads { get; private set; }

    public async Task<Reconciled> FindAsync(IPublishingChannel channel, ChannelAccount account, DeliveryMode mode, DateTime possiblySentSince, DateTime lastAttempt, ChannelPost sent, CancellationToken cancellationToken)
    {
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

        var match = last.Posts.FirstOrDefault(p => ReconciliationRule.IsCandidate(p.CreatedAtUtc, possiblySentSince, skew) && p.IsCopyOf(sent));
        if (match is null && (!last.Complete || last.Since > since))
        {
            // Not seen, but the read stopped short of the attempt (page limit): that proves nothing. The delivery stays
            // possibly sent and is looked at again later, never posted again on this read.
            var later = timeProvider.GetUtcNow().UtcDateTime + (options.BackoffMax > options.ReconcileSettleTime ? options.BackoffMax : options.ReconcileSettleTime);
            return new Reconciled.NotYetSettled(later);
        }

        return ReconciliationRule.Judge(match is not null, lastAttempt, last.ReadAt, options.ReconcileSettleTime) switch
        {
            ReconcileVerdict.Found => new Reconciled.Found(match!.Id, channel.PostUrl(account, match.Id)),
            ReconcileVerdict.Absent => new Reconciled.Absent(),
            _ => new Reconciled.NotYetSettled(ReconciliationRule.NextLook(lastAttempt, options.ReconcileSettleTime)),
        };
    }
}
