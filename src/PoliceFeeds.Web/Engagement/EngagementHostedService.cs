using Microsoft.Extensions.Options;
using PoliceFeeds.Infrastructure.Engagement;

namespace PoliceFeeds.Web.Engagement;

/// <summary>
/// The hosted engagement job: a thin loop that runs <see cref="EngagementProcessor"/> in a scope of its own, then sleeps
/// for <see cref="EngagementOptions.PollInterval"/>. Off when <c>Engagement:RunHostedService</c> is false (the tests).
/// </summary>
public sealed class EngagementHostedService(
    IServiceScopeFactory scopeFactory,
    TimeProvider timeProvider,
    IOptions<EngagementOptions> options,
    ILogger<EngagementHostedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Engagement job started, every {Interval}", options.Value.PollInterval);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.Value.PollInterval;
            try
            {
                await using var scope = scopeFactory.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<EngagementProcessor>().RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // Nothing is lost: posts not measured now are measured at the next round.
                logger.LogError(ex, "Engagement round failed; retrying in {Delay}", wait);
            }

            try
            {
                await Task.Delay(wait, timeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
