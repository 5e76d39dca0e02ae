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

    /// <summary>
    /// The marker is this attempt's own (set by the claim, no earlier uncertain attempt pending, nothing reconciled): an
    /// answer proving nothing was created may clear it. False as soon as an earlier uncertain attempt is involved.
    /// </summary>
    public bool OwnMarker { get; set; }

    /// <summary>The address of a reply's original (for the link fallback).</summary>
    public string? ParentUrl { get; set; }

    /// <summary>The message's text for the delivery's network, where the officer wrote one (its variant).</summary>
    public string? TextVariant { get; init; }

    /// <summary>What the delivery posts: its network's variant, or the message's text.</summary>
    public string Text => TextVariant ?? Message.Text;
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
        var channel = channels.For(account, delivery.Mode);
        var (post, parentOnline) = await PostAsync(claimed, cancellationToken);
        var wasPossiblySent = false;
        if (!claimed.AttemptRecordedAtClaim && delivery.PossiblySentSinceUtc is { } since)
        {
            // An earlier attempt may have reached the channel: never post again before knowing, in the form it was sent
            // (a fallback of a refused reply included), whether its original is still online or not.
            claimed.OwnMarker = false;
            var found = await reconciliation.FindAsync(channel, account, delivery, since, delivery.LastAttemptAtUtc ?? since, post, cancellationToken);
            switch (found)
            {
                case Reconciled.Found(var postId, var url):
                    metrics.Reconciled("found");
                    return await records.SentAsync(delivery.Id, message.Id, message.DepartmentId, token, postId, url, delivery.ReplyFallbackUsed, "found after an uncertain attempt", cancellationToken);
                case Reconciled.NotYetSettled(var next):
                    metrics.Reconciled("not_yet_settled");
                    await records.RescheduleAsync(delivery.Id, token, next, DeliveryFailure.PossiblySent, null, nothingSent: false, ownAttempt: false, cancellationToken);
                    return true;
                case Reconciled.OutOfReach:
                    metrics.Reconciled("out_of_reach");
                    return await records.NeedsHandCheckAsync(delivery.Id, message.Id, message.DepartmentId, token, cancellationToken) || true;
                case Reconciled.Unavailable(var why):
                    return await ReadFailedAsync(claimed, why, cancellationToken);
            }

            // Absent a settle time after the last attempt: post again, the marker kept at the first uncertain attempt.
            metrics.Reconciled("absent");
            if (!parentOnline)
            {
                return await ApplyAsync(claimed, new DeliveryStep.Fail(DeliveryFailure.ParentOffline, KeepMarker: false), null, ReplyFallback.None, cancellationToken);
            }

            if (!await records.AttemptAsync(delivery.Id, token, marks: true, cancellationToken))
            {
                return false;
            }

            // Posted again in the form of the last attempt (a fallback stays a fallback: the reply would be refused again).
            delivery.Attempts++;
            wasPossiblySent = true;
        }
        else if (!parentOnline)
        {
            // A reply needs its original online on the same account (a "fin de la déviation" without its deviation means nothing).
            return await ApplyAsync(claimed, new DeliveryStep.Fail(DeliveryFailure.ParentOffline, KeepMarker: false), null, ReplyFallback.None, cancellationToken);
        }

        var lag = Now - (message.DueAtUtc ?? Now);
        metrics.Lag(lag, delivery.Mode.ToString());
        logger.LogInformation("Publishing message {MessageId} (delivery {DeliveryId}, attempt {Attempt}), {LagMs} ms after its due time", message.Id, delivery.Id, delivery.Attempts, (long)lag.TotalMilliseconds);
        metrics.Attempt(delivery.Mode.ToString());
        var outcome = await channel.PublishAsync(account, post, cancellationToken);
        var replyTo = post.ReplyToPostId;
        var step = DeliveryOutcomePolicy.Decide(outcome, new DeliveryAttempt(DeliveryOperation.Publish, delivery.Attempts, options.MaxAttempts, wasPossiblySent, replyTo is not null, fallbackSetting));
        if (step is DeliveryStep.UseFallback(var fallback))
        {
            // X's reply rule refused the reply: the same text once more, as the department chose, never as a reply. The form
            // is recorded with the attempt, so that an uncertain fallback is looked for as it was sent.
            if (!await records.AttemptAsync(delivery.Id, token, marks: true, cancellationToken, fallback))
            {
                return false;
            }

            delivery.Attempts++;
            delivery.ReplyFallbackUsed = fallback;
            var again = FallbackForm(post, fallback, claimed.ParentUrl);
            outcome = await channel.PublishAsync(account, again, cancellationToken);
            step = DeliveryOutcomePolicy.Decide(outcome, new DeliveryAttempt(DeliveryOperation.Publish, delivery.Attempts, options.MaxAttempts, wasPossiblySent));
            return await ApplyAsync(claimed, step, outcome, fallback, cancellationToken, again);
        }

        return await ApplyAsync(claimed, step, outcome, ReplyFallback.None, cancellationToken, post);
    }

    /// <summary>
    /// What the delivery posts, in the form of its last attempt (a reply to its original, or the fallback recorded with the
    /// attempt), and whether its original is online on the same account. A found-thanks is not a reply.
    /// </summary>
    private async Task<(ChannelPost Post, bool ParentOnline)> PostAsync(ClaimedDelivery claimed, CancellationToken cancellationToken)
    {
        var (delivery, message, _, _) = claimed;
        var post = new ChannelPost(message.Id, claimed.Text, message.Photos, ClientKey: delivery.ClientKey);
        if (message.InReplyToMessageId is not { } parentId || message.FollowUpKind == FollowUpKind.FoundThanks)
        {
            return (post, true);
        }

        var parent = await db.Deliveries.AsNoTracking()
            .Where(d => d.MessageId == parentId && d.AccountId == delivery.AccountId && d.RemotePostId != null)
            .OrderByDescending(d => d.Status == DeliveryStatus.Sent)
            .Select(d => new { d.RemotePostId, d.RemotePostUrl, d.Status })
            .FirstOrDefaultAsync(cancellationToken);
        if (parent?.RemotePostId is null)
        {
            return (post, false);
        }

        claimed.ParentUrl = parent.RemotePostUrl;
        post = post with { ReplyToPostId = parent.RemotePostId };
        return (FallbackForm(post, delivery.ReplyFallbackUsed, parent.RemotePostUrl), parent.Status == DeliveryStatus.Sent);
    }

    /// <summary>A reply in the fallback form: a quote post of the original, or the text with a link to it.</summary>
    private static ChannelPost FallbackForm(ChannelPost reply, ReplyFallback fallback, string? parentUrl) => fallback switch
    {
        ReplyFallback.QuotePost => reply with { ReplyToPostId = null, QuotePostId = reply.ReplyToPostId },
        ReplyFallback.LinkPost => reply with { ReplyToPostId = null, Text = $"{reply.Text}\n{parentUrl}" },
        _ => reply,
    };

    /// <summary>Deletes the post where it actually is (the delivery's mode, not the account's mode now).</summary>
    public async Task<bool> DeleteAsync(ClaimedDelivery claimed, ChannelAccount account, CancellationToken cancellationToken)
    {
        var (delivery, message, token, _) = claimed;
        if (delivery.RemotePostId is not { } postId)
        {
            return await records.WithdrawnAsync(delivery.Id, message.Id, message.DepartmentId, token, "nothing to delete", cancellationToken) || true;
        }

        if (!await records.AttemptAsync(delivery.Id, token, marks: false, cancellationToken))
        {
            return false;
        }

        delivery.Attempts++;
        logger.LogInformation("Deleting the post {PostId} of message {MessageId} (attempt {Attempt})", postId, message.Id, delivery.Attempts);
        metrics.Attempt(delivery.Mode + "_delete");
        var outcome = await channels.For(account, delivery.Mode).DeleteAsync(account, postId, cancellationToken);
        var step = DeliveryOutcomePolicy.Decide(outcome, new DeliveryAttempt(DeliveryOperation.Delete, delivery.Attempts, options.MaxAttempts));
        return await ApplyAsync(claimed, step, outcome, ReplyFallback.None, cancellationToken);
    }

    /// <summary>Only finds out whether a possibly-sent delivery is online (a person wants to act on it).</summary>
    public async Task<bool> CheckAsync(ClaimedDelivery claimed, ChannelAccount account, CancellationToken cancellationToken)
    {
        var (delivery, message, token, _) = claimed;
        var channel = channels.For(account, delivery.Mode);
        if (delivery.PossiblySentSinceUtc is not { } since)
        {
            return await records.CheckedAbsentAsync(delivery.Id, token, cancellationToken) || true;
        }

        // Counted like any call, so that a check that keeps failing waits longer each time instead of every few seconds.
        if (!await records.AttemptAsync(delivery.Id, token, marks: false, cancellationToken))
        {
            return false;
        }

        delivery.Attempts++;
        claimed.OwnMarker = false;
        var (post, _) = await PostAsync(claimed, cancellationToken);
        var found = await reconciliation.FindAsync(channel, account, delivery, since, delivery.LastAttemptAtUtc ?? since, post, cancellationToken);
        switch (found)
        {
            case Reconciled.Found(var postId, var url):
                // Whether to withdraw is read by the record itself: a cancellation made during the check counts.
                return await records.FoundAsync(delivery.Id, message.Id, message.DepartmentId, token, postId, url, cancellationToken) || true;
            case Reconciled.Absent:
                return await records.CheckedAbsentAsync(delivery.Id, token, cancellationToken) || true;
            case Reconciled.NotYetSettled(var next):
                await records.RescheduleAsync(delivery.Id, token, next, DeliveryFailure.PossiblySent, null, nothingSent: false, ownAttempt: false, cancellationToken);
                return true;
            case Reconciled.OutOfReach:
                metrics.Reconciled("out_of_reach");
                return await records.NeedsHandCheckAsync(delivery.Id, message.Id, message.DepartmentId, token, cancellationToken) || true;
            default:
                return await ReadFailedAsync(claimed, ((Reconciled.Unavailable)found).Why, cancellationToken);
        }
    }

    /// <summary>
    /// A failed read of the recent posts: as the policy says for the outcome, the marker always kept; when the reads keep
    /// failing, a person settles it (the delivery waits as "to check by hand"), never a guess.
    /// </summary>
    private async Task<bool> ReadFailedAsync(ClaimedDelivery claimed, ChannelOutcome why, CancellationToken cancellationToken)
    {
        var (delivery, message, token, _) = claimed;
        claimed.OwnMarker = false;
        var step = DeliveryOutcomePolicy.Decide(why, new DeliveryAttempt(DeliveryOperation.Publish, delivery.Attempts, options.MaxAttempts));
        switch (step)
        {
            case DeliveryStep.Retry when delivery.Attempts < options.MaxAttempts:
                return await ApplyAsync(claimed, new DeliveryStep.Retry(DeliveryFailure.ReconcileFailed, KeepMarker: true), why, ReplyFallback.None, cancellationToken);
            case DeliveryStep.Retry or DeliveryStep.Fail:
                metrics.Reconciled("out_of_reach");
                return await records.NeedsHandCheckAsync(delivery.Id, message.Id, message.DepartmentId, token, cancellationToken) || true;
            default:
                return await ApplyAsync(claimed, step, why, ReplyFallback.None, cancellationToken);
        }
    }

    private async Task<bool> ApplyAsync(ClaimedDelivery claimed, DeliveryStep step, ChannelOutcome? outcome, ReplyFallback fallbackUsed, CancellationToken cancellationToken, ChannelPost? sent = null)
    {
        var detail = outcome?.RemoteDetail;
        var (delivery, message, token, _) = claimed;
        var from = delivery.Status;
        var posting = from == DeliveryStatus.Sending;
        var own = claimed.OwnMarker;
        switch (step)
        {
            case DeliveryStep.Record when from == DeliveryStatus.Withdrawing:
                metrics.Withdrawn(delivery.Mode.ToString());
                return await records.WithdrawnAsync(delivery.Id, message.Id, message.DepartmentId, token, null, cancellationToken) || true;
            case DeliveryStep.Record when outcome is ChannelOutcome.Done(var postId, var url) && postId is not null:
                metrics.Published(delivery.Mode.ToString());
                logger.LogInformation("Message {MessageId} published as {PostId} ({Mode})", message.Id, postId, delivery.Mode);

                // Not awaited: the record joins the next group commit while the run's next post goes out (PendingRecords).
                // Not cancelled either: the post is online, its record is worth writing even while the host stops.
                pending.Add(records.SentAsync(delivery.Id, message.Id, message.DepartmentId, token, postId, url ?? "", fallbackUsed, fallbackUsed == ReplyFallback.None ? null : $"fallback {fallbackUsed}", CancellationToken.None), claimed);
                return true;
            case DeliveryStep.Retry(var reason, _) when !posting:
                // A takedown or a check is never abandoned: retried with backoff (a takedown's capped lower), shown as an
                // alert once past the attempts a post would get.
                metrics.Rescheduled(reason.ToString());
                var alert = from == DeliveryStatus.Withdrawing && delivery.Attempts >= options.MaxAttempts ? DeliveryFailure.DeleteFailed : reason;
                var max = from == DeliveryStatus.Withdrawing && options.TakedownBackoffMax < options.BackoffMax ? options.TakedownBackoffMax : options.BackoffMax;
                await records.RescheduleAsync(delivery.Id, token, Now + PublishingBackoff.Delay(Math.Max(1, delivery.Attempts), options.BackoffBase, max, Random.Shared), alert, detail, nothingSent: false, ownAttempt: false, cancellationToken);
                return true;
            case DeliveryStep.Retry(var reason, var keep) when delivery.Attempts < options.MaxAttempts:
                metrics.Rescheduled(reason.ToString());
                var delay = PublishingBackoff.Delay(Math.Max(1, delivery.Attempts), options.BackoffBase, options.BackoffMax, Random.Shared);
                await records.RescheduleAsync(delivery.Id, token, Now + delay, reason, detail, nothingSent: !keep, own, cancellationToken);
                return true;
            case DeliveryStep.Retry(var reason, var keep):
                return await FailAsync(claimed, reason, detail, !keep && own, cancellationToken);
            case DeliveryStep.RetryNow(var reason):
                // A 401 proves only that this call created nothing: an earlier uncertain attempt stays to be reconciled
                // (with the new credentials) before anything is posted, and a check stays a check.
                metrics.Rescheduled(reason.ToString());
                await records.RescheduleAsync(delivery.Id, token, Now, reason, detail, nothingSent: posting, own, cancellationToken);
                return false;
            case DeliveryStep.WaitForRateLimit(var until):
                // Only a create's limit holds the account's posts: a deletion or a read has its own limit, and holds only itself.
                metrics.Rescheduled(nameof(DeliveryFailure.RateLimited));
                if (posting && outcome is not null && sent is not null)
                {
                    await records.RateLimitAccountAsync(delivery.AccountId, until, cancellationToken);
                }

                await records.RescheduleAsync(delivery.Id, token, until, DeliveryFailure.RateLimited, detail, nothingSent: posting, own, cancellationToken);
                return false;
            case DeliveryStep.HoldForAccount(var reason):
                metrics.Rescheduled(reason.ToString());
                await records.RescheduleAsync(delivery.Id, token, Now, reason, detail, nothingSent: posting, own, cancellationToken);
                return false;
            case DeliveryStep.Reconcile when sent is not null:
                return await ReconcileAfterDuplicateAsync(claimed, sent, cancellationToken);
            case DeliveryStep.Fail(var reason, var keep) when posting:
                return await FailAsync(claimed, reason, detail, !keep && own, cancellationToken);
            case DeliveryStep.Fail(var reason, _):
                return await ApplyAsync(claimed, new DeliveryStep.Retry(reason, KeepMarker: true), outcome, fallbackUsed, cancellationToken);
            default:
                return await FailAsync(claimed, DeliveryFailure.Rejected, detail, nothingSent: false, cancellationToken);
        }
    }

    /// <summary>"Duplicate" right after an uncertain attempt: our own post, probably; keep looking, never advise a re-post.</summary>
    private async Task<bool> ReconcileAfterDuplicateAsync(ClaimedDelivery claimed, ChannelPost sent, CancellationToken cancellationToken)
    {
        var (delivery, message, token, _) = claimed;
        var since = delivery.PossiblySentSinceUtc ?? claimed.ClaimedAt;
        var account = await AccountAsync(delivery.AccountId, cancellationToken);
        var found = await reconciliation.FindAsync(channels.For(account, delivery.Mode), account, delivery, since, Now, sent, cancellationToken);
        if (found is Reconciled.Found(var postId, var url))
        {
            return await records.SentAsync(delivery.Id, message.Id, message.DepartmentId, token, postId, url, delivery.ReplyFallbackUsed, "duplicate reported, post found", cancellationToken);
        }

        if (delivery.Attempts >= options.MaxAttempts)
        {
            return await FailAsync(claimed, DeliveryFailure.PossiblySent, null, nothingSent: false, cancellationToken);
        }

        await records.RescheduleAsync(delivery.Id, token, Now + options.ReconcileSettleTime, DeliveryFailure.PossiblySent, null, nothingSent: false, ownAttempt: false, cancellationToken);
        return true;
    }

    /// <summary>Gives up a post; <paramref name="nothingSent"/>: its only attempt certainly created nothing (its own marker goes).</summary>
    private async Task<bool> FailAsync(ClaimedDelivery claimed, DeliveryFailure reason, string? detail, bool nothingSent, CancellationToken cancellationToken)
    {
        var (delivery, message, token, _) = claimed;
        metrics.Failed(reason.ToString());
        logger.LogError("Delivery {DeliveryId} of message {MessageId} failed: {Failure} {Detail}", delivery.Id, message.Id, reason, detail);
        await records.FailAsync(delivery.Id, message.Id, message.DepartmentId, token, reason, detail, nothingSent, cancellationToken);
        return true;
    }

    private async Task<ChannelAccount> AccountAsync(int accountId, CancellationToken cancellationToken) =>
        (await PublishingChannels.ReadAccountAsync(db, accountId, cancellationToken)).Account;
}
