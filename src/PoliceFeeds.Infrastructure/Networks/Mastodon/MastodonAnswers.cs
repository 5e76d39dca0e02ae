using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PoliceFeeds.Core.Publishing;

namespace PoliceFeeds.Infrastructure.Networks.Mastodon;

/// <summary>What a request could do to the account, which decides how an unclear answer reads.</summary>
public enum MastodonEffect
{
    /// <summary>A read, or a request whose failure cannot post anything (a media upload, a token exchange): never ambiguous.</summary>
    None = 0,

    /// <summary>A status create or delete: an answer lost after sending may hide the change.</summary>
    Acts = 1,
}

/// <summary>
/// Mastodon's answers in the channel's terms, honestly: only an answer that proves nothing was created lets an attempt
/// go as not sent. Error bodies are <c>{"error": "..."}</c> (a validation's text for a 422).
/// </summary>
public static class MastodonAnswers
{
    /// <summary>Waited after a 429 whose <c>X-RateLimit-Reset</c> is missing or unreadable (the account window's length).</summary>
    public static readonly TimeSpan DefaultRateLimitWait = TimeSpan.FromMinutes(5);

    /// <summary>An HTTP error answer (not 2xx), by its status, body and headers.</summary>
    public static ChannelOutcome FromError(HttpStatusCode status, string body, DateTime? rateLimitReset, DateTime nowUtc, MastodonEffect effect)
    {
        var code = (int)status;
        var detail = ErrorText(body) ?? code.ToString(CultureInfo.InvariantCulture);
        return status switch
        {
            HttpStatusCode.TooManyRequests => new ChannelOutcome.RateLimited(rateLimitReset is { } reset && reset > nowUtc ? reset : nowUtc + DefaultRateLimitWait, detail),

            // Tokens do not expire: a 401 means revoked (or the app deleted): the account must be connected again.
            HttpStatusCode.Unauthorized => new ChannelOutcome.Unauthorized(detail),

            // A 5xx on a create or a delete proves nothing: Mastodon may have saved the status and failed after (a 503 from the
            // idempotency lock held by a request still running included).
            >= HttpStatusCode.InternalServerError when effect == MastodonEffect.Acts => new ChannelOutcome.Ambiguous($"erreur {code} de l'instance : {detail}"),
            >= HttpStatusCode.InternalServerError => new ChannelOutcome.NotSent($"erreur {code} de l'instance : {detail}"),
            _ => new ChannelOutcome.Rejected(code, detail),
        };
    }

    /// <summary>A request that never got an answer: not sent only if the connection was never made.</summary>
    public static ChannelOutcome FromTransport(HttpRequestError? error, bool timedOut, MastodonEffect effect)
    {
        var neverSent = error is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError;
        var detail = timedOut ? "pas de réponse de l'instance dans le délai" : $"connexion à l'instance perdue ({error})";
        return effect == MastodonEffect.Acts && !neverSent ? new ChannelOutcome.Ambiguous(detail) : new ChannelOutcome.NotSent(detail);
    }

    /// <summary>A 2xx the client cannot read: after a create, the status may exist.</summary>
    public static ChannelOutcome Unreadable(MastodonEffect effect) =>
        effect == MastodonEffect.Acts ? new ChannelOutcome.Ambiguous("réponse de l'instance illisible") : new ChannelOutcome.NotSent("réponse de l'instance illisible");

    /// <summary>Mastodon's <c>X-RateLimit-Reset</c>: an ISO 8601 instant (Rack::Attack's <c>iso8601(6)</c>).</summary>
    public static DateTime? ParseReset(string? header) =>
        header is not null && DateTimeOffset.TryParse(header, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var reset)
            ? reset.UtcDateTime
            : null;

    /// <summary>The <c>error</c> of Mastodon's error body (with <c>error_description</c> for OAuth errors), or null.</summary>
    public static string? ErrorText(string body)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject json && json["error"] is JsonValue error && error.TryGetValue<string>(out var text))
            {
                return json["error_description"] is JsonValue d && d.TryGetValue<string>(out var description) ? $"{text}: {description}" : text;
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page): no detail.
        }

        return null;
    }
}
