using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PoliceFeeds.Core.Audit;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Sandbox;
using PoliceFeeds.Core.XAccounts;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.XApi;
using Polly;
using Polly.Retry;

namespace PoliceFeeds.Infrastructure.Publishing;

/// <summary>
/// One round of the publisher: claims due messages with an atomic conditional update and a lease, publishes each
/// account's messages in order (accounts in parallel, up to a bound), and records every outcome with updates that are
/// conditional on the lease token (a fencing token: a worker whose lease was taken over changes nothing).
/// </summary>
public sealed class PublishingProcessor(
    IServiceScopeFactory scopeFactory,
    PoliceFeedsDbContext db,
    IOptions<PublishingOptions> options,
    TimeProvider timeProvider,
    TimeBoundProcessor timeBound,
    ILogger<PublishingProcessor> logger)
{
    private static readonly ResiliencePipeline<XOutcome<XPostCreated>> UnsentRetry = new ResiliencePipelineBuilder<XOutcome<XPostCreated>>()
        .AddRetry(new RetryStrategyOptions<XOutcome<XPostCreated>>
        {
            // Only a failure that certainly did not reach X is retried in place; an ambiguous one is reconciled later.
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is XOutcome<XPostCreated>.TransientFailure { Ambiguous: false }),
            MaxRetryAttempts = 2,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(100),
        })
        .Build();

    /// <summary>Deleting is idempotent (a post X no longer has counts as deleted): any transient failure may be retried in place.</summary>
    private static readonly ResiliencePipeline<XOutcome<bool>> DeleteRetry = new ResiliencePipelineBuilder<XOutcome<bool>>()
        .AddRetry(new RetryStrategyOptions<XOutcome<bool>>
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is XOutcome<bool>.TransientFailure),
            MaxRetryAttempts = 2,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(100),
        })
        .Build();

    private readonly PublishingOptions _options = options.Value;

    /// <summary>Claims and publishes what is due now. Returns the number of messages handled.</summary>
    public Task<int> RunOnceAsync(CancellationToken cancellationToken) => RunOnceAsync(null, cancellationToken);

    /// <summary>
    /// Claims and publishes what is due now. With <paramref name="work"/> (the hosted publisher), accounts that another
    /// round of this process is serving are left to it, the parallel accounts are bounded across rounds, and each account's
    /// worker keeps taking that account's newly due messages before it stops. Returns the number of messages handled.
    /// </summary>
    public async Task<int> RunOnceAsync(AccountWork? work, CancellationToken cancellationToken)
    {
        // Deviations that reach their end and found appeals that reach their redaction date first: ending a deviation
        // may queue a reply or a deletion that this same round then handles.
        var handled = await timeBound.RunOnceAsync(cancellationToken);
        var candidates = await FindDueAsync(db, timeProvider.GetUtcNow().UtcDateTime, _options, null, _options.BatchSize, cancellationToken);
        if (candidates.Count == 0)
        {
            return handled;
        }

        using var roundGate = work is null ? new SemaphoreSlim(Math.Max(1, _options.MaxParallelAccounts)) : null;
        var gate = work?.Slots ?? roundGate!;
        var tasks = candidates.GroupBy(c => c.DepartmentId).Select(async group =>
        {
            if (work is not null && !work.TryStart(group.Key))
            {
                return;
            }

            try
            {
                await gate.WaitAsync(cancellationToken);
                try
                {
                    await using var scope = scopeFactory.CreateAsyncScope();
                    var worker = ActivatorUtilities.CreateInstance<AccountPublisher>(scope.ServiceProvider, _options);
                    var count = await worker.PublishInOrderAsync(group.ToList(), keepTakingNewlyDue: work is not null, cancellationToken);
                    Interlocked.Add(ref handled, count);
                }
                finally
                {
                    gate.Release();
                }
            }
            finally
            {
                work?.Finish(group.Key);
            }
        });
        await Task.WhenAll(tasks);
        logger.LogDebug("Publishing round: {Candidates} due, {Handled} handled", candidates.Count, handled);
        return handled;
    }

    /// <summary>
    /// When the publisher should next look, if nothing wakes it before: the earliest due time (of a message it could
    /// take: its department not paused, its account usable, after any rate-limit reset), lease expiry, deviation end or
    /// redaction date.
    /// </summary>
    public async Task<DateTime?> NextWakeUpAsync(CancellationToken cancellationToken)
    {
        var nextDue = await (
                from m in db.Messages.AsNoTracking()
                join d in db.Departments on m.DepartmentId equals d.Id
                join a in db.XAccounts on m.DepartmentId equals a.DepartmentId
                where m.NextAttemptAtUtc != null
                    && ((m.Status == MessageStatus.Approved && !d.PublishingPaused) || m.Status == MessageStatus.WithdrawalRequested)
                    && (a.Mode == XAccountMode.Sandbox || (a.State == XAccountState.Connected && a.ProtectedCredentials != null))
                select a.RateLimitedUntilUtc != null && a.RateLimitedUntilUtc > m.NextAttemptAtUtc ? a.RateLimitedUntilUtc : m.NextAttemptAtUtc)
            .MinAsync(cancellationToken);
        var nextLease = await db.Messages.AsNoTracking()
            .Where(m => (m.Status == MessageStatus.Publishing || m.Status == MessageStatus.Withdrawing) && m.LeaseExpiresAtUtc != null)
            .MinAsync(m => m.LeaseExpiresAtUtc, cancellationToken);
        if (nextLease is { } lease)
        {
            nextLease = lease + _options.ClockSkewTolerance;
        }

        var nextTimeBound = await timeBound.NextDueAsync(cancellationToken);
        return new[] { nextDue, nextLease, nextTimeBound }.Where(d => d.HasValue).Min();
    }

    /// <summary>
    /// Due messages and deletions whose account can be used, in the order they were due (one department's only, if
    /// given): a message rescheduled after a rate limit goes out before the account's later ones once the limit resets.
    /// </summary>
    internal static async Task<List<Candidate>> FindDueAsync(PoliceFeedsDbContext db, DateTime now, PublishingOptions options, int? departmentId, int take, CancellationToken cancellationToken)
    {
        // The national switch and a department's pause hold new posts; deletions (a found person's appeal) go on.
        var enabled = await db.PublishingSettings.AsNoTracking().Select(s => s.PublishingEnabled).SingleOrDefaultAsync(cancellationToken);
        var expiredBefore = now - options.ClockSkewTolerance;
        var due =
            from m in db.Messages.AsNoTracking()
            join d in db.Departments on m.DepartmentId equals d.Id
            join a in db.XAccounts on m.DepartmentId equals a.DepartmentId
            where ((((m.Status == MessageStatus.Approved && m.NextAttemptAtUtc <= now)
                            || (m.Status == MessageStatus.Publishing && m.LeaseExpiresAtUtc < expiredBefore))
                        && enabled && !d.PublishingPaused)
                    || (m.Status == MessageStatus.WithdrawalRequested && m.NextAttemptAtUtc <= now)
                    || (m.Status == MessageStatus.Withdrawing && m.LeaseExpiresAtUtc < expiredBefore))
                && (a.Mode == XAccountMode.Sandbox
                    || (a.State == XAccountState.Connected && a.ProtectedCredentials != null
                        && (a.RateLimitedUntilUtc == null || a.RateLimitedUntilUtc <= now)))
            select new { m, a };
        if (departmentId is { } only)
        {
            due = due.Where(x => x.m.DepartmentId == only);
        }

        return await due
            .OrderBy(x => x.m.DueAtUtc ?? x.m.NextAttemptAtUtc).ThenBy(x => x.m.Id)
            .Select(x => new Candidate(x.m.Id, x.m.DepartmentId, x.m.Version, x.m.Status, x.a.Mode == XAccountMode.Live))
            .Take(take)
            .ToListAsync(cancellationToken);
    }

    /// <param name="Live">The department's account is a real X account (not the sandbox timeline).</param>
    internal sealed record Candidate(long Id, int DepartmentId, int Version, MessageStatus Status, bool Live)
    {
        /// <summary>A post to delete rather than a message to publish.</summary>
        public bool IsWithdrawal => Status is MessageStatus.WithdrawalRequested or MessageStatus.Withdrawing;
    }

    /// <summary>Publishes one account's due messages, in order, in its own scope (its own DbContext).</summary>
    internal sealed class AccountPublisher(
        PublishingOptions options,
        PoliceFeedsDbContext db,
        TimeProvider timeProvider,
        PublisherMetrics metrics,
        DepartmentSnapshotCache departmentFigures,
        GroupCommitWriter writer,
        IServiceProvider services,
        ILogger<PublishingProcessor> logger)
    {
        private DateTime _leaseRenewedAt;
        /// <summary>This worker's account and credentials, read once for the run (one account per worker).</summary>
        private XAccount? _account;
        private XAuth? _auth;
        private DateTime _authReadAt;
        private List<long>? _group;

        /// <summary>"Published" records on their way to the database, confirmed while the next post of the run goes out.</summary>
        private readonly Queue<PendingPublished> _unconfirmed = new();

        private DateTime Now => timeProvider.GetUtcNow().UtcDateTime;

        public async Task<int> PublishInOrderAsync(IReadOnlyList<Candidate> candidates, bool keepTakingNewlyDue, CancellationToken cancellationToken)
        {
            var handled = 0;
            var taken = 0;
            var queue = new Queue<Candidate>(candidates);
            var departmentId = candidates[0].DepartmentId;
            while (true)
            {
                if (queue.Count == 0)
                {
                    // The hosted publisher's worker takes this account's messages that became due meanwhile (at most
                    // one batch per round, so that a busy account does not keep its worker forever).
                    if (!keepTakingNewlyDue || taken >= options.BatchSize)
                    {
                        break;
                    }

                    var more = await FindDueAsync(db, Now, options, departmentId, 10, cancellationToken);
                    if (more.Count == 0)
                    {
                        break;
                    }

                    more.ForEach(queue.Enqueue);
                }

                bool keepGoing;
                if (queue.Peek().IsWithdrawal)
                {
                    var withdrawal = queue.Dequeue();
                    taken++;
                    var token = await ClaimWithdrawalAsync(withdrawal, cancellationToken);
                    if (token is null)
                    {
                        continue;
                    }

                    handled++;
                    departmentFigures.Invalidate(departmentId);
                    try
                    {
                        keepGoing = await WithdrawClaimedAsync(withdrawal.Id, token.Value, cancellationToken);
                    }
                    finally
                    {
                        // The status changed by conditional updates, which bypass the DbContext's save.
                        departmentFigures.Invalidate(departmentId);
                    }
                }
                else
                {
                    // The posts at the head of the queue, up to the next deletion and at most a run's length, are claimed
                    // together (a claimed post cannot be edited or cancelled until its turn: the run stays short).
                    var posts = new List<Candidate>();
                    while (queue.Count > 0 && !queue.Peek().IsWithdrawal && posts.Count < Math.Max(1, options.MaxRunLength))
                    {
                        posts.Add(queue.Dequeue());
                    }

                    taken += posts.Count;
                    var (published, stopped) = await PublishGroupAsync(posts, cancellationToken);
                    handled += published;
                    keepGoing = !stopped;
                }

                if (!keepGoing)
                {
                    // Rate limited, held or lease lost: this account's later messages wait for the next round.
                    break;
                }
            }

            return handled;
        }

        /// <summary>
        /// Claims a run of one account's posts with a single conditional update (one lease token for the run), then
        /// publishes them one after the other. The claim records the attempt of every post of a live account with no
        /// earlier attempt pending, so each attempt is recorded before X is called; the posts the worker does not reach
        /// (the account is rate limited, held, or the lease is lost) are handed back as they were, attempt undone.
        /// </summary>
        /// <returns>How many posts were handled, and whether the account's later messages must wait.</returns>
        private async Task<(int Handled, bool Stopped)> PublishGroupAsync(List<Candidate> posts, CancellationToken cancellationToken)
        {
            var now = Now;
            var expiredBefore = now - options.ClockSkewTolerance;
            var token = Guid.NewGuid();
            var leaseUntil = now + options.LeaseDuration;
            var live = posts[0].Live;
            var ids = posts.Select(p => p.Id).ToList();
            var claimed = await writer.WriteAsync(
                (db, ct) => db.Messages
                    .Where(m => ids.Contains(m.Id)
                        && ((m.Status == MessageStatus.Approved && m.NextAttemptAtUtc <= now)
                            || (m.Status == MessageStatus.Publishing && m.LeaseExpiresAtUtc < expiredBefore))
                        && !db.Departments.Any(d => d.Id == m.DepartmentId && d.PublishingPaused)
                        && db.PublishingSettings.Any(s => s.PublishingEnabled))
                    .ExecuteUpdateAsync(
                        s => s
                            .SetProperty(m => m.Status, MessageStatus.Publishing)
                            .SetProperty(m => m.LeaseOwner, options.InstanceId)
                            .SetProperty(m => m.LeaseToken, token)
                            .SetProperty(m => m.LeaseExpiresAtUtc, leaseUntil)
                            .SetProperty(m => m.Attempts, m => live && m.AttemptStartedAtUtc == null ? m.Attempts + 1 : m.Attempts)
                            .SetProperty(m => m.AttemptStartedAtUtc, m => live && m.AttemptStartedAtUtc == null ? now : m.AttemptStartedAtUtc)
                            .SetProperty(m => m.Version, m => m.Version + 1),
                        ct),
                cancellationToken);
            if (claimed == 0)
            {
                return (0, false);
            }

            _leaseRenewedAt = now;
            _group = ids;
            departmentFigures.Invalidate(posts[0].DepartmentId);
            var handled = 0;
            try
            {
                var messages = await db.Messages.AsNoTracking()
                    .Where(m => ids.Contains(m.Id) && m.LeaseToken == token && m.Status == MessageStatus.Publishing)
                    .OrderBy(m => m.DueAtUtc ?? m.NextAttemptAtUtc).ThenBy(m => m.Id)
                    .ToListAsync(cancellationToken);
                var withPhotos = (await db.MessagePhotos.Where(p => ids.Contains(p.MessageId)).Select(p => p.MessageId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
                for (var i = 0; i < messages.Count; i++)
                {
                    var message = messages[i];
                    if (withPhotos.Contains(message.Id))
                    {
                        message.Photos = await db.MessagePhotos.AsNoTracking().Where(p => p.MessageId == message.Id).OrderBy(p => p.Position).ToListAsync(cancellationToken);
                    }

                    // An attempt this claim recorded (not one left pending by an earlier, uncertain attempt).
                    var attemptRecordedAtClaim = live && message.AttemptStartedAtUtc == now;
                    handled++;
                    var earlier = _unconfirmed.Count;
                    var keepGoing = await PublishClaimedAsync(message, token, attemptRecordedAtClaim, cancellationToken);

                    // The previous post's record was written while this one went to X: check it took effect.
                    keepGoing &= await ConfirmPublishedAsync(earlier);
                    if (!keepGoing)
                    {
                        await ConfirmPublishedAsync(_unconfirmed.Count);
                        await HandBackAsync(messages.Skip(i + 1).Select(m => m.Id).ToList(), token, now, cancellationToken);
                        return (handled, true);
                    }

                    message.Photos = [];
                }

                return (handled, !await ConfirmPublishedAsync(_unconfirmed.Count));
            }
            finally
            {
                _group = null;
                await ConfirmPublishedAsync(_unconfirmed.Count, quietly: true);

                // The statuses changed by conditional updates, which bypass the DbContext's save.
                departmentFigures.Invalidate(posts[0].DepartmentId);
            }
        }

        /// <summary>
        /// Posts of a claimed run that were never sent: back to the queue as they were before the claim (the attempt the
        /// claim recorded is undone; an earlier uncertain attempt stays, to be checked before the next post).
        /// </summary>
        private async Task HandBackAsync(List<long> unsent, Guid token, DateTime claimedAt, CancellationToken cancellationToken)
        {
            if (unsent.Count == 0)
            {
                return;
            }

            await writer.WriteAsync(
                (db, ct) => db.Messages
                    .Where(m => unsent.Contains(m.Id) && m.LeaseToken == token && m.Status == MessageStatus.Publishing)
                    .ExecuteUpdateAsync(
                        s => s
                            .SetProperty(m => m.Status, MessageStatus.Approved)
                            .SetProperty(m => m.Attempts, m => m.AttemptStartedAtUtc == claimedAt ? m.Attempts - 1 : m.Attempts)
                            .SetProperty(m => m.AttemptStartedAtUtc, m => m.AttemptStartedAtUtc == claimedAt ? null : m.AttemptStartedAtUtc)
                            .EndLease(),
                        ct),
                cancellationToken);
        }

        /// <summary>The atomic claim of a deletion: one winner among all instances.</summary>
        private async Task<Guid?> ClaimWithdrawalAsync(Candidate candidate, CancellationToken cancellationToken)
        {
            var now = Now;
            var expiredBefore = now - options.ClockSkewTolerance;
            var token = Guid.NewGuid();
            var leaseUntil = now + options.LeaseDuration;
            var claimed = await UpdateMessageAsync(
                m => m.Id == candidate.Id && m.Version == candidate.Version
                    && ((m.Status == MessageStatus.WithdrawalRequested && m.NextAttemptAtUtc <= now)
                        || (m.Status == MessageStatus.Withdrawing && m.LeaseExpiresAtUtc < expiredBefore)),
                s => s
                    .SetProperty(m => m.Status, MessageStatus.Withdrawing)
                    .SetProperty(m => m.LeaseOwner, options.InstanceId)
                    .SetProperty(m => m.LeaseToken, token)
                    .SetProperty(m => m.LeaseExpiresAtUtc, leaseUntil)
                    .SetProperty(m => m.Version, m => m.Version + 1),
                cancellationToken);
            return claimed ? token : null;
        }

        /// <returns>false when the account's next messages must wait.</returns>
        private async Task<bool> PublishClaimedAsync(Message message, Guid token, bool attemptRecordedAtClaim, CancellationToken cancellationToken)
        {
            var id = message.Id;
            var account = _account ??= await db.XAccounts.AsNoTracking().SingleAsync(a => a.DepartmentId == message.DepartmentId, cancellationToken);
            string? reply = null;
            if (message.InReplyToMessageId is { } parentId && message.FollowUpKind != FollowUpKind.FoundThanks)
            {
                // The original may be a post of this same run whose record is still on its way: wait for it first.
                if (!await ConfirmPublishedAsync(_unconfirmed.Count))
                {
                    return false;
                }

                // A reply needs its original online: X refuses a reply to a deleted post, and a "fin de la déviation"
                // without its deviation would mean nothing. (The thank-you after a found person is posted on its own.)
                var parent = await db.Messages.AsNoTracking().Where(m => m.Id == parentId).Select(m => new { m.Status, m.XPostId }).SingleAsync(cancellationToken);
                if (parent.Status != MessageStatus.Published || parent.XPostId is null)
                {
                    return await FailAsync(message, token, "Le message d'origine n'est plus en ligne : la réponse n'a pas été publiée.", "parent_offline", cancellationToken);
                }

                reply = parent.XPostId;
            }

            using var scope = logger.BeginScope(new Dictionary<string, object?>
            {
                ["MessageId"] = id,
                ["DepartmentId"] = message.DepartmentId,
                ["Account"] = account.Handle,
                ["Mode"] = account.Mode.ToString(),
            });
            var lag = Now - (message.DueAtUtc ?? Now);
            metrics.Lag(lag, account.Mode.ToString());
            logger.LogInformation("Publishing message {MessageId} (attempt {Attempt}), {LagMs} ms after its due time", id, message.Attempts + 1, (long)lag.TotalMilliseconds);

            return account.Mode == XAccountMode.Sandbox
                ? await PublishToSandboxAsync(message, account, reply, token, cancellationToken)
                : await PublishToXAsync(message, account, reply, token, attemptRecordedAtClaim, cancellationToken);
        }

        private async Task<bool> PublishToSandboxAsync(Message message, XAccount account, string? replyTo, Guid token, CancellationToken cancellationToken)
        {
            metrics.Attempt("sandbox");
            var now = Now;
            var postId = SandboxPostIds.Next(now);
            var marked = await writer.WriteAsync(
                async (db, ct) =>
                {
                    if (!await MarkPublishedAsync(db, message.Id, token, postId, $"https://x.com/{account.Handle}/status/{postId}", now, ct))
                    {
                        return false;
                    }

                    db.SandboxPosts.Add(new SandboxPost
                    {
                        PostId = postId,
                        DepartmentId = message.DepartmentId,
                        Handle = account.Handle,
                        Text = message.Text,
                        InReplyToPostId = replyTo,
                        PhotoCount = message.Photos.Count,
                        AltTexts = message.Photos.Count == 0 ? null : string.Join('\n', message.Photos.Select(p => p.AltText)),
                        CreatedAtUtc = now,
                    });
                    db.AuditEntries.Add(Audit(message, "message.published", MessageStatus.Publishing, MessageStatus.Published, $"fil d'entraînement, publication {postId}"));
                    return true;
                },
                cancellationToken);
            if (!marked)
            {
                logger.LogWarning("Lease on message {MessageId} was lost before publishing to the sandbox", message.Id);
                return false;
            }

            metrics.Published("sandbox");
            logger.LogInformation("Message {MessageId} published to the sandbox timeline as {PostId}", message.Id, postId);
            return true;
        }

        private async Task<bool> PublishToXAsync(Message message, XAccount account, string? replyTo, Guid token, bool attemptRecordedAtClaim, CancellationToken cancellationToken)
        {
            var authProvider = services.GetRequiredService<IXAccountAuthProvider>();
            var client = services.GetRequiredService<IXApiClient>();
            var auth = await GetAuthAsync(authProvider, account, cancellationToken);
            if (auth is null)
            {
                // Nothing was sent: an attempt recorded by the claim is no ambiguity.
                await HoldAsync(message, token, "Le compte X du département doit être reconnecté par un administrateur national.", "account_unusable", clearAmbiguity: attemptRecordedAtClaim, cancellationToken);
                return false;
            }

            if (attemptRecordedAtClaim)
            {
                return await PostToXAsync(message, account, replyTo, token, client, auth, hadAmbiguousAttempt: false, message.AttemptStartedAtUtc ?? Now, cancellationToken);
            }

            // A previous attempt may have reached X without our knowing: look for the post before posting again.
            var hadAmbiguousAttempt = message.AttemptStartedAtUtc is not null;
            if (message.AttemptStartedAtUtc is { } previousAttempt)
            {
                var found = await FindExistingPostAsync(client, auth, account, message, previousAttempt, cancellationToken);
                if (found is FindResult.Found(var existingId))
                {
                    return await FinishPublishedAsync(message, account, token, existingId, "retrouvé après une tentative incertaine", cancellationToken);
                }

                if (found is FindResult.Unknown(var why))
                {
                    return await RescheduleAsync(message, token, $"Vérification impossible des publications récentes du compte : {why}", keepAmbiguity: true, "reconcile_failed", cancellationToken);
                }
            }

            // Record the attempt before calling X.
            var now = Now;
            var recorded = await UpdateMessageAsync(
                m => m.Id == message.Id && m.LeaseToken == token && m.Status == MessageStatus.Publishing,
                s => s
                    .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                    .SetProperty(m => m.AttemptStartedAtUtc, now)
                    .SetProperty(m => m.LeaseExpiresAtUtc, now + options.LeaseDuration),
                cancellationToken);
            if (!recorded)
            {
                return false;
            }

            message.Attempts++;
            return await PostToXAsync(message, account, replyTo, token, client, auth, hadAmbiguousAttempt, message.AttemptStartedAtUtc ?? now, cancellationToken);
        }

        /// <summary>
        /// Uploads the photos and creates the post; the attempt is already recorded. <paramref name="reconcileSince"/>: where
        /// to start looking for our own post if X answers "duplicate" (the earliest attempt that may have reached it).
        /// </summary>
        private async Task<bool> PostToXAsync(Message message, XAccount account, string? replyTo, Guid token, IXApiClient client, XAuth auth, bool hadAmbiguousAttempt, DateTime reconcileSince, CancellationToken cancellationToken)
        {
            metrics.Attempt("live");
            var mediaIds = new List<string>();
            foreach (var photo in message.Photos)
            {
                var upload = await client.UploadImageAsync(auth, photo.Content, photo.ContentType, cancellationToken);
                if (upload is not XOutcome<XMediaUploaded>.Success(var media))
                {
                    return await HandleFailureAsync(message, account, token, Describe(upload), AsPostOutcome(upload), cancellationToken);
                }

                var alt = await client.SetAltTextAsync(auth, media.Id, photo.AltText, cancellationToken);
                if (alt is not XOutcome<bool>.Success)
                {
                    return await HandleFailureAsync(message, account, token, Describe(alt), AsPostOutcome(alt), cancellationToken);
                }

                mediaIds.Add(media.Id);
            }

            // A long upload renews the lease before the post; a young lease needs no write.
            if (Now - _leaseRenewedAt > options.LeaseDuration / 3 && !await RenewLeaseAsync(message.Id, token, cancellationToken))
            {
                return false;
            }

            var request = new XCreatePostRequest(message.Text, mediaIds.Count > 0 ? mediaIds : null, replyTo);
            var outcome = await UnsentRetry.ExecuteAsync(async ct => await client.CreatePostAsync(auth, request, ct), cancellationToken);
            switch (outcome)
            {
                case XOutcome<XPostCreated>.Success(var created):
                    return await FinishPublishedAsync(message, account, token, created.Id, null, cancellationToken);
                case XOutcome<XPostCreated>.Duplicate(var detail):
                    {
                        // After an ambiguous attempt, a duplicate is evidence of our own earlier post only if we find it.
                        if (hadAmbiguousAttempt)
                        {
                            var found = await FindExistingPostAsync(client, auth, account, message, reconcileSince, cancellationToken);
                            if (found is FindResult.Found(var existingId))
                            {
                                return await FinishPublishedAsync(message, account, token, existingId, "doublon signalé par X, publication retrouvée", cancellationToken);
                            }
                        }

                        return await FailAsync(message, token, $"X refuse ce message car un texte identique a déjà été publié récemment par le compte ({detail}). Modifiez le texte puis relancez.", "duplicate", cancellationToken);
                    }

                default:
                    return await HandleFailureAsync(message, account, token, Describe(outcome), outcome, cancellationToken);
            }
        }

        /// <summary>Deletes a claimed message's post. Deleting is idempotent: a post X no longer has counts as deleted.</summary>
        /// <returns>false when the account's next messages must wait.</returns>
        private async Task<bool> WithdrawClaimedAsync(long id, Guid token, CancellationToken cancellationToken)
        {
            var message = await db.Messages.AsNoTracking().SingleAsync(m => m.Id == id, cancellationToken);
            var account = await db.XAccounts.AsNoTracking().SingleAsync(a => a.DepartmentId == message.DepartmentId, cancellationToken);
            using var scope = logger.BeginScope(new Dictionary<string, object?>
            {
                ["MessageId"] = id,
                ["DepartmentId"] = message.DepartmentId,
                ["Account"] = account.Handle,
                ["Mode"] = account.Mode.ToString(),
            });
            logger.LogInformation("Deleting the post {PostId} of message {MessageId} (attempt {Attempt})", message.XPostId, id, message.Attempts + 1);
            if (message.XPostId is not { } postId)
            {
                return await FinishWithdrawnAsync(message, token, null, "aucune publication à supprimer", account.Mode, cancellationToken);
            }

            if (account.Mode == XAccountMode.Sandbox)
            {
                return await FinishWithdrawnAsync(message, token, postId, "fil d'entraînement", account.Mode, cancellationToken);
            }

            var authProvider = services.GetRequiredService<IXAccountAuthProvider>();
            var client = services.GetRequiredService<IXApiClient>();
            var auth = await authProvider.GetAuthAsync(account.Id, cancellationToken);
            if (auth is null)
            {
                await ReleaseWithdrawalAsync(message, token, Now, "Le compte X du département doit être reconnecté par un administrateur national : la suppression attend.", "account_unusable", cancellationToken);
                return false;
            }

            var now = Now;
            var recorded = await UpdateMessageAsync(
                m => m.Id == message.Id && m.LeaseToken == token && m.Status == MessageStatus.Withdrawing,
                s => s
                    .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                    .SetProperty(m => m.LeaseExpiresAtUtc, now + options.LeaseDuration),
                cancellationToken);
            if (!recorded)
            {
                return false;
            }

            message.Attempts++;
            metrics.Attempt("live_delete");
            var outcome = await DeleteRetry.ExecuteAsync(async ct => await client.DeletePostAsync(auth, postId, ct), cancellationToken);
            switch (outcome)
            {
                case XOutcome<bool>.Success:
                    return await FinishWithdrawnAsync(message, token, postId, null, account.Mode, cancellationToken);
                case XOutcome<bool>.RateLimited(var until, _):
                    await UpdateAccountAsync(account.Id, s => s.SetProperty(a => a.RateLimitedUntilUtc, until), cancellationToken);
                    await ReleaseWithdrawalAsync(message, token, until, $"Limite de suppressions atteinte sur X : nouvel essai après {until:HH:mm} UTC.", "rate_limited", cancellationToken);
                    return false;
                case XOutcome<bool>.Unauthorized:
                    await UpdateAccountAsync(account.Id, s => s.SetProperty(a => a.State, XAccountState.NeedsReconnecting), cancellationToken);
                    await ReleaseWithdrawalAsync(message, token, Now, "X a refusé les identifiants du compte (401) : un administrateur national doit reconnecter le compte. La suppression attend.", "unauthorized", cancellationToken);
                    return false;
                case XOutcome<bool>.TransientFailure(var detail, _) when message.Attempts < options.MaxAttempts:
                    {
                        var delay = PublishingBackoff.Delay(message.Attempts, options.BackoffBase, options.BackoffMax, Random.Shared);
                        await ReleaseWithdrawalAsync(message, token, Now + delay, $"X est momentanément indisponible ({detail}) : nouvel essai de suppression.", "transient", cancellationToken);
                        return true;
                    }

                default:
                    return await GiveUpWithdrawalAsync(message, token, $"La suppression du post a échoué ({Describe(outcome)}) après {message.Attempts} tentative(s) : le post est toujours en ligne. Relancez la suppression.", cancellationToken);
            }
        }

        private async Task<bool> FinishWithdrawnAsync(Message message, Guid token, string? postId, string? note, XAccountMode mode, CancellationToken cancellationToken)
        {
            var now = Now;
            var done = await writer.WriteAsync(
                async (db, ct) =>
                {
                    var withdrawn = await db.Messages
                        .Where(m => m.Id == message.Id && m.LeaseToken == token && m.Status == MessageStatus.Withdrawing)
                        .ExecuteUpdateAsync(
                            s => s
                                .SetProperty(m => m.Status, MessageStatus.Withdrawn)
                                .SetProperty(m => m.WithdrawnAtUtc, now)
                                .SetProperty(m => m.NextAttemptAtUtc, (DateTime?)null)
                                .SetProperty(m => m.LastError, (string?)null)
                                .EndLease(),
                            ct) == 1;
                    if (!withdrawn)
                    {
                        return false;
                    }

                    if (postId is not null && mode == XAccountMode.Sandbox)
                    {
                        await db.SandboxPosts.Where(p => p.PostId == postId).ExecuteDeleteAsync(ct);
                    }

                    db.AuditEntries.Add(Audit(message, "message.withdrawn", MessageStatus.Withdrawing, MessageStatus.Withdrawn, note is null ? $"X {postId} supprimé" : $"{postId} supprimé ({note})"));
                    return true;
                },
                cancellationToken);
            if (!done)
            {
                logger.LogWarning("Lease on message {MessageId} was lost before its deletion was recorded; the next owner deletes again (harmless)", message.Id);
                return false;
            }

            metrics.Withdrawn(mode == XAccountMode.Sandbox ? "sandbox" : "live");
            logger.LogInformation("Post {PostId} of message {MessageId} deleted", postId, message.Id);
            return true;
        }

        private async Task ReleaseWithdrawalAsync(Message message, Guid token, DateTime nextAttempt, string reason, string metricReason, CancellationToken cancellationToken)
        {
            var now = Now;
            var released = await UpdateMessageAsync(
                m => m.Id == message.Id && m.LeaseToken == token && m.Status == MessageStatus.Withdrawing,
                s => s
                    .SetProperty(m => m.Status, MessageStatus.WithdrawalRequested)
                    .SetProperty(m => m.NextAttemptAtUtc, nextAttempt)
                    .SetProperty(m => m.LastError, reason)
                    .SetProperty(m => m.LastErrorAtUtc, now)
                    .EndLease(),
                cancellationToken);
            if (released)
            {
                metrics.Rescheduled("delete_" + metricReason);
                logger.LogWarning("Deletion of message {MessageId}'s post rescheduled at {NextAttempt:o}: {Reason}", message.Id, nextAttempt, reason);
            }
        }

        /// <summary>X refused the deletion for good, or stayed away: the post is still online, which the message says.</summary>
        private async Task<bool> GiveUpWithdrawalAsync(Message message, Guid token, string reason, CancellationToken cancellationToken)
        {
            var now = Now;
            var reverted = await UpdateMessageAsync(
                m => m.Id == message.Id && m.LeaseToken == token && m.Status == MessageStatus.Withdrawing,
                s => s
                    .SetProperty(m => m.Status, MessageStatus.Published)
                    .SetProperty(m => m.LastError, reason)
                    .SetProperty(m => m.LastErrorAtUtc, now)
                    .SetProperty(m => m.NextAttemptAtUtc, (DateTime?)null)
                    .EndLease(),
                cancellationToken,
                () => Audit(message, "message.withdrawal_failed", MessageStatus.Withdrawing, MessageStatus.Published, reason));
            if (reverted)
            {
                metrics.Failed("delete");
                logger.LogError("Deletion of message {MessageId}'s post failed: {Reason}", message.Id, reason);
            }

            return true;
        }

        private async Task<bool> HandleFailureAsync(Message message, XAccount account, Guid token, string description, XOutcome<XPostCreated> outcome, CancellationToken cancellationToken)
        {
            switch (outcome)
            {
                case XOutcome<XPostCreated>.RateLimited(var until, _):
                    await UpdateAccountAsync(account.Id, s => s.SetProperty(a => a.RateLimitedUntilUtc, until), cancellationToken);
                    await ReleaseAsync(message, token, until, $"Limite de publications atteinte sur X : nouvel essai après {until:HH:mm} UTC.", clearAmbiguity: true, "rate_limited", cancellationToken);
                    return false;
                case XOutcome<XPostCreated>.Unauthorized when await CredentialsChangedAsync(account, cancellationToken):
                    // An administrator reconnected the account since this worker read its credentials: not the account's fault.
                    await ReleaseAsync(message, token, Now, "Les identifiants du compte X ont changé pendant la publication : nouvel essai.", clearAmbiguity: false, "credentials_changed", cancellationToken);
                    return false;
                case XOutcome<XPostCreated>.Unauthorized:
                    await UpdateAccountAsync(account.Id, s => s.SetProperty(a => a.State, XAccountState.NeedsReconnecting), cancellationToken);
                    await HoldAsync(message, token, "X a refusé les identifiants du compte (401) : un administrateur national doit reconnecter le compte. Le message est retenu.", "unauthorized", clearAmbiguity: false, cancellationToken);
                    return false;
                case XOutcome<XPostCreated>.TransientFailure(var detail, var ambiguous):
                    return await RescheduleAsync(message, token, $"X est momentanément indisponible ({detail}).", keepAmbiguity: ambiguous, ambiguous ? "ambiguous" : "transient", cancellationToken);
                case XOutcome<XPostCreated>.Rejected(var status, var detail):
                    return await FailAsync(message, token, $"X a refusé le message ({status}) : {detail}", "rejected", cancellationToken);
                default:
                    return await FailAsync(message, token, description, "other", cancellationToken);
            }
        }

        /// <summary>
        /// The account's credentials, read at most once a minute by this worker (an OAuth 2.0 token it gets is valid for
        /// at least five more minutes).
        /// </summary>
        private async Task<XAuth?> GetAuthAsync(IXAccountAuthProvider authProvider, XAccount account, CancellationToken cancellationToken)
        {
            if (_auth is null || Now - _authReadAt > TimeSpan.FromMinutes(1))
            {
                _auth = await authProvider.GetAuthAsync(account.Id, cancellationToken);
                _authReadAt = Now;
            }

            return _auth;
        }

        /// <summary>Whether the credentials stored now differ from those this worker used (read again, bypassing the cache).</summary>
        private async Task<bool> CredentialsChangedAsync(XAccount account, CancellationToken cancellationToken)
        {
            var used = _auth;
            _auth = null;
            var current = await services.GetRequiredService<IXAccountAuthProvider>().GetAuthAsync(account.Id, cancellationToken);
            return used is not null && current is not null && current != used;
        }

        private async Task<FindResult> FindExistingPostAsync(IXApiClient client, XAuth auth, XAccount account, Message message, DateTime since, CancellationToken cancellationToken)
        {
            if (account.XUserId is null)
            {
                var me = await client.GetMeAsync(auth, cancellationToken);
                if (me is not XOutcome<XUser>.Success(var user))
                {
                    return new FindResult.Unknown(Describe(me));
                }

                account.XUserId = user.Id;
                await UpdateAccountAsync(account.Id, s => s.SetProperty(a => a.XUserId, user.Id), cancellationToken);
            }

            var recent = await client.GetRecentPostsAsync(auth, account.XUserId, since - options.ReconcileWindow, cancellationToken);
            if (recent is not XOutcome<IReadOnlyList<XPostSummary>>.Success(var posts))
            {
                return new FindResult.Unknown(Describe(recent));
            }

            var match = posts.FirstOrDefault(p => string.Equals(Normalize(p.Text), Normalize(message.Text), StringComparison.Ordinal));
            return match is null ? new FindResult.NotFound() : new FindResult.Found(match.Id);
        }

        // X may shorten links and normalise the text; compare on NFC with URLs left as they are.
        private static string Normalize(string text) => text.Normalize(System.Text.NormalizationForm.FormC).Trim();

        /// <summary>
        /// Records the post X accepted. The write joins the next group commit and is not awaited here: the next post of
        /// the run goes to X meanwhile and <see cref="ConfirmPublishedAsync"/> checks the record afterwards. If the
        /// process stops before the commit, the message is still "publishing" with its attempt recorded, and whoever
        /// takes it over finds the post on X instead of posting it again.
        /// </summary>
        private Task<bool> FinishPublishedAsync(Message message, XAccount account, Guid token, string postId, string? note, CancellationToken cancellationToken)
        {
            var now = Now;
            var write = writer.WriteAsync(
                async (db, ct) =>
                {
                    if (!await MarkPublishedAsync(db, message.Id, token, postId, $"https://x.com/{account.Handle}/status/{postId}", now, ct))
                    {
                        return false;
                    }

                    db.AuditEntries.Add(Audit(message, "message.published", MessageStatus.Publishing, MessageStatus.Published, note is null ? $"X {postId}" : $"X {postId} ({note})"));
                    return true;
                },
                cancellationToken);
            _unconfirmed.Enqueue(new PendingPublished(write, message.Id, postId));
            return Task.FromResult(true);
        }

        /// <summary>Awaits the first <paramref name="count"/> "published" records; false if one found its lease taken over.</summary>
        private async Task<bool> ConfirmPublishedAsync(int count, bool quietly = false)
        {
            var allHeld = true;
            for (var i = 0; i < count && _unconfirmed.Count > 0; i++)
            {
                var pending = _unconfirmed.Dequeue();
                bool recorded;
                try
                {
                    recorded = await pending.Write;
                }
                catch (Exception ex) when (quietly)
                {
                    // Already leaving with another error: the message stays "publishing" and is reconciled later.
                    logger.LogError(ex, "Could not record that message {MessageId} was published on X as {PostId}", pending.MessageId, pending.PostId);
                    continue;
                }

                if (recorded)
                {
                    metrics.Published("live");
                    logger.LogInformation("Message {MessageId} published on X as {PostId}", pending.MessageId, pending.PostId);
                }
                else
                {
                    allHeld = false;
                    logger.LogError("Message {MessageId} was posted to X as {PostId} but its lease had been taken over; the next owner will find the post", pending.MessageId, pending.PostId);
                }
            }

            return allHeld;
        }

        private sealed record PendingPublished(Task<bool> Write, long MessageId, string PostId);

        private static async Task<bool> MarkPublishedAsync(PoliceFeedsDbContext db, long id, Guid token, string postId, string url, DateTime now, CancellationToken cancellationToken) =>
            await db.Messages
                .Where(m => m.Id == id && m.LeaseToken == token && m.Status == MessageStatus.Publishing)
                .ExecuteUpdateAsync(
                    s => s
                        .SetProperty(m => m.Status, MessageStatus.Published)
                        .SetProperty(m => m.XPostId, postId)
                        .SetProperty(m => m.XPostUrl, url)
                        .SetProperty(m => m.PublishedAtUtc, now)
                        .SetProperty(m => m.AttemptStartedAtUtc, (DateTime?)null)
                        .SetProperty(m => m.LastError, (string?)null)
                        .EndLease(),
                    cancellationToken) == 1;

        private async Task<bool> RescheduleAsync(Message message, Guid token, string reason, bool keepAmbiguity, string metricReason, CancellationToken cancellationToken)
        {
            if (message.Attempts >= options.MaxAttempts)
            {
                return await FailAsync(message, token, $"{reason} Abandon après {message.Attempts} tentatives : relancez la publication quand X sera de nouveau disponible.", metricReason, cancellationToken);
            }

            var delay = PublishingBackoff.Delay(Math.Max(1, message.Attempts), options.BackoffBase, options.BackoffMax, Random.Shared);
            await ReleaseAsync(message, token, Now + delay, reason, clearAmbiguity: !keepAmbiguity, metricReason, cancellationToken);
            return true;
        }

        /// <summary>Held (account unusable): back in the queue without counting as a failure.</summary>
        private Task HoldAsync(Message message, Guid token, string reason, string metricReason, bool clearAmbiguity, CancellationToken cancellationToken) =>
            ReleaseAsync(message, token, Now, reason, clearAmbiguity, metricReason, cancellationToken, () => Audit(message, "message.held", MessageStatus.Publishing, MessageStatus.Approved, reason));

        private async Task ReleaseAsync(Message message, Guid token, DateTime nextAttempt, string reason, bool clearAmbiguity, string metricReason, CancellationToken cancellationToken, Func<AuditEntry>? audit = null)
        {
            var now = Now;
            var released = await UpdateMessageAsync(
                m => m.Id == message.Id && m.LeaseToken == token && m.Status == MessageStatus.Publishing,
                s => s
                    .SetProperty(m => m.Status, MessageStatus.Approved)
                    .SetProperty(m => m.NextAttemptAtUtc, nextAttempt)
                    .SetProperty(m => m.LastError, reason)
                    .SetProperty(m => m.LastErrorAtUtc, now)
                    .SetProperty(m => m.AttemptStartedAtUtc, m => clearAmbiguity ? null : m.AttemptStartedAtUtc)
                    .EndLease(),
                cancellationToken,
                audit);
            if (released)
            {
                metrics.Rescheduled(metricReason);
                logger.LogWarning("Message {MessageId} rescheduled at {NextAttempt:o}: {Reason}", message.Id, nextAttempt, reason);
            }
        }

        private async Task<bool> FailAsync(Message message, Guid token, string reason, string metricReason, CancellationToken cancellationToken)
        {
            var now = Now;
            var failed = await UpdateMessageAsync(
                m => m.Id == message.Id && m.LeaseToken == token && m.Status == MessageStatus.Publishing,
                s => s
                    .SetProperty(m => m.Status, MessageStatus.Failed)
                    .SetProperty(m => m.LastError, reason)
                    .SetProperty(m => m.LastErrorAtUtc, now)
                    .SetProperty(m => m.NextAttemptAtUtc, (DateTime?)null)
                    .SetProperty(m => m.AttemptStartedAtUtc, (DateTime?)null)
                    .EndLease(),
                cancellationToken,
                () => Audit(message, "message.failed", MessageStatus.Publishing, MessageStatus.Failed, reason));
            if (failed)
            {
                metrics.Failed(metricReason);
                logger.LogError("Message {MessageId} failed: {Reason}", message.Id, reason);
            }

            return true;
        }

        /// <summary>Renews the lease of the claimed run's posts still in hand (they share one token and one expiry).</summary>
        private async Task<bool> RenewLeaseAsync(long id, Guid token, CancellationToken cancellationToken)
        {
            _leaseRenewedAt = Now;
            var until = _leaseRenewedAt + options.LeaseDuration;
            var held = _group ?? [id];
            return await writer.WriteAsync(
                (db, ct) => db.Messages
                    .Where(m => held.Contains(m.Id) && m.LeaseToken == token && m.Status == MessageStatus.Publishing)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseExpiresAtUtc, until), ct),
                cancellationToken) > 0;
        }

        /// <summary>
        /// A conditional update of one message, committed with the other workers' writes; with <paramref name="audit"/>,
        /// its audit entry is written in the same transaction when (and only when) the update took effect.
        /// </summary>
        /// <returns>Whether the message matched (false: the lease was lost or the message changed meanwhile).</returns>
        private Task<bool> UpdateMessageAsync(Expression<Func<Message, bool>> where, Action<UpdateSettersBuilder<Message>> setters, CancellationToken cancellationToken, Func<AuditEntry>? audit = null) =>
            writer.WriteAsync(
                async (db, ct) =>
                {
                    var changed = await db.Messages.Where(where).ExecuteUpdateAsync(setters, ct) == 1;
                    if (changed && audit is not null)
                    {
                        db.AuditEntries.Add(audit());
                    }

                    return changed;
                },
                cancellationToken);

        private Task<int> UpdateAccountAsync(int accountId, Action<UpdateSettersBuilder<XAccount>> setters, CancellationToken cancellationToken) =>
            writer.WriteAsync((db, ct) => db.XAccounts.Where(a => a.Id == accountId).ExecuteUpdateAsync(setters, ct), cancellationToken);

        private AuditEntry Audit(Message message, string action, MessageStatus from, MessageStatus to, string? details) => new()
        {
            AtUtc = Now,
            ActorId = SystemActors.Publisher,
            ActorName = options.InstanceId,
            Action = action,
            EntityType = nameof(Message),
            EntityId = message.Id.ToString(CultureInfo.InvariantCulture),
            DepartmentId = message.DepartmentId,
            FromStatus = from.ToString(),
            ToStatus = to.ToString(),
            Details = details is { Length: > 4000 } ? details[..4000] : details,
        };

        private static XOutcome<XPostCreated> AsPostOutcome<T>(XOutcome<T> outcome) => outcome switch
        {
            XOutcome<T>.TransientFailure(var d, _) => new XOutcome<XPostCreated>.TransientFailure(d, false),
            XOutcome<T>.RateLimited(var until, var d) => new XOutcome<XPostCreated>.RateLimited(until, d),
            XOutcome<T>.Unauthorized(var d) => new XOutcome<XPostCreated>.Unauthorized(d),
            XOutcome<T>.Duplicate(var d) => new XOutcome<XPostCreated>.Rejected(403, d),
            XOutcome<T>.Rejected(var s, var d) => new XOutcome<XPostCreated>.Rejected(s, d),
            _ => new XOutcome<XPostCreated>.TransientFailure("réponse inattendue", false),
        };

        private static string Describe<T>(XOutcome<T> outcome) => outcome switch
        {
            XOutcome<T>.TransientFailure(var d, _) => d,
            XOutcome<T>.RateLimited(var until, _) => $"limite atteinte jusqu'à {until:O}",
            XOutcome<T>.Unauthorized(var d) => $"non autorisé : {d}",
            XOutcome<T>.Duplicate(var d) => d,
            XOutcome<T>.ReplyRefused(var d) => $"403 {d}",
            XOutcome<T>.Rejected(var s, var d) => $"{s} {d}",
            _ => "succès",
        };

        private abstract record FindResult
        {
            public sealed record Found(string PostId) : FindResult;

            public sealed record NotFound : FindResult;

            public sealed record Unknown(string Why) : FindResult;
        }
    }
}

/// <summary>The setters every update that ends a lease shares.</summary>
internal static class LeaseSetters
{
    /// <summary>No owner, no token, no expiry, and a new version: the message is out of any worker's hands.</summary>
    public static UpdateSettersBuilder<Message> EndLease(this UpdateSettersBuilder<Message> setters) => setters
        .SetProperty(m => m.LeaseOwner, (string?)null)
        .SetProperty(m => m.LeaseToken, (Guid?)null)
        .SetProperty(m => m.LeaseExpiresAtUtc, (DateTime?)null)
        .SetProperty(m => m.Version, m => m.Version + 1);
}

/// <summary>Ids of sandbox posts, shaped like X's (digits, time-ordered, unique).</summary>
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
