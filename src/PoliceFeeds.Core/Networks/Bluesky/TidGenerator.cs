namespace PoliceFeeds.Core.Networks.Bluesky;

/// <summary>
/// Makes record keys for one process: the current microsecond and this generator's clock id, strictly increasing even
/// when the clock stands still or steps back, so two deliveries never get the same key here. Two instances use
/// different clock ids (random by default, as the reference implementation does).
/// </summary>
public sealed class TidGenerator(TimeProvider timeProvider, int? clockId = null)
{
    private readonly int _clockId = clockId ?? Random.Shared.Next(0, Tid.MaxClockId + 1);
    private readonly Lock _lock = new();
    private long _lastMicroseconds = -1;

    public int ClockId => _clockId;

    /// <summary>A key that stands for now (or one microsecond after the previous key, if now is not later).</summary>
    public Tid Next()
    {
        var now = (timeProvider.GetUtcNow().UtcDateTime.Ticks - DateTime.UnixEpoch.Ticks) / 10;
        lock (_lock)
        {
            _lastMicroseconds = Math.Max(now, _lastMicroseconds + 1);
            return Tid.From(DateTime.UnixEpoch.AddTicks(_lastMicroseconds * 10), _clockId);
        }
    }
}
