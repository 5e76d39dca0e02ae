using PoliceFeeds.Infrastructure.Publishing;

namespace PoliceFeeds.Web.Publishing;

/// <summary>
/// The hosted publisher: a thin loop over <see cref="PublishingProcessor"/> rounds, each in a scope of its own. A round
/// starts when the previous one did something, when a wake-up signal arrives (a message approved "as soon as
/// validated") even while another round is still posting (the new one serves the idle accounts), or at the next due
/// time, with the poll interval as a fallback.
/// </summary>
public sealed class PublisherHostedService(
    IServiceScopeFactory scopeFactory,
    PublishingSignal signal,
    TimeProvider timeProvider,
    Microsoft.Extensions.Options.IOptions<PublishingOptions> options,
    ILogger<PublisherHostedService> logger) : BackgroundService
{
    private static readonly TimeSpan AfterFailure = TimeSpan.FromSeconds(5);

    /// <summary>Rounds that may overlap; a signal beyond that waits for one of them to end.</summary>
    private const int MaxOverlappingRounds = 4;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Publisher {Instance} started", options.Value.InstanceId);
        var work = new AccountWork(options.Value.MaxParallelAccounts);
        var rounds = new List<Task<int>>();
        Task<bool>? signalled = null;
        var startRound = true;
        var failed = false;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (startRound && rounds.Count < MaxOverlappingRounds)
                {
                    rounds.Add(RunRoundAsync(work, stoppingToken));
                    startRound = false;
                }

                signalled ??= signal.WaitAsync(Timeout.InfiniteTimeSpan, stoppingToken);
                using var timerCancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var timer = rounds.Count == 0
                    ? Task.Delay(failed ? AfterFailure : await NextWaitAsync(stoppingToken), timeProvider, timerCancellation.Token)
                    : Task.Delay(Timeout.InfiniteTimeSpan, timeProvider, timerCancellation.Token);
                var first = await Task.WhenAny(rounds.Append<Task>(signalled).Append(timer));
                await timerCancellation.CancelAsync();

                if (first == signalled)
                {
                    signalled = null;
                    startRound = true;
                }
                else if (first == timer)
                {
                    startRound = true;
                    failed = false;
                }

                foreach (var round in rounds.Where(r => r.IsCompleted).ToList())
                {
                    rounds.Remove(round);
                    if (round.IsCompletedSuccessfully)
                    {
                        // Something was done: look again at once (more may be due, or a retry may be near).
                        startRound |= round.Result > 0;
                        failed = false;
                    }
                    else if (!stoppingToken.IsCancellationRequested)
                    {
                        // The database may be away for a while: nothing is lost (messages stay in their state), try again later.
                        logger.LogError(round.Exception?.GetBaseException(), "Publishing round failed; retrying in {Delay}", AfterFailure);
                        failed = true;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Let the rounds in progress finish or notice the cancellation: their leases make any interrupted message safe.
        try
        {
            await Task.WhenAll(rounds);
        }
        catch (Exception ex) when (stoppingToken.IsCancellationRequested)
        {
            logger.LogDebug(ex, "Publishing rounds stopped with the host");
        }
    }

    private async Task<int> RunRoundAsync(AccountWork work, CancellationToken stoppingToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var processor = scope.ServiceProvider.GetRequiredService<PublishingProcessor>();
        return await processor.RunOnceAsync(work, stoppingToken);
    }

    /// <summary>Until the next due time, lease expiry, deviation end or redaction; at most the poll interval.</summary>
    private async Task<TimeSpan> NextWaitAsync(CancellationToken stoppingToken)
    {
        var wait = options.Value.PollInterval;
        try
        {
            await using var scope = scopeFactory.CreateAsyncScope();
            var processor = scope.ServiceProvider.GetRequiredService<PublishingProcessor>();
            if (await processor.NextWakeUpAsync(stoppingToken) is { } next)
            {
                var untilNext = next - timeProvider.GetUtcNow().UtcDateTime;
                wait = untilNext < TimeSpan.Zero ? TimeSpan.FromMilliseconds(50) : TimeSpan.FromTicks(Math.Min(untilNext.Ticks, wait.Ticks));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not plan the publisher's next wake-up; retrying in {Delay}", AfterFailure);
            wait = AfterFailure;
        }

        return wait;
    }
}
