using Microsoft.Extensions.Options;
using PoliceFeeds.Web.Pages.Report;

namespace PoliceFeeds.Web.Report;

/// <summary>
/// The hosted roll-up job: a thin loop that runs <see cref="ReportRollupJob"/> in a scope of its own, then sleeps for
/// <see cref="ReportRollupOptions.PollInterval"/> on the app's clock. Off when <c>ReportRollup:RunHostedService</c> is
/// false (the tests, unless one turns it on).
/// </summary>
public sealed class ReportRollupHostedService(
    IServiceScopeFactory scopeFactory,
    TimeProvider timeProvider,
    IOptions<ReportRollupOptions> options,
    ILogger<ReportRollupHostedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Report roll-up job started, every {Interval}", options.Value.PollInterval);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.Value.PollInterval;
            try
            {
                await using var scope = scopeFactory.CreateAsyncScope();
                var built = await scope.ServiceProvider.GetRequiredService<ReportRollupJob>().RunOnceAsync(stoppingToken);
                if (built.Count > 0)
                {
                    logger.LogInformation("Report roll-up: {Count} months built ({Months})", built.Count, string.Join(", ", built.Select(b => $"{b.TimeZoneId} {b.Month:yyyy-MM}")));
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // Nothing is wrong meanwhile: a month not built is computed live by the report.
                logger.LogError(ex, "Report roll-up round failed; retrying in {Delay}", wait);
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
