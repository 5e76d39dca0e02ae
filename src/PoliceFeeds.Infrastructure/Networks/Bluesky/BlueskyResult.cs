using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace PoliceFeeds.Infrastructure.Networks.Bluesky;

/// <summary>What a call to a PDS came to: its value, or a classified failure.</summary>
public abstract record BlueskyResult<T>
{
    private BlueskyResult()
    {
    }

    public sealed record Ok(T Value) : BlueskyResult<T>;

    public sealed record Failed(BlueskyFailure Failure) : BlueskyResult<T>;
}

public enum BlueskyFailureKind
{
    /// <summary>The request certainly did not reach the PDS (refused connection, unknown host, TLS failure).</summary>
    Unsent,

    /// <summary>Sent, and no answer proves what the PDS did: a time-out, a connection dropped after sending, a 5xx.</summary>
    MaybeActed,

    /// <summary>429, until <see cref="BlueskyFailure.RetryAtUtc"/>.</summary>
    RateLimited,

    /// <summary>The access or refresh token was refused (<c>ExpiredToken</c>, <c>InvalidToken</c>, 401).</summary>
    TokenRejected,

    /// <summary><c>createSession</c> refused the identifier and app password (401 <c>AuthenticationRequired</c>).</summary>
    AuthenticationRefused,

    /// <summary>400 <c>RecordNotFound</c>.</summary>
    NotFound,

    /// <summary>Any other 4xx: the PDS refused the request and did nothing.</summary>
    Refused,
}

/// <param name="StatusCode">The HTTP status, 0 without an answer.</param>
/// <param name="Error">The XRPC error name (<c>InvalidRequest</c>, <c>ExpiredToken</c>...).</param>
/// <param name="Detail">The PDS's own words, or what happened on the wire.</param>
public sealed record BlueskyFailure(BlueskyFailureKind Kind, int StatusCode, string? Error, string Detail, DateTime? RetryAtUtc = null)
{
    /// <summary>Classifies an XRPC error answer (status, <c>{"error","message"}</c> body, rate-limit headers).</summary>
    public static BlueskyFailure FromAnswer(HttpStatusCode status, string body, Func<string, string?> header, DateTime nowUtc)
    {
        var (error, message) = ReadError(body);
        var code = (int)status;
        var detail = error is null ? $"HTTP {code}" : message is null ? error : $"{error}: {message}";
        return status switch
        {
            HttpStatusCode.TooManyRequests => new(BlueskyFailureKind.RateLimited, code, error, detail, RateLimitReset(header, nowUtc)),
            >= HttpStatusCode.InternalServerError => new(BlueskyFailureKind.MaybeActed, code, error, detail),
            _ when error is "ExpiredToken" or "InvalidToken" => new(BlueskyFailureKind.TokenRejected, code, error, detail),
            HttpStatusCode.Unauthorized => new(BlueskyFailureKind.TokenRejected, code, error, detail),
            _ when error is "RecordNotFound" => new(BlueskyFailureKind.NotFound, code, error, detail),
            _ => new(BlueskyFailureKind.Refused, code, error, detail),
        };
    }

    /// <summary>
    /// The end of the limit: <c>ratelimit-reset</c> (Unix seconds, what the PDS sends), else <c>Retry-After</c>
    /// (seconds), else a minute.
    /// </summary>
    private static DateTime RateLimitReset(Func<string, string?> header, DateTime nowUtc)
    {
        if (long.TryParse(header("ratelimit-reset"), NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
        {
            var reset = DateTimeOffset.FromUnixTimeSeconds(epoch).UtcDateTime;
            return reset > nowUtc ? reset : nowUtc.AddSeconds(1);
        }

        return int.TryParse(header("retry-after"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? nowUtc.AddSeconds(seconds)
            : nowUtc.AddMinutes(1);
    }

    private static (string? Error, string? Message) ReadError(string body)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject o
                ? (o["error"]?.GetValue<string>(), o["message"]?.GetValue<string>())
                : (null, null);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return (null, null);
        }
    }
}
