using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace PoliceFeeds.Infrastructure.XApi;

/// <summary>
/// The typed X API v2 client. Every answer becomes an <see cref="XOutcome{T}"/>; nothing throws for an HTTP error.
/// Tokens are never logged.
/// </summary>
public sealed class XApiClient(HttpClient http, TimeProvider timeProvider, ILogger<XApiClient> logger) : IXApiClient
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<XOutcome<XPostCreated>> CreatePostAsync(XAuth auth, XCreatePostRequest request, CancellationToken cancellationToken)
    {
        var body = new JsonObject();
        if (request.Text is not null)
        {
            body["text"] = request.Text;
        }

        if (request.MediaIds is { Count: > 0 } mediaIds)
        {
            body["media"] = new JsonObject { ["media_ids"] = new JsonArray(mediaIds.Select(id => (JsonNode)JsonValue.Create(id)!).ToArray()) };
        }

        if (request.InReplyToPostId is not null)
        {
            body["reply"] = new JsonObject { ["in_reply_to_tweet_id"] = request.InReplyToPostId };
        }

        if (request.QuotePostId is not null)
        {
            body["quote_tweet_id"] = request.QuotePostId;
        }

        return await SendAsync(auth, HttpMethod.Post, "2/tweets", () => JsonContent(body), mayHaveActed: true, json =>
        {
            var data = json["data"];
            return new XPostCreated(data!["id"]!.GetValue<string>(), data["text"]?.GetValue<string>() ?? request.Text ?? "");
        }, cancellationToken);
    }

    public async Task<XOutcome<bool>> DeletePostAsync(XAuth auth, string postId, CancellationToken cancellationToken)
    {
        var outcome = await SendAsync(auth, HttpMethod.Delete, $"2/tweets/{Uri.EscapeDataString(postId)}", null, mayHaveActed: true,
            json => json["data"]?["deleted"]?.GetValue<bool>() ?? true, cancellationToken);
        // A post X no longer has is deleted as far as we are concerned.
        return outcome is XOutcome<bool>.Rejected(404, _) ? new XOutcome<bool>.Success(true) : outcome;
    }

    public Task<XOutcome<XUser>> GetMeAsync(XAuth auth, CancellationToken cancellationToken) =>
        SendAsync(auth, HttpMethod.Get, "2/users/me", null, mayHaveActed: false, json =>
        {
            var data = json["data"]!;
            return new XUser(data["id"]!.GetValue<string>(), data["name"]?.GetValue<string>() ?? "", data["username"]!.GetValue<string>());
        }, cancellationToken);

    public Task<XOutcome<XMediaUploaded>> UploadImageAsync(XAuth auth, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken) =>
        SendAsync(auth, HttpMethod.Post, "2/media/upload", () =>
        {
            var form = new MultipartFormDataContent();
            var media = new ReadOnlyMemoryContent(content);
            media.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            form.Add(media, "media", "photo");
            // The 2.167 schema of POST /2/media/upload (MediaUploadRequest) allows media, media_category and
            // additional_owners only (additionalProperties: false): the type travels as the part's Content-Type.
            form.Add(new StringContent("tweet_image"), "media_category");
            return form;
        }, mayHaveActed: false, json =>
        {
            var data = json["data"]!;
            var expires = data["expires_after_secs"]?.GetValue<long>();
            return new XMediaUploaded(data["id"]!.GetValue<string>(), expires is { } seconds ? timeProvider.GetUtcNow().UtcDateTime.AddSeconds(seconds) : null);
        }, cancellationToken);

    public Task<XOutcome<bool>> SetAltTextAsync(XAuth auth, string mediaId, string altText, CancellationToken cancellationToken) =>
        SendAsync(auth, HttpMethod.Post, "2/media/metadata", () => JsonContent(new JsonObject
        {
            ["id"] = mediaId,
            ["metadata"] = new JsonObject { ["alt_text"] = new JsonObject { ["text"] = altText } },
        }), mayHaveActed: false, _ => true, cancellationToken);

    public async Task<XOutcome<XRecentPosts>> GetRecentPostsAsync(XAuth auth, string userId, DateTime sinceUtc, CancellationToken cancellationToken, int maxPages = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPages, 1);
        var start = sinceUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var posts = new List<XPostSummary>();
        string? next = null;
        for (var page = 0; page < maxPages; page++)
        {
            // max_results 5 to 100, start_time RFC 3339, pagination_token from meta.next_token (X API v2 2.167).
            var url = $"2/users/{Uri.EscapeDataString(userId)}/tweets?max_results=100&start_time={Uri.EscapeDataString(start)}&{RecentPostsFields}"
                + (next is null ? "" : $"&pagination_token={Uri.EscapeDataString(next)}");
            var outcome = await SendAsync(auth, HttpMethod.Get, url, null, mayHaveActed: false,
                json => (Posts: (json["data"] as JsonArray ?? []).Select(p => ReadPostSummary(p!)).ToList(), Next: json["meta"]?["next_token"]?.GetValue<string>()),
                cancellationToken);
            if (outcome is not XOutcome<(List<XPostSummary> Posts, string? Next)>.Success(var (pagePosts, nextToken)))
            {
                return Convert<(List<XPostSummary>, string?), XRecentPosts>(outcome);
            }

            posts.AddRange(pagePosts);
            if (nextToken is null)
            {
                return new XOutcome<XRecentPosts>.Success(new XRecentPosts(posts, Complete: true));
            }

            next = nextToken;
        }

        // Stopped by the page limit with pages left: older posts were not read.
        return new XOutcome<XRecentPosts>.Success(new XRecentPosts(posts, Complete: false));
    }

    /// <summary>The fields reconciliation needs: when, and what X did to the text (URL entities, media link, media keys).</summary>
    internal const string RecentPostsFields = "tweet.fields=created_at,entities,attachments";

    private static XPostSummary ReadPostSummary(JsonNode p) => new(
        p["id"]!.GetValue<string>(),
        p["text"]?.GetValue<string>() ?? "",
        p["created_at"] is { } created ? DateTime.Parse(created.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal) : null,
        (p["entities"]?["urls"] as JsonArray ?? []).Select(u => new XUrlEntity(
            u!["start"]?.GetValue<int>() ?? 0,
            u["end"]?.GetValue<int>() ?? 0,
            u["url"]?.GetValue<string>() ?? "",
            u["expanded_url"]?.GetValue<string>(),
            u["display_url"]?.GetValue<string>(),
            u["media_key"]?.GetValue<string>())).ToList(),
        (p["attachments"]?["media_keys"] as JsonArray ?? []).Select(k => k!.GetValue<string>()).ToList());

    /// <summary>A failed outcome carried over to another value type (a success cannot be).</summary>
    private static XOutcome<TOut> Convert<TIn, TOut>(XOutcome<TIn> outcome) => outcome switch
    {
        XOutcome<TIn>.TransientFailure(var d, var a) => new XOutcome<TOut>.TransientFailure(d, a),
        XOutcome<TIn>.RateLimited(var until, var d) => new XOutcome<TOut>.RateLimited(until, d),
        XOutcome<TIn>.Unauthorized(var d) => new XOutcome<TOut>.Unauthorized(d),
        XOutcome<TIn>.Duplicate(var d) => new XOutcome<TOut>.Duplicate(d),
        XOutcome<TIn>.ReplyRefused(var d) => new XOutcome<TOut>.ReplyRefused(d),
        XOutcome<TIn>.Rejected(var s, var d) => new XOutcome<TOut>.Rejected(s, d),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };

    public Task<XOutcome<IReadOnlyList<XPostMetrics>>> GetPublicMetricsAsync(XAuth auth, IReadOnlyList<string> postIds, CancellationToken cancellationToken)
    {
        if (postIds.Count is 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(postIds), "Between 1 and 100 post ids per call.");
        }

        return SendAsync<IReadOnlyList<XPostMetrics>>(auth, HttpMethod.Get, $"2/tweets?ids={string.Join(",", postIds.Select(Uri.EscapeDataString))}&tweet.fields=public_metrics", null, mayHaveActed: false,
            json => (json["data"] as JsonArray ?? []).Select(p =>
            {
                var m = p!["public_metrics"];
                return new XPostMetrics(p["id"]!.GetValue<string>(),
                    m?["impression_count"]?.GetValue<long>() ?? 0, m?["like_count"]?.GetValue<long>() ?? 0,
                    m?["retweet_count"]?.GetValue<long>() ?? 0, m?["reply_count"]?.GetValue<long>() ?? 0, m?["quote_count"]?.GetValue<long>() ?? 0);
            }).ToList(), cancellationToken);
    }

    private static StringContent JsonContent(JsonNode body) => new(body.ToJsonString(Json), System.Text.Encoding.UTF8, "application/json");

    /// <param name="mayHaveActed">
    /// The request acts on X (create, delete): once sent, a timeout, a connection lost, any 5xx or an answer that cannot be
    /// read leaves it ambiguous (X may have acted on it). Reads are never ambiguous.
    /// </param>
    private async Task<XOutcome<T>> SendAsync<T>(
        XAuth auth,
        HttpMethod method,
        string relativeUrl,
        Func<HttpContent>? content,
        bool mayHaveActed,
        Func<JsonNode, T> read,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, relativeUrl);
        request.Content = content?.Invoke();
        var absolute = new Uri(http.BaseAddress!, relativeUrl);
        request.Headers.Authorization = auth switch
        {
            XAuth.Bearer bearer => new AuthenticationHeaderValue("Bearer", bearer.AccessToken),
            XAuth.OAuth1 o => AuthenticationHeaderValue.Parse(OAuth1Signer.AuthorizationHeader(method.Method, absolute, [], o.ConsumerKey, o.ConsumerSecret, o.AccessToken, o.AccessTokenSecret, OAuth1Signer.NewNonce(), timeProvider.GetUtcNow().ToUnixTimeSeconds())),
            _ => throw new ArgumentOutOfRangeException(nameof(auth)),
        };

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (BrokenCircuitException)
        {
            logger.LogWarning("X {Method} {Path}: circuit open, request not sent", method, PathOf(relativeUrl));
            return new XOutcome<T>.TransientFailure("trop d'erreurs récentes de X : appels suspendus un moment", Ambiguous: false);
        }
        catch (Exception ex) when (ex is TimeoutRejectedException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("X {Method} {Path}: no answer in time", method, PathOf(relativeUrl));
            return new XOutcome<T>.TransientFailure("pas de réponse de X dans le délai", Ambiguous: mayHaveActed);
        }
        catch (HttpRequestException ex)
        {
            // Refused before anything was sent: certainly not acted upon. Anything else may have reached X.
            var sent = ex.HttpRequestError is not (HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError);
            logger.LogWarning("X {Method} {Path}: {Error}", method, PathOf(relativeUrl), ex.HttpRequestError);
            return new XOutcome<T>.TransientFailure($"connexion à X impossible ({ex.HttpRequestError})", Ambiguous: sent && mayHaveActed);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = (int)response.StatusCode;
            logger.LogInformation("X {Method} {Path} answered {Status}", method, PathOf(relativeUrl), status);
            if (response.IsSuccessStatusCode)
            {
                try
                {
                    return new XOutcome<T>.Success(read(JsonNode.Parse(text.Length == 0 ? "{}" : text) ?? new JsonObject()));
                }
                catch (Exception ex) when (ex is JsonException or InvalidOperationException or NullReferenceException or FormatException)
                {
                    return new XOutcome<T>.TransientFailure("réponse de X illisible", Ambiguous: mayHaveActed);
                }
            }

            var detail = XProblem.Reason(text) ?? response.ReasonPhrase ?? status.ToString(CultureInfo.InvariantCulture);
            return response.StatusCode switch
            {
                HttpStatusCode.TooManyRequests => new XOutcome<T>.RateLimited(RateLimitReset(response), detail),
                HttpStatusCode.Unauthorized => new XOutcome<T>.Unauthorized(detail),
                HttpStatusCode.Forbidden when XProblem.Mentions(text, detail, XProblem.DuplicateMarker) => new XOutcome<T>.Duplicate(detail),
                HttpStatusCode.Forbidden when XProblem.Mentions(text, detail, XProblem.ReplyRuleMarker) => new XOutcome<T>.ReplyRefused(detail),
                // Any 5xx of a request that acts (create, delete) proves nothing: X may have created the post before failing
                // to answer (503, 501, 505 as much as 500). Only a refusal (4xx), a 401 or a 429 says nothing was done.
                >= HttpStatusCode.InternalServerError => new XOutcome<T>.TransientFailure($"erreur {status} de X", Ambiguous: mayHaveActed),
                _ => new XOutcome<T>.Rejected(status, detail),
            };
        }
    }

    /// <summary>
    /// When the 429 ends: the latest reset among the exhausted windows, the endpoint's 15-minute one
    /// (<c>x-rate-limit-*</c>) and the 24-hour ones per user and per app (<c>x-user-limit-24hour-*</c>,
    /// <c>x-app-limit-24hour-*</c>), since waiting out the 15-minute window is useless when a day's quota is spent.
    /// </summary>
    private DateTime RateLimitReset(HttpResponseMessage response)
    {
        DateTime? until = null;
        foreach (var prefix in new[] { "x-rate-limit", "x-user-limit-24hour", "x-app-limit-24hour" })
        {
            if (Header(response, $"{prefix}-reset") is not { } epoch)
            {
                continue;
            }

            // The endpoint's window counts even without "remaining"; a 24-hour window only when it is spent.
            if (prefix != "x-rate-limit" && Header(response, $"{prefix}-remaining") is not 0)
            {
                continue;
            }

            var reset = DateTimeOffset.FromUnixTimeSeconds(epoch).UtcDateTime;
            until = until is { } current && current > reset ? current : reset;
        }

        return until ?? timeProvider.GetUtcNow().UtcDateTime.AddMinutes(15);
    }

    private static long? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string PathOf(string relativeUrl) => relativeUrl.Split('?')[0];
}
