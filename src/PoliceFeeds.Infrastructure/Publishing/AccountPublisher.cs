using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Publishing.Channels;

namespace PoliceFeeds.Infrastructure.Publishing;

/// <summary>
/// Serves one account's due deliveries, in order, in its own scope (its own DbContext): posts in short claimed runs,
/// deletions and checks one by one, holds for a changed target. A failing write fails its delivery and hands the run back;
/// it never escapes the worker.
/// </summary>
internal sealed class AccountPublisher(
    PublishingOptions options,
    PoliceFeedsDbContext db,
    TimeProvider timeProvider,
    PublisherMetrics metrics,
    DepartmentSnapshotCache departmentFigures,
    GroupCommitWriter writer,
    PublishingChannels channels,
    ILogger<PublishingProcessor> logger)
{
    private readonly DeliveryClaims _claims = new(db, writer, options, timeProvider);
    private readonly DeliveryRecords _records = new(writer, options, timeProvider);
    private readonly PendingRecords _pending = new(logger);
    private ChannelAccount? _account;
    private ReplyFallback _fallback;

    private DateTime Now => timeProvider.GetUtcNow().UtcDateTime;

    private DeliveryAttempts? _attempts;

    /// <summary>How old a run's lease (and its attempts' time) may get before the next call renews it: a third of the lease, at most a tenth of the settle time.</summary>
    private TimeSpan RenewAfter => options.LeaseDuration / 3 < options.ReconcileSettleTime / 10 ? options.LeaseDuration / 3 : options.ReconcileSettleTime / 10;

    private DeliveryAttempts Attempts => _attempts ??= new DeliveryAttempts(options, db, channels, _records, _pending, new AccountReconciliation(db, options, timeProvider), metrics, timeProvider, logger);

    public async Task<int> PublishInOrderAsync(IReadOnlyList<DueDelivery> due, bool keepTakingNewlyDue, CancellationToken cancellationToken)
    {
        var handled = 0;
        var taken = 0;
        var queue = new Queue<DueDelivery>(due);
        var departmentId = due[0].DepartmentId;
        var accountId = due[0].AccountId;
        try
        {
            while (true)
            {
                if (queue.Count == 0)
                {
                    // The hosted publisher's worker takes this account's deliveries that became due meanwhile (at most one
                    // batch per round, so that a busy account does not keep its worker forever).
                    if (!keepTakingNewlyDue || taken >= options.BatchSize)
                    {
                        break;
                    }

                    var more = await DueDeliveries.FindAsync(db, Now, options.ClockSkewTolerance, accountId, 10, cancellationToken);
                    if (more.Count == 0)
                    {
                        break;
                    }

                    more.ForEach(queue.Enqueue);
                }

                var head = queue.Peek();
                bool keepGoing;
                if (head.Work == DeliveryWork.Publish && !head.TargetMatches)
                {
                    queue.Dequeue();
                    taken++;
                    handled += await HoldAsync(head, cancellationToken) ? 1 : 0;
                    continue;
                }

                if (head.Work != DeliveryWork.Publish)
                {
                    queue.Dequeue();
                    taken++;
                    var token = await _claims.ClaimOneAsync(head, cancellationToken);
                    if (token is null)
                    {
                        continue;
                    }

                    handled++;
                    keepGoing = await DeleteOrCheckAsync(head, token.Value, cancellationToken);
                }
                else
                {
                    // The posts at the head of the queue, up to the next other work and at most a run's length, are claimed
                    // together (a claimed post cannot be edited or cancelled until its turn: the run stays short).
                    var posts = new List<DueDelivery>();
                    while (queue.Count > 0 && queue.Peek() is { Work: DeliveryWork.Publish, TargetMatches: true } && posts.Count < Math.Max(1, options.MaxRunLength))
                    {
                        posts.Add(queue.Dequeue());
                    }

                    taken += posts.Count;
                    var (published, stopped) = await PublishRunAsync(posts, cancellationToken);
                    handled += published;
                    keepGoing = !stopped;
                }

                if (!keepGoing)
                {
                    // Rate limited, held or lease lost: this account's later deliveries wait for the next round.
                    break;
                }
            }
        }
        finally
        {
            // The statuses changed by conditional updates, which bypass the DbContext's save.
            departmentFigures.Invalidate(departmentId);
        }

        return handled;
    }

    private async Task<bool> HoldAsync(DueDelivery delivery, CancellationToken cancellationToken)
    {
        var state = await db.PublishingAccounts.AsNoTracking().Where(a => a.Id == delivery.AccountId).Select(a => new { a.State, a.ProtectedCredentials }).SingleAsync(cancellationToken);
        var hold = delivery.Mode == DeliveryMode.Live && (state.State == AccountState.Disconnected || state.ProtectedCredentials is null)
            ? DeliveryHold.Disconnected
            : DeliveryHold.ModeChanged;
        var held = await _records.HoldAsync(delivery, hold, cancellationToken);
        if (held)
        {
            metrics.Rescheduled("held_" + hold);
            logger.LogWarning("Delivery {DeliveryId} of message {MessageId} held: its account's target changed since approval ({Hold})", delivery.Id, delivery.MessageId, hold);
        }

        return held;
    }

    /// <summary>Claims a run of posts (one token), then publishes them one after the other; what it does not reach is handed back.</summary>
    /// <returns>How many were handled, and whether the account's later deliveries must wait.</returns>
    private async Task<(int Handled, bool Stopped)> PublishRunAsync(List<DueDelivery> posts, CancellationToken cancellationToken)
    {
        if (await _claims.ClaimRunAsync(posts.Select(p => p.Id).ToList(), cancellationToken) is not { } claim)
        {
            return (0, false);
        }

        departmentFigures.Invalidate(posts[0].DepartmentId);
        var token = claim.Token;
        var claimedAt = claim.ClaimedAt;
        var run = await ReadClaimedAsync(claim.Ids.ToList(), token, claimedAt, claim.RecordedAtClaim, cancellationToken);
        if (run.Count == 0)
        {
            // Runs claimed together share a token: another instance took every one of this run's deliveries.
            return (0, false);
        }

        var recordedAtClaim = run.Where(c => c.AttemptRecordedAtClaim).Select(c => c.Delivery.Id).ToHashSet();

        // Re-read after the claim: a message cancelled, found or edited back meanwhile is never posted. On SQL Server with
        // READ_COMMITTED_SNAPSHOT the claim's due condition can read the message as it was a moment before (its update
        // reads the deliveries as they are, not the messages), so the claimed delivery is handed back unposted.
        var stale = run.Where(c => !ClaimedRunRules.MayPost(c.Message.Status)).Select(c => c.Delivery.Id).ToList();
        if (stale.Count > 0)
        {
            logger.LogWarning("{Count} claimed deliveries handed back: their message left the queue meanwhile", stale.Count);
            await HandBackQuietlyAsync(stale, token, recordedAtClaim);
            run = run.Where(c => !stale.Contains(c.Delivery.Id)).ToList();
            if (run.Count == 0)
            {
                return (0, false);
            }
        }
        var account = await AccountAsync(posts[0].AccountId, cancellationToken);
        var leaseRenewedAt = claimedAt;
        try
        {
            for (var i = 0; i < run.Count; i++)
            {
                var claimed = run[i];

                // A reply looks for its original online: the run's earlier records are confirmed first. If one failed or
                // lost its lease, the reply is not attempted and goes back with the rest of the run.
                if (claimed.Message.InReplyToMessageId is not null && !await _pending.ConfirmAllAsync(RecordFailureAsync))
                {
                    await HandBackQuietlyAsync(run.Skip(i).Select(c => c.Delivery.Id).ToList(), token, recordedAtClaim);
                    return (i, true);
                }

                var earlier = _pending.Count;
                bool keepGoing;
                try
                {
                    if (Now - leaseRenewedAt > RenewAfter)
                    {
                        // A slow run (photos, a slow channel): right before the call, the lease is renewed on condition
                        // that it is still ours and unexpired, and the attempt's time is brought to now (the settle time
                        // counts from the call). Lost: nothing is called, the rest goes back (fencing before the create).
                        leaseRenewedAt = Now;
                        if (!await _claims.RenewAsync(claimed.Delivery.Id, claimed.AttemptRecordedAtClaim, run.Skip(i + 1).Select(c => c.Delivery.Id).ToList(), token, cancellationToken))
                        {
                            logger.LogWarning("Lease of delivery {DeliveryId} lost before its attempt: nothing sent", claimed.Delivery.Id);
                            await HandBackQuietlyAsync(run.Skip(i + 1).Select(c => c.Delivery.Id).ToList(), token, recordedAtClaim);
                            return (i, true);
                        }
                    }

                    if (claimed.HasPhotos)
                    {
                        await LoadPhotosAsync(claimed, cancellationToken);
                    }

                    keepGoing = await Attempts.PublishAsync(claimed, account, _fallback, cancellationToken);
                    claimed.Message.Photos = [];
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    await RecordFailureAsync(claimed, ex);
                    keepGoing = false;
                }

                // The records of the earlier posts were written while this one went out: each must have taken effect.
                keepGoing &= await _pending.ConfirmAsync(earlier, RecordFailureAsync);
                if (!keepGoing)
                {
                    await _pending.ConfirmAllAsync(RecordFailureAsync);
                    await HandBackQuietlyAsync(run.Skip(i + 1).Select(c => c.Delivery.Id).ToList(), token, recordedAtClaim);
                    return (i + 1, true);
                }
            }

            return (run.Count, !await _pending.ConfirmAllAsync(RecordFailureAsync));
        }
        finally
        {
            // Leaving on a cancellation: the records already in the group commit still land; none is left unobserved.
            await _pending.ConfirmAllAsync(RecordFailureAsync);
        }
    }

    private async Task<bool> DeleteOrCheckAsync(DueDelivery due, Guid token, CancellationToken cancellationToken)
    {
        var claimed = (await ReadClaimedAsync([due.Id], token, DateTime.MinValue, _ => false, cancellationToken)).SingleOrDefault();
        if (claimed is null)
        {
            return true;
        }

        try
        {
            var account = await AccountAsync(due.AccountId, cancellationToken);
            if (due.Work != DeliveryWork.Delete && claimed.HasPhotos)
            {
                // A check compares with the post as it was sent, photos included (the matchers count them).
                await LoadPhotosAsync(claimed, cancellationToken);
            }

            return due.Work == DeliveryWork.Delete
                ? await Attempts.DeleteAsync(claimed, account, cancellationToken)
                : await Attempts.CheckAsync(claimed, account, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await RecordFailureAsync(claimed, ex);
            return false;
        }
    }

    /// <summary>
    /// A write (or a read) failed while the delivery was in hand: it is failed on its own, its marker kept (the post may be
    /// online: "Relancer" checks first), and the error stays in this worker. If even that write fails, the lease expires and
    /// another round takes the delivery over, finding the post first.
    /// </summary>
    private async Task RecordFailureAsync(ClaimedDelivery claimed, Exception ex)
    {
        logger.LogError(ex, "Recording the outcome of delivery {DeliveryId} of message {MessageId} failed", claimed.Delivery.Id, claimed.Message.Id);
        metrics.Failed(nameof(DeliveryFailure.RecordFailed));
        try
        {
            if (claimed.Delivery.Status == DeliveryStatus.Sending)
            {
                await _records.FailAsync(claimed.Delivery.Id, claimed.Message.Id, claimed.Message.DepartmentId, claimed.Token, DeliveryFailure.RecordFailed, Delivery.Truncate(ex.Message), nothingSent: false, CancellationToken.None);
            }
            else
            {
                // A takedown or a check is never abandoned: back in its queue after a backoff.
                var next = Now + PublishingBackoff.Delay(Math.Max(1, claimed.Delivery.Attempts), options.BackoffBase, options.BackoffMax, Random.Shared);
                await _records.RescheduleAsync(claimed.Delivery.Id, claimed.Token, next, DeliveryFailure.RecordFailed, Delivery.Truncate(ex.Message), nothingSent: false, ownAttempt: false, CancellationToken.None);
            }
        }
        catch (Exception again)
        {
            logger.LogError(again, "Could not record the failure of delivery {DeliveryId}; its lease will expire", claimed.Delivery.Id);
        }
    }

    private async Task HandBackQuietlyAsync(List<long> unsent, Guid token, IReadOnlySet<long> recordedAtClaim)
    {
        try
        {
            await _claims.HandBackAsync(unsent, token, recordedAtClaim, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not hand back {Count} deliveries; their lease will expire", unsent.Count);
        }
    }

    /// <summary>
    /// The claimed deliveries as they stand after the claim, with their messages (an edited message is never posted in its
    /// old form), each network's text variant and whether each has photos (one read for the run; the photos themselves are read one post at a time).
    /// </summary>
    private async Task<List<ClaimedDelivery>> ReadClaimedAsync(List<long> ids, Guid token, DateTime claimedAt, Func<Delivery, bool> recordedAtClaim, CancellationToken cancellationToken)
    {
        var rows = await (
                from d in db.Deliveries.AsNoTracking()
                join m in db.Messages.AsNoTracking() on d.MessageId equals m.Id
                join a in db.PublishingAccounts.AsNoTracking() on d.AccountId equals a.Id
                where ids.Contains(d.Id) && d.LeaseToken == token
                orderby m.DueAtUtc ?? d.NextAttemptAtUtc, d.Id
                select new
                {
                    d,
                    m,
                    HasPhotos = db.MessagePhotos.Any(p => p.MessageId == m.Id),
                    Variant = db.MessageVariants.Where(v => v.MessageId == m.Id && v.Network == a.Network).Select(v => v.Text).FirstOrDefault(),
                })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new ClaimedDelivery(r.d, r.m, token, claimedAt)
        {
            AttemptRecordedAtClaim = recordedAtClaim(r.d),
            OwnMarker = recordedAtClaim(r.d),
            HasPhotos = r.HasPhotos,
            TextVariant = r.Variant,
        }).ToList();
    }

    private async Task LoadPhotosAsync(ClaimedDelivery claimed, CancellationToken cancellationToken) =>
        claimed.Message.Photos = await db.MessagePhotos.AsNoTracking().Where(p => p.MessageId == claimed.Message.Id).OrderBy(p => p.Position).ToListAsync(cancellationToken);

    private async Task<ChannelAccount> AccountAsync(int accountId, CancellationToken cancellationToken)
    {
        if (_account is null || _account.Id != accountId)
        {
            (_account, _fallback) = await PublishingChannels.ReadAccountAsync(db, accountId, cancellationToken);
        }

        return _account;
    }
}
