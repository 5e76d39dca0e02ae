using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Infrastructure.Publishing;

/// <summary>
/// One round of the publisher: finds due deliveries, serves each account's in order (accounts in parallel, up to a
/// bound), each account in its own scope (<see cref="AccountPublisher"/>).
/// </summary>
public sealed class PublishingProcessor(
    IServiceScopeFactory scopeFactory,
    PoliceFeedsDbContext db,
    IOptions<PublishingOptions> options,
    TimeProvider timeProvider,
    TimeBoundProcessor timeBound,
    ILogger<PublishingProcessor> logger)
{
    private readonly PublishingOptions _options = options.Value;

    /// <summary>Claims and publishes what is due now. Returns the number of deliveries handled.</summary>
    public Task<int> RunOnceAsync(CancellationToken cancellationToken) => RunOnceAsync(null, cancellationToken);

    /// <summary>
    /// Claims and publishes what is due now. With <paramref name="work"/> (the hosted publisher), accounts that another
    /// round of this process is serving are left to it, the parallel accounts are bounded across rounds, and each account's
    /// worker keeps taking that account's newly due deliveries before it stops. Returns the number of deliveries handled.
    /// </summary>
    public async Task<int> RunOnceAsync(AccountWork? work, CancellationToken cancellationToken)
    {
        // Deviations that reach their end and found appeals that reach their redaction date first: ending a deviation
        // may queue a reply or a deletion that this same round then handles.
        var handled = await timeBound.RunOnceAsync(cancellationToken);
        var candidates = await DueDeliveries.FindAsync(db, timeProvider.GetUtcNow().UtcDateTime, _options.ClockSkewTolerance, null, _options.BatchSize, cancellationToken);
        if (candidates.Count == 0)
        {
            return handled;
        }

        using var roundGate = work is null ? new SemaphoreSlim(Math.Max(1, _options.MaxParallelAccounts)) : null;
        var gate = work?.Slots ?? roundGate!;
        var tasks = candidates.GroupBy(c => c.AccountId).Select(async group =>
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
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A database away: the deliveries keep their state (their leases expire), the round goes on for the others.
                    logger.LogError(ex, "Publishing for account {AccountId} stopped", group.Key);
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
    /// When the publisher should next look, if nothing wakes it before: the earliest next attempt (of a delivery it could
    /// take, after any rate-limit reset), lease expiry, deviation end or redaction date.
    /// </summary>
    public async Task<DateTime?> NextWakeUpAsync(CancellationToken cancellationToken)
    {
        var nextDelivery = await DueDeliveries.NextAsync(db, _options.ClockSkewTolerance, cancellationToken);
        var nextTimeBound = await timeBound.NextDueAsync(cancellationToken);
        return new[] { nextDelivery, nextTimeBound }.Where(d => d.HasValue).Min();
    }
}
