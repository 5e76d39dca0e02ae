using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace PoliceFeeds.Infrastructure.Networks.Bluesky;

/// <summary>A record as the PDS returns it.</summary>
public sealed record BlueskyRecord(string Uri, string Cid, JsonObject Value);

/// <summary>A post's public counts as the AppView gives them.</summary>
public sealed record BlueskyPostCounts(string Uri, long Likes, long Reposts, long Replies, long Quotes);

/// <summary>One page of <c>listRecords</c> (newest record keys first) and the cursor to the next, if any.</summary>
public sealed record BlueskyRecordPage(IReadOnlyList<BlueskyRecord> Records, string? Cursor);

/// <summary>
/// The few XRPC calls of an AT Protocol PDS that publishing needs, over a typed <see cref="HttpClient"/> (no base
/// address: each account names its PDS). Failures are classified, never thrown (<see cref="BlueskyFailure"/>).
/// </summary>
public sealed class BlueskyClient(HttpClient http, TimeProvider timeProvider, ILogger<BlueskyClient> logger)
{
    public const string PostCollection = "app.bsky.feed.post";

    public Task<BlueskyResult<BlueskySession>> CreateSessionAsync(string server, string identifier, string appPassword, CancellationToken cancellationToken) =>
        SendAsync(
            server,
            HttpMethod.Post,
            "com.atproto.server.createSession",
            null,
            () => JsonContent.Create(new JsonObject { ["identifier"] = identifier, ["password"] = appPassword }),
            ReadSession,
            cancellationToken,
            refusalIsAuthentication: true);

    public Task<BlueskyResult<BlueskySession>> RefreshSessionAsync(string server, string refreshJwt, CancellationToken cancellationToken) =>
        SendAsync(server, HttpMethod.Post, "com.atproto.server.refreshSession", refreshJwt, null, ReadSession, cancellationToken);

    public Task<BlueskyResult<string>> GetSessionAsync(string server, string accessJwt, CancellationToken cancellationToken) =>
        SendAsync(server, HttpMethod.Get, "com.atproto.server.getSession", accessJwt, null, o => o["did"]!.GetValue<string>(), cancellationToken);

    /// <summary>Uploads an image; the answer's <c>blob</c> object goes as is into the record.</summary>
    public Task<BlueskyResult<JsonObject>> UploadBlobAsync(string server, string accessJwt, byte[] content, string contentType, CancellationToken cancellationToken) =>
        SendAsync(
            server,
            HttpMethod.Post,
            "com.atproto.repo.uploadBlob",
            accessJwt,
            () =>
            {
                var body = new ByteArrayContent(content);
                body.Headers.ContentType = new MediaTypeHeaderValue(contentType);
                return body;
            },
            o => (JsonObject)o["blob"]!.DeepClone(),
            cancellationToken);

    /// <summary>Creates a record at the key chosen by the caller, validated against its lexicon by the PDS.</summary>
    public Task<BlueskyResult<(string Uri, string Cid)>> CreateRecordAsync(string server, string accessJwt, string did, string rkey, JsonObject record, CancellationToken cancellationToken) =>
        SendAsync(
            server,
            HttpMethod.Post,
            "com.atproto.repo.createRecord",
            accessJwt,
            () => JsonContent.Create(new JsonObject
            {
                ["repo"] = did,
                ["collection"] = PostCollection,
                ["rkey"] = rkey,
                ["validate"] = true,
                ["record"] = record,
            }),
            o => (o["uri"]!.GetValue<string>(), o["cid"]!.GetValue<string>()),
            cancellationToken);

    public Task<BlueskyResult<BlueskyRecord>> GetRecordAsync(string server, string did, string rkey, CancellationToken cancellationToken) =>
        SendAsync(
            server,
            HttpMethod.Get,
            $"com.atproto.repo.getRecord?repo={Uri.EscapeDataString(did)}&collection={PostCollection}&rkey={Uri.EscapeDataString(rkey)}",
            null,
            null,
            ReadRecord,
            cancellationToken);

    /// <summary>Deletes a record; the PDS answers 200 for a record it no longer has.</summary>
    public Task<BlueskyResult<bool>> DeleteRecordAsync(string server, string accessJwt, string did, string rkey, CancellationToken cancellationToken) =>
        SendAsync(
            server,
            HttpMethod.Post,
            "com.atproto.repo.deleteRecord",
            accessJwt,
            () => JsonContent.Create(new JsonObject { ["repo"] = did, ["collection"] = PostCollection, ["rkey"] = rkey }),
            _ => true,
            cancellationToken);

    public Task<BlueskyResult<BlueskyRecordPage>> ListRecordsAsync(string server, string did, int limit, string? cursor, CancellationToken cancellationToken) =>
        SendAsync(
            server,
            HttpMethod.Get,
            string.Create(CultureInfo.InvariantCulture, $"com.atproto.repo.listRecords?repo={Uri.EscapeDataString(did)}&collection={PostCollection}&limit={limit}")
                + (cursor is null ? string.Empty : $"&cursor={Uri.EscapeDataString(cursor)}"),
            null,
            null,
            o => new BlueskyRecordPage(o["records"]!.AsArray().Select(r => ReadRecord(r!.AsObject())).ToList(), o["cursor"]?.GetValue<string>()),
            cancellationToken);

    /// <summary>
    /// The public counts of posts by their AT URIs (<c>app.bsky.feed.getPosts</c>, at most <see cref="MaxPostsPerRead"/>),
    /// which the PDS answers through its AppView (a PDS without one refuses the call). Posts it no longer has are left out.
    /// </summary>
    public Task<BlueskyResult<IReadOnlyList<BlueskyPostCounts>>> GetPostCountsAsync(string server, string accessJwt, IReadOnlyList<string> uris, CancellationToken cancellationToken) =>
        SendAsync(
            server,
            HttpMethod.Get,
            "app.bsky.feed.getPosts?" + string.Join('&', uris.Select(u => "uris=" + Uri.EscapeDataString(u))),
            accessJwt,
            null,
            o => (IReadOnlyList<BlueskyPostCounts>)o["posts"]!.AsArray().Select(p => new BlueskyPostCounts(
                p!["uri"]!.GetValue<string>(), Count(p["likeCount"]), Count(p["repostCount"]), Count(p["replyCount"]), Count(p["quoteCount"]))).ToList(),
            cancellationToken);

    public const int MaxPostsPerRead = 25;

    private static long Count(JsonNode? node) => node is JsonValue value && value.TryGetValue<long>(out var count) ? count : 0;

    private static BlueskySession ReadSession(JsonObject o) => new(
        o["did"]!.GetValue<string>(),
        o["handle"]!.GetValue<string>(),
        o["accessJwt"]!.GetValue<string>(),
        o["refreshJwt"]!.GetValue<string>());

    private static BlueskyRecord ReadRecord(JsonObject o) =>
        new(o["uri"]!.GetValue<string>(), o["cid"]?.GetValue<string>() ?? string.Empty, (JsonObject)o["value"]!.DeepClone());

    private async Task<BlueskyResult<T>> SendAsync<T>(
        string server,
        HttpMethod method,
        string pathAndQuery,
        string? bearer,
        Func<HttpContent>? content,
        Func<JsonObject, T> read,
        CancellationToken cancellationToken,
        bool refusalIsAuthentication = false)
    {
        var nsid = pathAndQuery.Split('?')[0];
        using var request = new HttpRequestMessage(method, new Uri($"{server.TrimEnd('/')}/xrpc/{pathAndQuery}"));
        request.Content = content?.Invoke();
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Bluesky {Nsid}: no answer in time", nsid);
            return Failed<T>(BlueskyFailureKind.MaybeActed, 0, "pas de réponse du PDS dans le délai");
        }
        catch (HttpRequestException ex)
        {
            // Refused before anything was sent: certainly not acted upon. Anything else may have reached the PDS.
            var unsent = ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError;
            logger.LogWarning("Bluesky {Nsid}: {Error}", nsid, ex.HttpRequestError);
            return Failed<T>(unsent ? BlueskyFailureKind.Unsent : BlueskyFailureKind.MaybeActed, 0, $"connexion au PDS interrompue ({ex.HttpRequestError})");
        }

        using (response)
        {
            string body;
            try
            {
                body = await response.Content.ReadAsStringAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                return Failed<T>(BlueskyFailureKind.MaybeActed, (int)response.StatusCode, "réponse du PDS interrompue");
            }

            logger.LogInformation("Bluesky {Nsid} answered {Status}", nsid, (int)response.StatusCode);
            if (response.IsSuccessStatusCode)
            {
                try
                {
                    return new BlueskyResult<T>.Ok(read(JsonNode.Parse(body.Length == 0 ? "{}" : body) as JsonObject ?? []));
                }
                catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or NullReferenceException or FormatException)
                {
                    return Failed<T>(BlueskyFailureKind.MaybeActed, (int)response.StatusCode, "réponse du PDS illisible");
                }
            }

            var failure = BlueskyFailure.FromAnswer(
                response.StatusCode,
                body,
                name => response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null,
                timeProvider.GetUtcNow().UtcDateTime);
            if (refusalIsAuthentication && failure.Kind == BlueskyFailureKind.TokenRejected)
            {
                failure = failure with { Kind = BlueskyFailureKind.AuthenticationRefused };
            }

            return new BlueskyResult<T>.Failed(failure);
        }
    }

    private static BlueskyResult<T> Failed<T>(BlueskyFailureKind kind, int status, string detail) =>
        new BlueskyResult<T>.Failed(new BlueskyFailure(kind, status, null, detail));
}
