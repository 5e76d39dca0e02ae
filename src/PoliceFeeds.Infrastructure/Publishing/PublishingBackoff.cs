namespace PoliceFeeds.Infrastructure.Publishing;

/// <summary>
/// Exponential backoff with full jitter for rescheduling a message in the database after a transient failure (a wait
/// longer than one request is never made by holding a thread).
/// </summary>
public static class PublishingBackoff
{
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, Random random)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 20);
        var ceiling = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        // "Equal jitter": half fixed, half random, so that the wait grows but instances do not retry in step.
        var milliseconds = (ceiling / 2) + (random.NextDouble() * ceiling / 2);
        return TimeSpan.FromMilliseconds(milliseconds);
    }
}
