using PoliceFeeds.Infrastructure.Publishing;

namespace PoliceFeeds.Web.Publishing;

/// <summary>
/// The hosted publisher: a thin loop that runs <see cref="PublishingProcessor"/> in a scope of its own, then sleeps until
/// the next due time, a wake-up signal (a message approved "as soon as validated") or the fallback poll.
/// </summary>
public sealed class PublisherHostedService(
    IServiceScopeFactory scopeFactory,
    PublishingSignal signal,
    TimeProvider timeProvider,
    Microsoft.Extensions.Options.IOptions<PublishingOptions> options,
    ILogger<PublisherHostedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Publisher {Instance} started", options.Value.InstanceId);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.Value.PollInterval;
            try
            {
                await using var scope = scopeFactory.CreateAsyncScope();
                var processor = scope.ServiceProvider.GetRequiredService<PublishingProcessor>();
                var handled = await processor.RunOnceAsync(stoppingToken);
                if (handled > 0)
                {
                    // Something was done: look again at once (more may be due, or a retry may be near).
                    continue;
                }

                if (await processor.NextWakeUpAsync(stoppingToken) is { } next)
                {
                    var untilNext = next - timeProvider.GetUtcNow().UtcDateTime;
                    wait = untilNext < TimeSpan.Zero ? TimeSpan.FromMilliseconds(50) : TimeSpan.FromTicks(Math.Min(untilNext.Ticks, wait.Ticks));
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // The database may be away for a while: nothing is lost (messages stay in their state), try again later.
                logger.LogError(ex, "Publishing round failed; retrying in {Delay}", TimeSpan.FromSeconds(5));
                wait = TimeSpan.FromSeconds(5);
            }

            try
            {
                await signal.WaitAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
