using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace PoliceFeeds.FakeMastodon;

/// <summary>What every API request goes through: count, scripted latency, token, rate limits, scripted faults.</summary>
public sealed partial class FakeMastodonServer
{
    private async Task<IResult> HandleAsync(HttpContext context, FakeMastodonEndpoint endpoint, Func<FakeMastodonAccount, Task<IResult>> handler)
    {
        _requestCounts.AddOrUpdate(endpoint, 1, (_, n) => n + 1);
        var fault = await NextFaultAsync(context, endpoint);
        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : null;
        if (token is null || !_tokens.TryGetValue(token, out var account))
        {
            return Error(401, token is not null && _revoked.ContainsKey(token) ? "The access token was revoked" : "The access token is invalid");
        }

        if (Throttle(context, account, endpoint) is { } limited)
        {
            return limited;
        }

        switch (fault)
        {
            case FakeMastodonFault.ServerErrorFault error:
                return Error(error.Status, "There was a temporary problem serving your request, please try again");
            case FakeMastodonFault.AcceptThenAnswerFault answer:
                await handler(account);
                return Error(answer.Status, "We're sorry, but something went wrong on our end.");
            case FakeMastodonFault.AcceptThenDropFault:
                await handler(account);
                context.Abort();
                return Results.Empty;
        }

        return await handler(account);
    }

    private async Task<IResult> Public(HttpContext context, FakeMastodonEndpoint endpoint, Func<IResult> handler)
    {
        _requestCounts.AddOrUpdate(endpoint, 1, (_, n) => n + 1);
        return await NextFaultAsync(context, endpoint) is FakeMastodonFault.ServerErrorFault error
            ? Error(error.Status, "There was a temporary problem serving your request, please try again")
            : handler();
    }

    private async Task<FakeMastodonFault?> NextFaultAsync(HttpContext context, FakeMastodonEndpoint endpoint)
    {
        var fault = Faults.Next(endpoint);
        while (fault is FakeMastodonFault.LatencyFault latency)
        {
            await Task.Delay(latency.Delay, context.RequestAborted);
            fault = Faults.Next(endpoint);
        }

        return fault;
    }

    /// <summary>
    /// Rack::Attack's throttles as Mastodon configures them: fixed windows aligned on the epoch (300 requests per 5
    /// minutes per account; 30 media uploads and 30 deletions per 30 minutes), the headers of the limit closest to
    /// exhaustion on every answer (<c>X-RateLimit-Reset</c> in ISO 8601), and a 429 "Too many requests" past a limit.
    /// </summary>
    private IResult? Throttle(HttpContext context, FakeMastodonAccount account, FakeMastodonEndpoint endpoint)
    {
        var checks = new List<(string Name, int Limit, TimeSpan Period)> { ("api", RequestsPer5Minutes, TimeSpan.FromMinutes(5)) };
        if (endpoint == FakeMastodonEndpoint.UploadMedia)
        {
            checks.Add(("media", MediaPer30Minutes, TimeSpan.FromMinutes(30)));
        }
        else if (endpoint == FakeMastodonEndpoint.DeleteStatus)
        {
            checks.Add(("delete", DeletesPer30Minutes, TimeSpan.FromMinutes(30)));
        }

        var now = Now.ToUnixTimeSeconds();
        (int Limit, int Remaining, DateTimeOffset Reset)? closest = null;
        var exceeded = false;
        lock (_lock)
        {
            foreach (var (name, limit, period) in checks)
            {
                var seconds = (long)period.TotalSeconds;
                var window = now / seconds;
                var key = $"{name}:{account.Id}";
                var count = _rateWindows.TryGetValue(key, out var entry) && entry.Window == window ? entry.Count + 1 : 1;
                _rateWindows[key] = (count, window);
                var remaining = Math.Max(0, limit - count);
                var reset = DateTimeOffset.FromUnixTimeSeconds((window + 1) * seconds);
                exceeded |= count > limit;
                if (closest is null || remaining < closest.Value.Remaining)
                {
                    closest = (limit, remaining, reset);
                }
            }
        }

        var headers = context.Response.Headers;
        headers["X-RateLimit-Limit"] = closest!.Value.Limit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = closest.Value.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = closest.Value.Reset.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        return exceeded ? Error(429, "Too many requests") : null;
    }
}
