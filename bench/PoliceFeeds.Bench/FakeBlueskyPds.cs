using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace PoliceFeeds.Bench;

/// <summary>
/// An in-process PDS for the publisher benchmark, behind <c>BlueskyClient</c>'s HttpClient (its primary handler): each
/// request waits <see cref="Latency"/>, then is answered as a PDS answers the XRPC calls publishing makes
/// (<c>com.atproto.server.createSession</c>, <c>refreshSession</c>, <c>getSession</c>, <c>com.atproto.repo.getRecord</c>,
/// <c>createRecord</c> at the caller's record key, <c>deleteRecord</c>, <c>listRecords</c>; <c>applyWrites</c> for one create
/// too, although the client does not call it today). It checks the bearer token and keeps records per repository and key;
/// no lexicon validation (the integration tests run the real PDS for that).
/// </summary>
internal sealed class FakeBlueskyPds(TimeSpan latency)
{
    public const string Collection = "app.bsky.feed.post";

    /// <summary>The PDS's address as the accounts store it (never resolved: the handler answers in process).</summary>
    public const string Server = "https://pds.bench.invalid";

    private readonly ConcurrentDictionary<string, (string Did, string Handle)> _accessTokens = new();
    private readonly ConcurrentDictionary<string, (string Did, string Handle)> _refreshTokens = new();
    private readonly ConcurrentDictionary<string, (string Handle, string Password)> _accounts = new();
    private readonly ConcurrentDictionary<(string Did, string Rkey), FakeBlueskyRecord> _records = new();

    public TimeSpan Latency { get; set; } = latency;

    public IReadOnlyCollection<FakeBlueskyRecord> Records => _records.Values.ToList();

    public void AddAccount(string did, string handle, string appPassword) => _accounts[did] = (handle, appPassword);

    /// <summary>
    /// A session of the account, as the admin page's connection leaves one (it opens a session to check the app password
    /// and stores it): the publisher then posts at once, as in production, without a <c>createSession</c> first.
    /// </summary>
    public (string Did, string Handle, string AccessJwt, string RefreshJwt) OpenSession(string did)
    {
        var answer = JsonNode.Parse(Session(did, _accounts[did].Handle).Content.ReadAsStringAsync().GetAwaiter().GetResult())!;
        return (did, _accounts[did].Handle, answer["accessJwt"]!.GetValue<string>(), answer["refreshJwt"]!.GetValue<string>());
    }

    /// <summary>A new primary handler over this PDS's state (the HttpClient factory renews handlers; the state stays).</summary>
    public HttpMessageHandler CreateHandler() => new Handler(this);

    private async Task<HttpResponseMessage> AnswerAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await Task.Delay(Latency, cancellationToken);
        var nsid = request.RequestUri!.AbsolutePath.Replace("/xrpc/", string.Empty, StringComparison.Ordinal);
        var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri.Query);
        var body = request.Content is null ? null : JsonNode.Parse(await request.Content.ReadAsStringAsync(cancellationToken)) as JsonObject;
        if (nsid == "com.atproto.server.createSession")
        {
            var identifier = body?["identifier"]?.GetValue<string>() ?? string.Empty;
            var password = body?["password"]?.GetValue<string>();
            var did = _accounts.ContainsKey(identifier) ? identifier : _accounts.FirstOrDefault(a => a.Value.Handle == identifier).Key;
            return did is not null && _accounts[did].Password == password
                ? Session(did, _accounts[did].Handle)
                : Error(HttpStatusCode.Unauthorized, "AuthenticationRequired", "Invalid identifier or password");
        }

        if (nsid == "com.atproto.server.refreshSession")
        {
            return _refreshTokens.TryRemove(Bearer(request) ?? string.Empty, out var who)
                ? Session(who.Did, who.Handle)
                : Error(HttpStatusCode.BadRequest, "ExpiredToken", "Token has been revoked");
        }

        if (nsid is "com.atproto.repo.getRecord" or "com.atproto.repo.listRecords")
        {
            var repo = query["repo"] ?? string.Empty;
            if (nsid == "com.atproto.repo.getRecord")
            {
                return _records.TryGetValue((repo, query["rkey"] ?? string.Empty), out var found)
                    ? Json(HttpStatusCode.OK, View(found))
                    : Error(HttpStatusCode.BadRequest, "RecordNotFound", "Could not locate record");
            }

            var limit = int.Parse(query["limit"] ?? "50", CultureInfo.InvariantCulture);
            var cursor = query["cursor"];
            var page = _records.Values.Where(r => r.Did == repo && (cursor is null || string.CompareOrdinal(r.Rkey, cursor) < 0))
                .OrderByDescending(r => r.Rkey, StringComparer.Ordinal).Take(limit).ToList();
            var list = new JsonObject { ["records"] = new JsonArray(page.Select(r => (JsonNode)View(r)).ToArray()) };
            if (page.Count == limit)
            {
                list["cursor"] = page[^1].Rkey;
            }

            return Json(HttpStatusCode.OK, list);
        }

        if (!_accessTokens.TryGetValue(Bearer(request) ?? string.Empty, out var caller))
        {
            return Error(HttpStatusCode.BadRequest, "InvalidToken", "Token could not be verified");
        }

        switch (nsid)
        {
            case "com.atproto.server.getSession":
                return Json(HttpStatusCode.OK, new JsonObject { ["did"] = caller.Did, ["handle"] = caller.Handle });
            case "com.atproto.repo.createRecord":
                return Create(caller.Did, body!["rkey"]?.GetValue<string>(), (JsonObject)body["record"]!);
            case "com.atproto.repo.applyWrites":
                var write = body!["writes"]!.AsArray().Single()!.AsObject();
                return Create(caller.Did, write["rkey"]?.GetValue<string>(), (JsonObject)write["value"]!);
            case "com.atproto.repo.deleteRecord":
                _records.TryRemove((caller.Did, body!["rkey"]!.GetValue<string>()), out _);
                return Json(HttpStatusCode.OK, []);
            default:
                return Error(HttpStatusCode.NotImplemented, "MethodNotImplemented", $"{nsid} is not faked");
        }
    }

    private HttpResponseMessage Create(string did, string? rkey, JsonObject value)
    {
        rkey ??= Guid.NewGuid().ToString("N");
        var record = new FakeBlueskyRecord(did, rkey, (JsonObject)value.DeepClone(), DateTimeOffset.UtcNow);

        // A second create at a taken key creates nothing (a PDS answers 500 "There is already a value at key").
        return _records.TryAdd((did, rkey), record)
            ? Json(HttpStatusCode.OK, new JsonObject { ["uri"] = record.Uri, ["cid"] = record.Cid })
            : Error(HttpStatusCode.InternalServerError, "InternalServerError", "There is already a value at key");
    }

    private HttpResponseMessage Session(string did, string handle)
    {
        var expires = DateTimeOffset.UtcNow.AddHours(2).ToUnixTimeSeconds();
        var payload = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{{\"sub\":\"{did}\",\"exp\":{expires}}}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var access = $"eyJhbGciOiJIUzI1NiJ9.{payload}.{Guid.NewGuid():N}";
        var refresh = $"refresh-{Guid.NewGuid():N}";
        _accessTokens[access] = (did, handle);
        _refreshTokens[refresh] = (did, handle);
        return Json(HttpStatusCode.OK, new JsonObject { ["did"] = did, ["handle"] = handle, ["accessJwt"] = access, ["refreshJwt"] = refresh });
    }

    private static JsonObject View(FakeBlueskyRecord record) =>
        new() { ["uri"] = record.Uri, ["cid"] = record.Cid, ["value"] = record.Value.DeepClone() };

    private static string? Bearer(HttpRequestMessage request) =>
        request.Headers.Authorization is { Scheme: "Bearer" } auth ? auth.Parameter : null;

    private static HttpResponseMessage Error(HttpStatusCode status, string error, string message) =>
        Json(status, new JsonObject { ["error"] = error, ["message"] = message });

    private static HttpResponseMessage Json(HttpStatusCode status, JsonObject body) =>
        new(status) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };

    private sealed class Handler(FakeBlueskyPds pds) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            pds.AnswerAsync(request, cancellationToken);
    }
}

/// <summary>A record of the fake PDS, stamped when it was created (after the request's latency).</summary>
internal sealed record FakeBlueskyRecord(string Did, string Rkey, JsonObject Value, DateTimeOffset CreatedAt)
{
    public string Uri => $"at://{Did}/{FakeBlueskyPds.Collection}/{Rkey}";

    public string Cid => "bafyrei" + Rkey;

    public string Text => Value["text"]?.GetValue<string>() ?? string.Empty;
}

/// <summary>Adds a fixed latency before each request goes on (the fake Mastodon instance answers at once otherwise).</summary>
internal sealed class LatencyHandler(TimeSpan latency) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await Task.Delay(latency, cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }
}
