using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace PoliceFeeds.FakeX;

/// <summary>Counts requests and posts in X's windows (fixed windows opened by the first request) on the fake's clock.</summary>
internal sealed class FakeXRateLimits(FakeXLimits limits, Func<DateTimeOffset> now)
{
    private static readonly TimeSpan Short = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);
    private const string App = "app";

    private readonly object _lock = new();
    private readonly Dictionary<(string Key, FakeXEndpoint Endpoint), Window> _short = [];
    private readonly Dictionary<string, Window> _day = [];

    /// <summary>
    /// Counts one request of the account and sets X's headers. Returns the reset of the exhausted window when the
    /// request must be refused with a 429 (for a post: the 15-minute, the user's 24-hour or the app's 24-hour window).
    /// </summary>
    public DateTimeOffset? Admit(string accountId, FakeXEndpoint endpoint, HttpResponse response)
    {
        if (!limits.Per15Minutes.TryGetValue(endpoint, out var limit))
        {
            return null;
        }

        lock (_lock)
        {
            var at = now();
            var window = Current(_short, (accountId, endpoint), at, Short);
            DateTimeOffset? refused = limits.Enforce && window.Count >= limit ? window.Reset : null;
            if (endpoint == FakeXEndpoint.CreatePost)
            {
                var user = Current(_day, accountId, at, Day);
                var app = Current(_day, App, at, Day);
                if (limits.Enforce && refused is null && user.Count >= limits.PostsPerUserPer24Hours)
                {
                    refused = user.Reset;
                }

                if (limits.Enforce && refused is null && app.Count >= limits.PostsPerAppPer24Hours)
                {
                    refused = app.Reset;
                }

                Headers(response, "x-user-limit-24hour", limits.PostsPerUserPer24Hours, user);
                Headers(response, "x-app-limit-24hour", limits.PostsPerAppPer24Hours, app);
            }

            if (refused is null && limits.Enforce)
            {
                window.Count++;
            }

            Headers(response, "x-rate-limit", limit, window);
            return refused;
        }
    }

    /// <summary>Counts a created post in the user's and the app's 24-hour windows.</summary>
    public void CountPost(string accountId, HttpResponse response)
    {
        if (!limits.Enforce)
        {
            return;
        }

        lock (_lock)
        {
            var at = now();
            var user = Current(_day, accountId, at, Day);
            var app = Current(_day, App, at, Day);
            user.Count++;
            app.Count++;
            Headers(response, "x-user-limit-24hour", limits.PostsPerUserPer24Hours, user);
            Headers(response, "x-app-limit-24hour", limits.PostsPerAppPer24Hours, app);
        }
    }

    private static Window Current<TKey>(Dictionary<TKey, Window> windows, TKey key, DateTimeOffset at, TimeSpan length)
        where TKey : notnull
    {
        if (!windows.TryGetValue(key, out var window) || window.Reset <= at)
        {
            windows[key] = window = new Window(at + length);
        }

        return window;
    }

    private static void Headers(HttpResponse response, string prefix, int limit, Window window)
    {
        response.Headers[$"{prefix}-limit"] = limit.ToString(CultureInfo.InvariantCulture);
        response.Headers[$"{prefix}-remaining"] = Math.Max(0, limit - window.Count).ToString(CultureInfo.InvariantCulture);
        response.Headers[$"{prefix}-reset"] = window.Reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
    }

    private sealed class Window(DateTimeOffset reset)
    {
        public DateTimeOffset Reset { get; } = reset;

        public int Count { get; set; }
    }
}
