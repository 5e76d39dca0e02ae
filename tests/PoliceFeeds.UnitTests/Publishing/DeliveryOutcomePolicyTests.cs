using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;

namespace PoliceFeeds.UnitTests.Publishing;

/// <summary>The outcome table of docs/publisher.md, one row per case.</summary>
public sealed class DeliveryOutcomePolicyTests
{
    private static readonly DateTime Reset = new(2026, 3, 1, 12, 15, 0, DateTimeKind.Utc);

    public static TheoryData<string, ChannelOutcome, DeliveryAttempt, DeliveryStep> Table => new()
    {
        { "201: sent", new ChannelOutcome.Done("1", "u"), Publish(1), new DeliveryStep.Record() },
        { "5xx before sending: retried, marker cleared", new ChannelOutcome.NotSent("503"), Publish(1), new DeliveryStep.Retry(DeliveryFailure.Unavailable, KeepMarker: false) },
        { "timeout after sending: retried, marker kept", new ChannelOutcome.Ambiguous("timeout"), Publish(1), new DeliveryStep.Retry(DeliveryFailure.PossiblySent, KeepMarker: true) },
        { "attempts exhausted after an ambiguous attempt: failed, marker kept", new ChannelOutcome.Ambiguous("timeout"), Publish(6), new DeliveryStep.Fail(DeliveryFailure.PossiblySent, KeepMarker: true) },
        { "attempts exhausted, certainly unsent: failed", new ChannelOutcome.NotSent("503"), Publish(6), new DeliveryStep.Fail(DeliveryFailure.Unavailable, KeepMarker: false) },
        { "429: waits for the reset", new ChannelOutcome.RateLimited(Reset, "429"), Publish(1), new DeliveryStep.WaitForRateLimit(Reset) },
        { "401: held for the account", new ChannelOutcome.Unauthorized("401"), Publish(1), new DeliveryStep.HoldForAccount(DeliveryFailure.Unauthorized) },
        { "401 with credentials replaced meanwhile: retried at once", new ChannelOutcome.Unauthorized("401", CredentialsChanged: true), Publish(1), new DeliveryStep.RetryNow(DeliveryFailure.CredentialsChanged) },
        { "no credentials: held for the account", new ChannelOutcome.NoCredentials(), Publish(1), new DeliveryStep.HoldForAccount(DeliveryFailure.AccountUnusable) },
        { "403 duplicate: failed", new ChannelOutcome.Duplicate("dup"), Publish(1), new DeliveryStep.Fail(DeliveryFailure.Duplicate, KeepMarker: false) },
        { "403 duplicate after an ambiguous attempt: keep looking", new ChannelOutcome.Duplicate("dup"), Publish(2, wasPossiblySent: true), new DeliveryStep.Reconcile() },
        { "other 4xx: failed with the detail", new ChannelOutcome.Rejected(400, "bad"), Publish(1), new DeliveryStep.Fail(DeliveryFailure.Rejected, KeepMarker: false) },
        { "reply refused, quote fallback", new ChannelOutcome.ReplyRefused("rule"), Publish(1, isReply: true, fallback: ReplyFallback.QuotePost), new DeliveryStep.UseFallback(ReplyFallback.QuotePost) },
        { "reply refused, link fallback", new ChannelOutcome.ReplyRefused("rule"), Publish(1, isReply: true, fallback: ReplyFallback.LinkPost), new DeliveryStep.UseFallback(ReplyFallback.LinkPost) },
        { "reply refused, no fallback: failed", new ChannelOutcome.ReplyRefused("rule"), Publish(1, isReply: true), new DeliveryStep.Fail(DeliveryFailure.ReplyRefused, KeepMarker: false) },
        { "fallback refused again: failed, never a third form", new ChannelOutcome.ReplyRefused("rule"), Publish(2, fallback: ReplyFallback.QuotePost), new DeliveryStep.Fail(DeliveryFailure.ReplyRefused, KeepMarker: false) },
        { "delete 200: withdrawn", new ChannelOutcome.Done(), Delete(1), new DeliveryStep.Record() },
        { "delete 5xx: retried", new ChannelOutcome.Ambiguous("timeout"), Delete(1), new DeliveryStep.Retry(DeliveryFailure.Unavailable, KeepMarker: false) },
        { "delete 5xx exhausted: never abandoned, retried with the alert", new ChannelOutcome.NotSent("503"), Delete(6), new DeliveryStep.Retry(DeliveryFailure.DeleteFailed, KeepMarker: false) },
        { "delete 5xx long exhausted: still retried", new ChannelOutcome.Ambiguous("timeout"), Delete(40), new DeliveryStep.Retry(DeliveryFailure.DeleteFailed, KeepMarker: false) },
        { "delete refused: never abandoned, retried with the alert", new ChannelOutcome.Duplicate("?"), Delete(1), new DeliveryStep.Retry(DeliveryFailure.DeleteFailed, KeepMarker: false) },
        { "delete rejected 403: never abandoned", new ChannelOutcome.Rejected(403, "forbidden"), Delete(1), new DeliveryStep.Retry(DeliveryFailure.DeleteFailed, KeepMarker: false) },
        { "delete 429: waits for the reset", new ChannelOutcome.RateLimited(Reset, "429"), Delete(1), new DeliveryStep.WaitForRateLimit(Reset) },
        { "delete 401: held for the account", new ChannelOutcome.Unauthorized("401"), Delete(1), new DeliveryStep.HoldForAccount(DeliveryFailure.Unauthorized) },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Each_outcome_leads_to_its_step(string row, ChannelOutcome outcome, DeliveryAttempt attempt, DeliveryStep expected) =>
        Assert.True(expected == DeliveryOutcomePolicy.Decide(outcome, attempt), row);

    [Theory]
    [InlineData(false, 0, 120, ReconcileVerdict.NotYetSettled)]
    [InlineData(false, 119, 120, ReconcileVerdict.NotYetSettled)]
    [InlineData(false, 120, 120, ReconcileVerdict.Absent)]
    [InlineData(true, 0, 120, ReconcileVerdict.Found)]
    public void Not_found_is_final_only_after_the_settle_time(bool found, int secondsSinceAttempt, int settleSeconds, ReconcileVerdict expected)
    {
        var attempt = new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);
        Assert.Equal(expected, ReconciliationRule.Judge(found, attempt, attempt.AddSeconds(secondsSinceAttempt), TimeSpan.FromSeconds(settleSeconds)));
    }

    [Fact]
    public void Only_posts_created_since_the_attempt_less_the_skew_are_candidates()
    {
        var since = new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);
        var skew = TimeSpan.FromSeconds(15);
        Assert.True(ReconciliationRule.IsCandidate(since.AddSeconds(-10), since, skew));
        Assert.False(ReconciliationRule.IsCandidate(since.AddSeconds(-20), since, skew));
        Assert.True(ReconciliationRule.IsCandidate(null, since, skew));

        // X's created_at is to the millisecond, the marker to the tick: the post of the attempt's own millisecond is a candidate.
        var marker = new DateTime(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc).AddTicks(1_263_237);
        Assert.True(ReconciliationRule.IsCandidate(new DateTime(2026, 3, 1, 10, 0, 0, 126, DateTimeKind.Utc), marker, TimeSpan.Zero));
        Assert.False(ReconciliationRule.IsCandidate(new DateTime(2026, 3, 1, 9, 59, 59, 999, DateTimeKind.Utc), marker, TimeSpan.Zero));
    }

    [Theory]
    [InlineData(new[] { DeliveryStatus.Sending }, MessageStatus.Approved, MessageStatus.Publishing)]
    [InlineData(new[] { DeliveryStatus.Sent }, MessageStatus.Publishing, MessageStatus.Published)]
    [InlineData(new[] { DeliveryStatus.Failed }, MessageStatus.Publishing, MessageStatus.Failed)]
    [InlineData(new[] { DeliveryStatus.Held }, MessageStatus.Approved, MessageStatus.Approved)]
    [InlineData(new[] { DeliveryStatus.Sent, DeliveryStatus.Failed }, MessageStatus.Publishing, MessageStatus.Published)]
    [InlineData(new[] { DeliveryStatus.Sent, DeliveryStatus.Sending }, MessageStatus.Published, MessageStatus.Publishing)]
    [InlineData(new[] { DeliveryStatus.Withdrawn, DeliveryStatus.Withdrawing }, MessageStatus.Withdrawing, MessageStatus.Withdrawing)]
    [InlineData(new[] { DeliveryStatus.Withdrawn, DeliveryStatus.Withdrawn }, MessageStatus.Withdrawing, MessageStatus.Withdrawn)]
    [InlineData(new[] { DeliveryStatus.Withdrawn }, MessageStatus.Cancelled, MessageStatus.Cancelled)]
    public void A_messages_publishing_status_comes_from_all_its_deliveries(DeliveryStatus[] deliveries, MessageStatus current, MessageStatus expected) =>
        Assert.Equal(expected, DeliverySummary.Summarise(current, deliveries));

    private static DeliveryAttempt Publish(int attempts, bool wasPossiblySent = false, bool isReply = false, ReplyFallback fallback = ReplyFallback.None) =>
        new(DeliveryOperation.Publish, attempts, 6, wasPossiblySent, isReply, fallback);

    private static DeliveryAttempt Delete(int attempts) => new(DeliveryOperation.Delete, attempts, 6);
}
