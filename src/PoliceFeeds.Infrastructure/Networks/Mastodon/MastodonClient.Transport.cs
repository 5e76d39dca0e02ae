using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Polly.Timeout;

namespace PoliceFeeds.Infrastructure.Networks.Mastodon;

/// <summary>One request to an instance and its answer mapped (<see cref="MastodonAnswers"/>).</summary>
public sealed partial class MastodonClient
{
    private async Task<MastodonCall<T>> SendAsync<T>(
        Uri instance,
        MastodonAuth? auth,
        HttpMethod method,
        string relativeUrl,
        Func<HttpContent>? content,
        MastodonEffect effect,
        string? idempotencyKey,
        Func<JsonNode, HttpResponseMessage, T> read,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(instance, relativeUrl));
        request.Content = content?.Invoke();
        if (auth is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", auth.AccessToken);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        var path = PathOf(relativeUrl);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutRejectedException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Mastodon {Method} {Path} on {Instance}: no answer in time", method, path, instance.Host);
            return MastodonCall<T>.Failed(MastodonAnswers.FromTransport(null, timedOut: true, effect));
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning("Mastodon {Method} {Path} on {Instance}: {Error}", method, path, instance.Host, ex.HttpRequestError);
            return MastodonCall<T>.Failed(MastodonAnswers.FromTransport(ex.HttpRequestError, timedOut: false, effect));
        }

        using (response)
        {
            string text;
            try
            {
                text = await response.Content.ReadAsStringAsync(cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                // The connection dropped while the body came: the request was carried out, its answer is lost.
                return MastodonCall<T>.Failed(MastodonAnswers.FromTransport(ex.HttpRequestError, timedOut: false, effect));
            }

            logger.LogInformation("Mastodon {Method} {Path} on {Instance} answered {Status}", method, path, instance.Host, (int)response.StatusCode);
            if (!response.IsSuccessStatusCode)
            {
                var reset = response.Headers.TryGetValues("X-RateLimit-Reset", out var values) ? MastodonAnswers.ParseReset(values.FirstOrDefault()) : null;
                return MastodonCall<T>.Failed(MastodonAnswers.FromError(response.StatusCode, text, reset, Now, effect));
            }

            try
            {
                return MastodonCall<T>.Ok(read(JsonNode.Parse(text.Length == 0 ? "{}" : text) ?? new JsonObject(), response));
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or NullReferenceException or FormatException)
            {
                return MastodonCall<T>.Failed(MastodonAnswers.Unreadable(effect));
            }
        }
    }

    private static string PathOf(string relativeUrl) => relativeUrl.Split('?')[0];
}
