namespace PoliceFeeds.Core.Publishing;

/// <summary>What the publisher does with one channel call (publish or delete).</summary>
public enum DeliveryOperation
{
    Publish = 0,
    Delete = 1,
}

/// <param name="Operation">Publishing or deleting.</param>
/// <param name="Attempts">Attempts made so far, the one just answered included.</param>
/// <param name="MaxAttempts">Attempts before giving up.</param>
/// <param name="WasPossiblySent">
/// This attempt follows an ambiguous one that a reconciliation judged absent (the timeline may still lag behind it).
/// </param>
/// <param name="IsReply">The post was a reply.</param>
/// <param name="Fallback">The department's fallback for a reply refused by the reply rule.</param>
public sealed record DeliveryAttempt(
    DeliveryOperation Operation,
    int Attempts,
    int MaxAttempts,
    bool WasPossiblySent = false,
    bool IsReply = false,
    ReplyFallback Fallback = ReplyFallback.None);

/// <summary>The next step for a delivery after a channel answered. Exactly one of the kinds below.</summary>
public abstract record DeliveryStep
{
    private DeliveryStep()
    {
    }

    /// <summary>Record the post as sent (publish) or withdrawn (delete); clears the marker.</summary>
    public sealed record Record : DeliveryStep;

    /// <summary>Back in the queue after a backoff; the marker is kept when the attempt may have reached the channel.</summary>
    public sealed record Retry(DeliveryFailure Reason, bool KeepMarker) : DeliveryStep;

    /// <summary>Back in the queue at once (nothing to blame: the credentials were replaced meanwhile).</summary>
    public sealed record RetryNow(DeliveryFailure Reason) : DeliveryStep;

    /// <summary>The account waits until the limit resets, and so does this delivery; the account's later ones wait too.</summary>
    public sealed record WaitForRateLimit(DateTime UntilUtc) : DeliveryStep;

    /// <summary>The account must be reconnected (the channel marked it): this delivery waits; the account's later ones wait too.</summary>
    public sealed record HoldForAccount(DeliveryFailure Reason) : DeliveryStep;

    /// <summary>The post may be online: keep the marker and look for it (never post again before knowing).</summary>
    public sealed record Reconcile : DeliveryStep;

    /// <summary>Post the reply again in the department's fallback form.</summary>
    public sealed record UseFallback(ReplyFallback Fallback) : DeliveryStep;

    /// <summary>Give up a post: failed (a deletion is never given up).</summary>
    public sealed record Fail(DeliveryFailure Reason, bool KeepMarker) : DeliveryStep;
}

/// <summary>
/// The outcome table of <c>docs/publisher.md</c> as one pure function: a channel's answer and the delivery's state in,
/// the next step out. The publisher has no other switch over outcomes.
/// </summary>
public static class DeliveryOutcomePolicy
{
    public static DeliveryStep Decide(ChannelOutcome outcome, DeliveryAttempt attempt)
    {
        var exhausted = attempt.Attempts >= attempt.MaxAttempts;
        var delete = attempt.Operation == DeliveryOperation.Delete;
        return outcome switch
        {
            ChannelOutcome.Done => new DeliveryStep.Record(),
            ChannelOutcome.RateLimited(var until, _) => new DeliveryStep.WaitForRateLimit(until),
            ChannelOutcome.NoCredentials => new DeliveryStep.HoldForAccount(DeliveryFailure.AccountUnusable),
            ChannelOutcome.Unauthorized { CredentialsChanged: true } => new DeliveryStep.RetryNow(DeliveryFailure.CredentialsChanged),
            ChannelOutcome.Unauthorized => new DeliveryStep.HoldForAccount(DeliveryFailure.Unauthorized),

            // Deleting is idempotent (a post the channel no longer has counts as deleted), and a takedown is never abandoned:
            // any failure is retried with backoff, and shown as an alert once the attempts a post would get are spent.
            ChannelOutcome.NotSent or ChannelOutcome.Ambiguous when delete && !exhausted => new DeliveryStep.Retry(DeliveryFailure.Unavailable, KeepMarker: false),
            _ when delete => new DeliveryStep.Retry(DeliveryFailure.DeleteFailed, KeepMarker: false),

            // An ambiguous attempt leaves the marker: giving up never clears it ("Relancer" then checks first).
            ChannelOutcome.Ambiguous when exhausted => new DeliveryStep.Fail(DeliveryFailure.PossiblySent, KeepMarker: true),
            ChannelOutcome.Ambiguous => new DeliveryStep.Retry(DeliveryFailure.PossiblySent, KeepMarker: true),
            ChannelOutcome.NotSent when exhausted => new DeliveryStep.Fail(DeliveryFailure.Unavailable, KeepMarker: false),
            ChannelOutcome.NotSent => new DeliveryStep.Retry(DeliveryFailure.Unavailable, KeepMarker: false),

            // After an ambiguous attempt, "duplicate" suggests our own earlier post: look for it rather than advise a re-post.
            ChannelOutcome.Duplicate when attempt.WasPossiblySent => new DeliveryStep.Reconcile(),
            ChannelOutcome.Duplicate => new DeliveryStep.Fail(DeliveryFailure.Duplicate, KeepMarker: false),
            ChannelOutcome.ReplyRefused when attempt.IsReply && attempt.Fallback != ReplyFallback.None => new DeliveryStep.UseFallback(attempt.Fallback),
            ChannelOutcome.ReplyRefused => new DeliveryStep.Fail(DeliveryFailure.ReplyRefused, KeepMarker: false),
            _ => new DeliveryStep.Fail(DeliveryFailure.Rejected, KeepMarker: false),
        };
    }
}
