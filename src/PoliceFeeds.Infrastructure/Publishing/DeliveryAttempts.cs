using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Publishing.Channels;

namespace PoliceFeeds.Infrastructure.Publishing;

/// <summary>A claimed delivery with what it posts.</summary>
internal sealed record ClaimedDelivery(Delivery Delivery, Message Message, Guid Token, DateTime ClaimedAt)
{
    /// <summary>
    /// The claim itself recorded this attempt (no earlier uncertain attempt was pending), as the claim reported it: an
    /// earlier uncertain attempt may carry the same time as the claim (a frozen or coarse clock), so times cannot tell.
    /// </summary>
    public bool AttemptRecordedAtClaim { get; init; }

    /// <summary>The message has photos, to read just before it is posted.</summary>
    public bool HasPhotos { get; init; }
}

/// <summary>
/// The channel calls of one delivery, and the policy's step applied: publish (after reconciling an uncertain attempt),
/// delete, or check. Publish and delete share the mechanics: record the attempt, call, ask the policy, record the step.
/// </summary>
internal sealed class DeliveryAttempts(
    PublishingOptions options,
    PoliceFeedsDbContext db,
    PublishingChannels channels,
    DeliveryRecords records,
    PendingRecords pending,
    AccountReconciliation reconciliation,
    PublisherMetrics metrics,
    TimeProvider timeProvider,
    ILogger logger)
{
    private DateTime Now => timeProvider.GetUtcNow().UtcDateTime;

    /// <returns>false when the account's next deliveries must wait (rate limit, account to reconnect, lease lost).</returns>
    public async Task<bool> PublishAsync(ClaimedDelivery claimed, ChannelAccount account, ReplyFallback fallbackSetting, CancellationToken cancellationToken)
    {
        var (delivery, message, token, _) = claimed;
        var channel = channels.For(delivery.Mode);
        string? replyTo = null;
        string? parentUrl = null;
        if (message.InReplyToMessageId is { } parentId && message.FollowUpKind != FollowUpKind.FoundThanks)
        {
            // A reply needs its original online on the same account (a "fin de la déviation" without its deviation means nothing).
            var parent = await db.Deliveries.AsNoTracking()
                .Where(d => d.MessageId == parentId && d.AccountId == delivery.AccountId && d.Status == DeliveryStatus.Sent)
                .Select(d => new { d.RemotePostId, d.RemotePostUrl })
                .FirstOrDefaultAsync(cancellationToken);
            if (parent?.RemotePostId is null)
            {
                return await ApplyAsync(claimed, new DeliveryStep.Fail(DeliveryFailure.ParentOffline, KeepMarker: false), null, ReplyFallback.None, cancellationToken);
            }

            (replyTo, parentUrl) = (parent.RemotePostId, parent.RemotePostUrl);
        }

        var post = new ChannelPost(message.Id, message.Text, message.Photos, replyTo);
        var wasPossiblySent = false;
        if (!claimed.AttemptRecordedAtClaim && delivery.PossiblySentSinceUtc is { } since)
        {
            // An earlier attempt may have reached the channel: never post again before knowing.
            var found = await reconciliation.FindAsync(channel, account, delivery.Mode, since, delivery.LastAttemptAtUtc ?? since, post, cancellationToken);
            switch (found)
            {
                case Reconciled.Found(var postId, var url):
                    metrics.Reconciled("found");
                    return await records.SentAsync(delivery.Id, message.Id, message.DepartmentId, token, postId, url, ReplyFallback.None, "found after an uncertain attempt", cancellationToken);
                case Reconciled.NotYetSettled(var next):
                    metrics.Reconciled("not_yet_settled");
                    await records.RescheduleAsync(delivery.Id, token, DeliveryStatus.Sending, next, DeliveryFailure.PossiblySent, null, keepMarker: true, cancellationToken);
                    return true;
                case Reconciled.Unavailable(var why):
                    return await ApplyAsync(claimed, ReconcileFailed(why, delivery.Attempts), why, ReplyFallback.None, cancellationToken);
            }

            // Absent a settle time after the last attempt: post again, the marker kept at the first uncertain attempt.
            metrics.Reconciled("absent");
            if (!await records.AttemptAsync(delivery.Id, token, DeliveryStatus.Sending, marks: true, cancellationToken))
            {
                return false;
            }

            delivery.Attempts++;
            wasPossiblySent = true;
        }

        var lag = Now - (message.DueAtUtc ?? Now);
        metrics.Lag(lag, delivery.Mode.ToString());
        logger.LogInformation("Publishing message {MessageId} (delivery {DeliveryId}, attempt {Attempt}), {LagMs} ms after its due time", message.Id, delivery.Id, delivery.Attempts, (long)lag.TotalMilliseconds);
        metrics.Attempt(delivery.Mode.ToString());
        var outcome = await channel.PublishAsync(account, post, cancellationToken);
        var step = DeliveryOutcomePolicy.Decide(outcome, new DeliveryAttempt(DeliveryOperation.Publish, delivery.Attempts, options.MaxAttempts, wasPossiblySent, replyTo is not null, fallbackSetting));
        if (step is DeliveryStep.UseFallback(var fallback))
        {
            // X's reply rule refused the reply: the same text once more, as the department chose, never as a reply.
            if (!await records.AttemptAsync(delivery.Id, token, DeliveryStatus.Sending, marks: true, cancellationToken))
            {
                return false;
            }

            delivery.Attempts++;
            var again = fallback == ReplyFallback.QuotePost
                ? post with { ReplyToPostId = null, QuotePostId = replyTo }
                : post with { ReplyToPostId = null, Text = $"{post.Text}\n{parentUrl}" };
            outcome = await channel.PublishAsync(account, again, cancellationToken);
            step = DeliveryOutcomePolicy.Decide(outcome, new DeliveryAttempt(DeliveryOperation.Publish, delivery.Attempts, options.MaxAttempts));
            return await ApplyAsync(claimed, step, outcome, fallback, cancellationToken, again);
        }

        return await ApplyAsync(claimed, step, outcome, ReplyFallback.None, cancellationToken, post);
    }

    /// <summary>Deletes the post where it actually is (the delivery's mode, not the account's mode now).</summary>
    public async Task<bool> DeleteAsync(ClaimedDelivery claimed, ChannelAccount account, CancellationToken cancellationToken)
    {
        var (delivery, message, token, _) = claimed;
        if (delivery.RemotePostId is not { } postId)
        {
            return await records.WithdrawnAsync(delivery.Id, message.Id, message.DepartmentId, token, DeliveryStatus.Withdrawing, "nothing to delete", cancellationToken) || true;
        }

        if (!await records.AttemptAsync(delivery.Id, token, DeliveryStatus.Withdrawing, marks: false, cancellationToken))
        {
            return false;
        }

        delivery.Attempts++;
        logger.LogInformation("Deleting the post {PostId} of message {MessageId} (attempt {Attempt})", postId, message.Id, delivery.Attempts);
        metrics.Attempt(delivery.Mode + "_delete");
        var outcome = await channels.For(delivery.Mode).DeleteAsync(account, postId, cancellationToken);
        var step = DeliveryOutcomePolicy.Decide(outcome, new DeliveryAttempt(DeliveryOperation.Delete, delivery.Attempts, options.MaxAttempts));
        return await ApplyAsync(claimed, step, outcome, ReplyFallback.None, cancellationToken);
    }

    /// <summary>Only finds out whether a possibly-sent delivery is online (a person wants to act on it).</summary>
    public async Task<bool> CheckAsync(ClaimedDelivery claimed, ChannelAccount account, CancellationToken cancellationToken)
    {
        var (delivery, message, token, _) = claimed;
        var channel = channels.For(delivery.Mode);
        if (delivery.PossiblySentSinceUtc is not { } since)
        {
            return await records.CheckedAbsentAsync(delivery.Id, token, cancellationToken) || true;
        }

        // Counted like any call, so that a check that keeps failing waits longer each time instead of every few seconds.
        if (!await records.AttemptAsync(delivery.Id, token, DeliveryStatus.CheckRequested, marks: false, cancellationToken))
        {
            return false;
        }

        delivery.Attempts++;
        var post = new ChannelPost(message.Id, message.Text, message.Photos);
        var found = await reconciliation.FindAsync(channel, account, delivery.Mode, since, delivery.LastAttemptAtUtc ?? since, post, cancellationToken);
        switch (found)
        {
            case Reconciled.Found(var postId, var url):
                // Whether to withdraw is read by the record itself: a cancellation made during the check counts.
                return await records.FoundAsync(delivery.Id, message.Id, message.DepartmentId, token, DeliveryStatus.CheckRequested, postId, url, cancellationToken) || true;
            case Reconciled.Absent:
                return await records.CheckedAbsentAsync(delivery.Id, token, cancellationToken) || true;
            case Reconciled.NotYetSettled(var next):
                await records.RescheduleAsync(delivery.Id, token, DeliveryStatus.CheckRequested, next, DeliveryFailure.PossiblySent, null, keepMarker: true, cancellationToken);
                return true;
            default:
                var why = ((Reconciled.Unavailable)found).Why;
                var step = ReconcileFailed(why, delivery.Attempts);
                return await ApplyAsync(claimed, step is DeliveryStep.Fail ? new DeliveryStep.Retry(DeliveryFailure.ReconcileFailed, KeepMarker: true) : step, why, ReplyFallback.None, cancellationToken);
        }
    }

    /// <summary>A failed read of the recent posts: as the policy says for the outcome, but the marker always kept.</summary>
    private DeliveryStep ReconcileFailed(ChannelOutcome why, int attempts) =>
        DeliveryOutcomePolicy.Decide(why, new DeliveryAttempt(DeliveryOperation.Publish, attempts, options.MaxAttempts)) switch
        {
            DeliveryStep.Retry => new DeliveryStep.Retry(DeliveryFailure.ReconcileFailed, KeepMarker: true),
            DeliveryStep.Fail => new DeliveryStep.Fail(DeliveryFailure.ReconcileFailed, KeepMarker: true),
            var other => other,
        };

    private async Task<bool> ApplyAsync(ClaimedDelivery claimed, DeliveryStep step, ChannelOutcome? outcome, ReplyFallback fallbackUsed, CancellationToken cancellationToken, ChannelPost? sent = null)
    {
        var detail = outcome?.RemoteDetail;
        var (delivery, message, token, _) = claimed;
        var from = delivery.Status;
        var account = delivery.AccountId;
        switch (step)
        {
            case DeliveryStep.Record when from == DeliveryStatus.Withdrawing:
                metrics.Withdrawn(delivery.Mode.ToString());
                return await records.WithdrawnAsync(delivery.Id, message.Id, message.DepartmentId, token, from, null, cancellationToken) || true;
            case DeliveryStep.Record when outcome is ChannelOutcome.Done(var postId, var url) && postId is not null:
                metrics.Published(delivery.Mode.ToString());
                logger.LogInformation("Message {MessageId} published as {PostId} ({Mode})", message.Id, postId, delivery.Mode);

                // Not awaited: the record joins the next group commit while the run's next post goes out (PendingRecords).
                // Not cancelled either: the post is online, its record is worth writing even while the host stops.
                pending.Add(records.SentAsync(delivery.Id, message.Id, message.DepartmentId, token, postId, url ?? "", fallbackUsed, fallbackUsed == ReplyFallback.None ? null : $"fallback {fallbackUsed}", CancellationToken.None), claimed);
                return true;
            case DeliveryStep.Retry(var reason, var keep) when delivery.Attempts < options.MaxAttempts || from != DeliveryStatus.Sending:
                metrics.Rescheduled(reason.ToString());
                var delay = PublishingBackoff.Delay(Math.Max(1, delivery.Attempts), options.BackoffBase, options.BackoffMax, Random.Shared);
                await records.RescheduleAsync(delivery.Id, token, from, Now + delay, reason, detail, keep, cancellationToken);
                return true;
            case DeliveryStep.Retry(var reason, var keep):
                return await FailAsync(claimed, from, reason, detail, keep, cancellationToken);
            case DeliveryStep.RetryNow(var reason):
                // A 401 proves only that this call created nothing: an earlier uncertain attempt stays to be reconciled
                // (with the new credentials) before anything is posted, and a check stays a check.
                metrics.Rescheduled(reason.ToString());
                await records.RescheduleAsync(delivery.Id, token, from, Now, reason, detail, keepMarker: !claimed.AttemptRecordedAtClaim && from != DeliveryStatus.Withdrawing, cancellationToken);
                return false;
            case DeliveryStep.WaitForRateLimit(var until):
                metrics.Rescheduled(nameof(DeliveryFailure.RateLimited));
                await records.RateLimitAccountAsync(account, until, cancellationToken);
                await records.RescheduleAsync(delivery.Id, token, from, until, DeliveryFailure.RateLimited, detail, keepMarker: !claimed.AttemptRecordedAtClaim && from != DeliveryStatus.Withdrawing, cancellationToken);
                return false;
            case DeliveryStep.HoldForAccount(var reason):
                metrics.Rescheduled(reason.ToString());

                await records.RescheduleAsync(delivery.Id, token, from, Now, reason, detail, keepMarker: !claimed.AttemptRecordedAtClaim && from != DeliveryStatus.Withdrawing, cancellationToken);
                return false;
            case DeliveryStep.Reconcile when sent is not null:
                return await ReconcileAfterDuplicateAsync(claimed, sent, cancellationToken);
            case DeliveryStep.Fail(var reason, var keep):
                return await FailAsync(claimed, from, reason, detail, keep, cancellationToken);
            default:
                return await FailAsync(claimed, from, DeliveryFailure.Rejected, detail, keepMarker: true, cancellationToken);
        }
    }

    /// <summary>"Duplicate" right after an uncertain attempt: our own post, probably; keep looking, never advise a re-post.</summary>
    private async Task<bool> ReconcileAfterDuplicateAsync(ClaimedDelivery claimed, ChannelPost sent, CancellationToken cancellationToken)
    {
        var (delivery, message, token, _) = claimed;
        var since = delivery.PossiblySentSinceUtc ?? claimed.ClaimedAt;
        var found = await reconciliation.FindAsync(channels.For(delivery.Mode), await AccountAsync(delivery.AccountId, cancellationToken), delivery.Mode, since, Now, sent, cancellationToken);
        if (found is Reconciled.Found(var postId, var url))
        {
            return await records.SentAsync(delivery.Id, message.Id, message.DepartmentId, token, postId, url, ReplyFallback.None, "duplicate reported, post found", cancellationToken);
        }

        if (delivery.Attempts >= options.MaxAttempts)
        {
            return await FailAsync(claimed, DeliveryStatus.Sending, DeliveryFailure.PossiblySent, null, keepMarker: true, cancellationToken);
        }

        await records.RescheduleAsync(delivery.Id, token, DeliveryStatus.Sending, Now + options.ReconcileSettleTime, DeliveryFailure.PossiblySent, null, keepMarker: true, cancellationToken, markerSince: since);
        return true;
    }

    private async Task<bool> FailAsync(ClaimedDelivery claimed, DeliveryStatus from, DeliveryFailure reason, string? detail, bool keepMarker, CancellationToken cancellationToken)
    {
        var (delivery, message, token, _) = claimed;
        metrics.Failed(reason.ToString());
        logger.LogError("Delivery {DeliveryId} of message {MessageId} failed: {Failure} {Detail}", delivery.Id, message.Id, reason, detail);
        await records.FailAsync(delivery.Id, message.Id, message.DepartmentId, token, from, reason, detail, keepMarker, cancellationToken);
        return true;
    }

    private async Task<ChannelAccount> AccountAsync(int accountId, CancellationToken cancellationToken) =>
        await db.XAccounts.AsNoTracking().Where(a => a.Id == accountId)
            .Select(a => new ChannelAccount(a.Id, a.DepartmentId, a.Handle, a.XUserId))
            .SingleAsync(cancellationToken);
}
