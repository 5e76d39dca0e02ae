using System.Diagnostics;
using System.Globalization;

namespace PoliceFeeds.IntegrationTests.Infrastructure;

/// <summary>
/// The clock of the application under test: it starts at a chosen instant (by default <see cref="DefaultStart"/>, a fixed
/// instant, so that the suite gives the same result whatever day it runs) and then moves with real time, so that the
/// publisher's polls, leases and backoffs behave as they do in production. Tests move it with <see cref="Advance"/> or
/// <see cref="SetUtcNow"/>. Timers run on real time (the base <see cref="TimeProvider"/>), which only shifts the date.
/// </summary>
/// <remarks>
/// <c>POLICEFEEDS_TEST_NOW</c> (an ISO 8601 instant, e.g. <c>2028-02-29T08:00:00Z</c>) runs the whole suite from another
/// instant. Tests derive their data and their expectations from this clock, never from <see cref="DateTime.UtcNow"/>.
/// </remarks>
public sealed class TestClock : TimeProvider
{
    /// <summary>The instant the suite runs at unless <c>POLICEFEEDS_TEST_NOW</c> says otherwise: Monday 7 December 2026, 10:00 in Paris.</summary>
    public static readonly DateTimeOffset FixedDefault = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private readonly Lock _lock = new();
    private DateTimeOffset _origin;
    private long _originTimestamp;

    public TestClock(DateTimeOffset? start = null)
    {
        _origin = (start ?? DefaultStart).ToUniversalTime();
        _originTimestamp = Stopwatch.GetTimestamp();
    }

    /// <summary>Where every test clock starts: <c>POLICEFEEDS_TEST_NOW</c> when set, else <see cref="FixedDefault"/>.</summary>
    public static DateTimeOffset DefaultStart { get; } = ReadStart(Environment.GetEnvironmentVariable("POLICEFEEDS_TEST_NOW"));

    /// <summary>Now, as a UTC <see cref="DateTime"/> (the type the entities store).</summary>
    public DateTime UtcNow => GetUtcNow().UtcDateTime;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _origin + Stopwatch.GetElapsedTime(_originTimestamp);
        }
    }

    /// <summary>Moves the clock forward (or back, with a negative <paramref name="delta"/>).</summary>
    public void Advance(TimeSpan delta)
    {
        lock (_lock)
        {
            _origin += delta;
        }
    }

    /// <summary>Sets the clock to <paramref name="instant"/>; it goes on moving with real time from there.</summary>
    public void SetUtcNow(DateTimeOffset instant)
    {
        lock (_lock)
        {
            _origin = instant.ToUniversalTime();
            _originTimestamp = Stopwatch.GetTimestamp();
        }
    }

    internal static DateTimeOffset ReadStart(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return FixedDefault;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var start)
            ? start
            : throw new InvalidOperationException($"POLICEFEEDS_TEST_NOW must be an ISO 8601 instant such as 2028-02-29T08:00:00Z, not '{value}'.");
    }
}
