namespace PoliceFeeds.Infrastructure.Publishing;

/// <summary>
/// In-process wake-up call for the publisher: the back office raises it when a message becomes due at once ("as soon
/// as validated"), so the publisher does not wait for its next poll. Several signals before a wait count as one.
/// </summary>
public sealed class PublishingSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    /// <summary>Wakes the publisher (no effect if it is already awake with a pending signal).</summary>
    public void Notify()
    {
        try
        {
            _semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    /// <summary>Waits for a signal or for <paramref name="timeout"/>; true when signalled.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _semaphore.WaitAsync(timeout, cancellationToken);
}
