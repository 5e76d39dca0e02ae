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

        return await SendAsync(auth, HttpMethod.Post, "2/tweets", () => JsonContent(body), ambiguousOnTimeout: true, json =>
        {
            var data = json["data"];
            return new XPostCreated(data!["id"]!.GetValue<string>(), data["text"]?.GetValue<string>() ?? request.Text ?? "");
        }, cancellationToken);
    }

    public async Task<XOutcome<bool>> DeletePostAsync(XAuth auth, string postId, CancellationToken cancellationToken)
    {
        var outcome = await SendAsync(auth, HttpMethod.Delete, $"2/tweets/{Uri.EscapeDataString(postId)}", null, ambiguousOnTimeout: true,
            json => json["data"]?["deleted"]?.GetValue<bool>() ?? true, cancellationToken);
        // A post X no longer has is deleted as far as we are concerned.
        return outcome is XOutcome<bool>.Rejected(404, _) ? new XOutcome<bool>.Success(true) : outcome;
    }

    public Task<XOutcome<XUser>> GetMeAsync(XAuth auth, CancellationToken cancellationToken) =>
        SendAsync(auth, HttpMethod.Get, "2/users/me", null, ambiguousOnTimeout: false, json =>
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
            form.Add(new StringContent("tweet_image"), "media_category");
            form.Add(new StringContent(contentType), "media_type");
            return form;
        }, ambiguousOnTimeout: false, json =>
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
        }), ambiguousOnTimeout: false, _ => true, cancellationToken);

    public Task<XOutcome<IReadOnlyList<XPostSummary>>> GetRecentPostsAsync(XAuth auth, string userId, DateTime sinceUtc, CancellationToken cancellationToken)
    {
        var start = sinceUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return SendAsync<IReadOnlyList<XPostSummary>>(auth, HttpMethod.Get,
            $"2/users/{Uri.EscapeDataString(userId)}/tweets?max_results=100&start_time={Uri.EscapeDataString(start)}&tweet.fields=created_at", null, ambiguousOnTimeout: false,
            json => (json["data"] as JsonArray ?? []).Select(p => new XPostSummary(
                p!["id"]!.GetValue<string>(),
                p["text"]?.GetValue<string>() ?? "",
                p["created_at"] is { } created ? DateTime.Parse(created.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal) : null)).ToList(),
            cancellationToken);
    }

    public Task<XOutcome<IReadOnlyList<XPostMetrics>>> GetPublicMetricsAsync(XAuth auth, IReadOnlyList<string> postIds, CancellationToken cancellationToken)
    {
        if (postIds.Count is 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(postIds), "Between 1 and 100 post ids per call.");
        }

        return SendAsync<IReadOnlyList<XPostMetrics>>(auth, HttpMethod.Get, $"2/tweets?ids={string.Join(",", postIds.Select(Uri.EscapeDataString))}&tweet.fields=public_metrics", null, ambiguousOnTimeout: false,
            json => (json["data"] as JsonArray ?? []).Select(p =>
            {
                var m = p!["public_metrics"];
                return new XPostMetrics(p["id"]!.GetValue<string>(),
                    m?["impression_count"]?.GetValue<long>() ?? 0, m?["like_count"]?.GetValue<long>() ?? 0,
                    m?["retweet_count"]?.GetValue<long>() ?? 0, m?["reply_count"]?.GetValue<long>() ?? 0, m?["quote_count"]?.GetValue<long>() ?? 0);
            }).ToList(), cancellationToken);
    }

    private static StringContent JsonContent(JsonNode body) => new(body.ToJsonString(Json), System.Text.Encoding.UTF8, "application/json");

    private async Task<XOutcome<T>> SendAsync<T>(
        XAuth auth,
        HttpMethod method,
        string relativeUrl,
        Func<HttpContent>? content,
        bool ambiguousOnTimeout,
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
            return new XOutcome<T>.TransientFailure("pas de réponse de X dans le délai", Ambiguous: ambiguousOnTimeout);
        }
        catch (HttpRequestException ex)
        {
            // Refused before anything was sent: certainly not acted upon. Anything else may have reached X.
            var sent = ex.HttpRequestError is not (HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError);
            logger.LogWarning("X {Method} {Path}: {Error}", method, PathOf(relativeUrl), ex.HttpRequestError);
            return new XOutcome<T>.TransientFailure($"connexion à X impossible ({ex.HttpRequestError})", Ambiguous: sent && ambiguousOnTimeout);
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
                    return new XOutcome<T>.TransientFailure("réponse de X illisible", Ambiguous: ambiguousOnTimeout);
                }
            }

            var detail = ProblemDetail(text) ?? response.ReasonPhrase ?? status.ToString(CultureInfo.InvariantCulture);
            return response.StatusCode switch
            {
                HttpStatusCode.TooManyRequests => new XOutcome<T>.RateLimited(RateLimitReset(response), detail),
                HttpStatusCode.Unauthorized => new XOutcome<T>.Unauthorized(detail),
                HttpStatusCode.Forbidden when detail.Contains("duplicate", StringComparison.OrdinalIgnoreCase) => new XOutcome<T>.Duplicate(detail),
                >= HttpStatusCode.InternalServerError => new XOutcome<T>.TransientFailure($"erreur {status} de X", Ambiguous: ambiguousOnTimeout && status is 500 or 502 or 504),
                _ => new XOutcome<T>.Rejected(status, detail),
            };
        }
    }

    private DateTime RateLimitReset(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("x-rate-limit-reset", out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch))
        {
            return DateTimeOffset.FromUnixTimeSeconds(epoch).UtcDateTime;
        }

        return timeProvider.GetUtcNow().UtcDateTime.AddMinutes(15);
    }

    /// <summary>X's <c>detail</c> (problem+json), or the legacy <c>errors[0].message</c>.</summary>
    private static string? ProblemDetail(string text)
    {
        try
        {
            var json = JsonNode.Parse(text);
            return json?["detail"]?.GetValue<string>()
                ?? json?["title"]?.GetValue<string>()
                ?? (json?["errors"] as JsonArray)?.FirstOrDefault()?["message"]?.GetValue<string>();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string PathOf(string relativeUrl) => relativeUrl.Split('?')[0];
}
