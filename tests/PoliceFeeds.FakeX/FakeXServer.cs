using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PoliceFeeds.Infrastructure.XApi;

namespace PoliceFeeds.FakeX;

/// <summary>
/// A fake X API v2 on 127.0.0.1 (random port) that speaks X's JSON and problem shapes, verifies OAuth 1.0a signatures and
/// bearer tokens, checks <c>POST /2/tweets</c> bodies against X's OpenAPI schema, keeps posts in memory and lets a test
/// script faults. Never call the real X from tests.
/// </summary>
public sealed class FakeXServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SchemaValidator _schema = SchemaValidator.Load("create-posts-request.json");
    private readonly ConcurrentDictionary<string, FakeXAccount> _oauth1Tokens = new();
    private readonly ConcurrentDictionary<string, FakeXAccount> _bearerTokens = new();
    private readonly ConcurrentDictionary<string, (FakeXAccount Account, string Challenge, string RedirectUri, DateTimeOffset Expires)> _codes = new();
    private readonly ConcurrentDictionary<string, FakeXAccount> _refreshTokens = new();
    private readonly ConcurrentDictionary<string, FakeMedia> _media = new();
    private readonly ConcurrentDictionary<FakeXEndpoint, int> _requestCounts = new();
    private readonly List<FakeXPost> _posts = [];
    private readonly List<IReadOnlyList<string>> _lookups = [];
    private readonly object _postsLock = new();
    private long _nextId = 1_800_000_000_000_000_000;

    private FakeXServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public FakeXFaults Faults { get; } = new();

    /// <summary>The national app's OAuth 1.0a consumer key and secret known to the fake.</summary>
    public string ConsumerKey { get; set; } = "fake-consumer-key";

    public string ConsumerSecret { get; set; } = "fake-consumer-secret";

    /// <summary>The national app's OAuth 2.0 client id and secret known to the fake.</summary>
    public string ClientId { get; set; } = "fake-client-id";

    public string ClientSecret { get; set; } = "fake-client-secret";

    /// <summary>The account that grants access on the authorize page (the person "signed in to X").</summary>
    public FakeXAccount? AuthorizingAccount { get; set; }

    /// <summary>Lifetime of access tokens issued by the token endpoint.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(2);

    public IReadOnlyList<FakeXPost> Posts
    {
        get
        {
            lock (_postsLock)
            {
                return _posts.ToList();
            }
        }
    }

    public int RequestCount(FakeXEndpoint endpoint) => _requestCounts.GetValueOrDefault(endpoint);

    /// <summary>The ids asked by each <c>GET /2/tweets?ids=</c> that was answered (not those refused by a fault), in order.</summary>
    public IReadOnlyList<IReadOnlyList<string>> LookupRequests
    {
        get
        {
            lock (_postsLock)
            {
                return _lookups.ToList();
            }
        }
    }

    /// <summary>Adds a post to the account's timeline directly (as if posted earlier), for tests of reading metrics.</summary>
    public FakeXPost AddPost(FakeXAccount account, string text, DateTimeOffset createdAt)
    {
        var post = new FakeXPost(NextId(), account.Id, text, [], [], null, createdAt);
        lock (_postsLock)
        {
            _posts.Add(post);
        }

        return post;
    }

    public static async Task<FakeXServer> StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeXServer(app);
        server.MapEndpoints();
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Urls.First() + "/");
        return server;
    }

    public FakeXAccount AddOAuth1Account(string username, string accessToken, string accessTokenSecret)
    {
        var account = new FakeXAccount(NextId(), username) { AccessTokenSecret = accessTokenSecret };
        _oauth1Tokens[accessToken] = account;
        return account;
    }

    public FakeXAccount AddBearerAccount(string username, string accessToken)
    {
        var account = new FakeXAccount(NextId(), username);
        _bearerTokens[accessToken] = account;
        return account;
    }

    /// <summary>Revokes every token of the account (the next call answers 401).</summary>
    public void Revoke(FakeXAccount account)
    {
        foreach (var pair in _oauth1Tokens.Where(p => p.Value == account).ToList())
        {
            _oauth1Tokens.TryRemove(pair.Key, out _);
        }

        foreach (var pair in _bearerTokens.Where(p => p.Value == account).ToList())
        {
            _bearerTokens.TryRemove(pair.Key, out _);
        }
    }

    public bool IsRefreshTokenValid(string refreshToken) => _refreshTokens.ContainsKey(refreshToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private string NextId() => Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);

    private void MapEndpoints()
    {
        _app.MapPost("/2/tweets", (Func<HttpContext, Task<IResult>>)CreatePostAsync);
        _app.MapDelete("/2/tweets/{id}", (HttpContext c, string id) => Handle(c, FakeXEndpoint.DeletePost, account =>
        {
            lock (_postsLock)
            {
                var post = _posts.FirstOrDefault(p => p.Id == id && !p.Deleted);
                if (post is null)
                {
                    return Problem(404, "Not Found Error", $"Could not find tweet with id: [{id}].");
                }

                if (post.AccountId != account.Id)
                {
                    return Problem(403, "Forbidden", "You are not allowed to delete a Tweet that is not yours.");
                }

                post.Deleted = true;
            }

            return Results.Json(new { data = new { deleted = true } });
        }));
        _app.MapGet("/2/users/me", (Func<HttpContext, Task<IResult>>)(c => Handle(c, FakeXEndpoint.UsersMe, account =>
            Results.Json(new { data = new { id = account.Id, name = account.Name, username = account.Username } }))));
        _app.MapGet("/2/users/{id}/tweets", (HttpContext c, string id) => Handle(c, FakeXEndpoint.UserPosts, account =>
        {
            var start = c.Request.Query["start_time"].FirstOrDefault() is { } s ? DateTimeOffset.Parse(s, CultureInfo.InvariantCulture) : DateTimeOffset.MinValue;
            var posts = Posts.Where(p => p.AccountId == id && !p.Deleted && p.CreatedAt >= start).OrderByDescending(p => p.CreatedAt).Take(100)
                .Select(p => new { id = p.Id, text = p.Text, created_at = p.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) }).ToList();
            return Results.Json(new { data = posts, meta = new { result_count = posts.Count } });
        }));
        _app.MapGet("/2/tweets", (Func<HttpContext, Task<IResult>>)(c => Handle(c, FakeXEndpoint.PostsLookup, _ =>
        {
            var ids = (c.Request.Query["ids"].FirstOrDefault() ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
            if (ids.Length is 0 or > 100)
            {
                return Problem(400, "Invalid Request", "ids must contain between 1 and 100 ids.");
            }

            lock (_postsLock)
            {
                _lookups.Add(ids);
            }

            var data = Posts.Where(p => ids.Contains(p.Id) && !p.Deleted).Select(p => new
            {
                id = p.Id,
                text = p.Text,
                public_metrics = new { retweet_count = p.Reposts, reply_count = p.Replies, like_count = p.Likes, quote_count = p.Quotes, impression_count = p.Impressions },
            }).ToList();
            return Results.Json(new { data });
        })));
        _app.MapPost("/2/media/upload", (Func<HttpContext, Task<IResult>>)(c => HandleAsync(c, FakeXEndpoint.MediaUpload, async account =>
        {
            if (!c.Request.HasFormContentType)
            {
                return Problem(400, "Invalid Request", "Expected multipart/form-data.");
            }

            var form = await c.Request.ReadFormAsync();
            var file = form.Files.GetFile("media");
            if (file is null || file.Length == 0 || form["media_category"] != "tweet_image")
            {
                return Problem(400, "Invalid Request", "media and media_category=tweet_image are required.");
            }

            var id = NextId();
            _media[id] = new FakeMedia(id, account.Id, file.Length);
            return Results.Json(new { data = new { id, media_key = "3_" + id, expires_after_secs = 86400, size = file.Length } });
        })));
        _app.MapPost("/2/media/metadata", (Func<HttpContext, Task<IResult>>)(c => HandleAsync(c, FakeXEndpoint.MediaMetadata, async account =>
        {
            var body = await JsonNode.ParseAsync(c.Request.Body);
            var id = body?["id"]?.GetValue<string>();
            var alt = body?["metadata"]?["alt_text"]?["text"]?.GetValue<string>();
            if (id is null || !_media.TryGetValue(id, out var media) || media.AccountId != account.Id)
            {
                return Problem(400, "Invalid Request", "Unknown media id.");
            }

            if (alt is null || alt.Length > 1000)
            {
                return Problem(400, "Invalid Request", "alt_text.text is required and at most 1000 characters.");
            }

            media.AltText = alt;
            return Results.Json(new { data = new { id, associated_metadata = true } });
        })));
        _app.MapGet("/i/oauth2/authorize", (Func<HttpContext, IResult>)AuthorizePage);
        _app.MapPost("/i/oauth2/authorize", (Func<HttpContext, Task<IResult>>)AuthorizeApprove);
        _app.MapPost("/2/oauth2/token", (Func<HttpContext, Task<IResult>>)TokenAsync);
    }

    private async Task<IResult> CreatePostAsync(HttpContext context)
    {
        return await HandleAsync(context, FakeXEndpoint.CreatePost, async account =>
        {
            JsonDocument document;
            try
            {
                document = await JsonDocument.ParseAsync(context.Request.Body);
            }
            catch (JsonException)
            {
                return Problem(400, "Invalid Request", "The request body is not valid JSON.");
            }

            using (document)
            {
                var errors = _schema.Validate("CreatePostsRequest", document.RootElement);
                if (errors.Count > 0)
                {
                    return Results.Json(new { errors = errors.Select(e => new { message = e }), title = "Invalid Request", detail = "One or more parameters to your request was invalid.", type = "https://api.twitter.com/2/problems/invalid-request" }, statusCode: 400);
                }

                var root = document.RootElement;
                var text = root.TryGetProperty("text", out var t) ? t.GetString() ?? "" : "";
                var mediaIds = root.TryGetProperty("media", out var m) ? m.GetProperty("media_ids").EnumerateArray().Select(x => x.GetString()!).ToList() : [];
                var replyTo = root.TryGetProperty("reply", out var r) ? r.GetProperty("in_reply_to_tweet_id").GetString() : null;
                if (text.Length == 0 && mediaIds.Count == 0)
                {
                    return Problem(400, "Invalid Request", "Tweet text or media is required.");
                }

                if (mediaIds.Any(id => !_media.TryGetValue(id, out var media) || media.AccountId != account.Id))
                {
                    return Problem(400, "Invalid Request", "Your media IDs are invalid.");
                }

                FakeXPost post;
                lock (_postsLock)
                {
                    if (replyTo is not null && !_posts.Any(p => p.Id == replyTo && !p.Deleted))
                    {
                        return Problem(400, "Invalid Request", "The Tweet you are replying to does not exist.");
                    }

                    if (text.Length > 0 && _posts.Any(p => p.AccountId == account.Id && !p.Deleted && p.Text == text))
                    {
                        return DuplicateProblem();
                    }

                    post = new FakeXPost(NextId(), account.Id, text, mediaIds, mediaIds.Select(id => _media[id].AltText).ToList(), replyTo, DateTimeOffset.UtcNow);
                    _posts.Add(post);
                }

                return Results.Json(new { data = new { id = post.Id, text = post.Text, edit_history_tweet_ids = new[] { post.Id } } }, statusCode: 201);
            }
        });
    }

    private Task<IResult> Handle(HttpContext context, FakeXEndpoint endpoint, Func<FakeXAccount, IResult> handler) =>
        HandleAsync(context, endpoint, account => Task.FromResult(handler(account)));

    private async Task<IResult> HandleAsync(HttpContext context, FakeXEndpoint endpoint, Func<FakeXAccount, Task<IResult>> handler)
    {
        _requestCounts.AddOrUpdate(endpoint, 1, (_, n) => n + 1);
        if (Faults.BaseLatency > TimeSpan.Zero)
        {
            await Task.Delay(Faults.BaseLatency, context.RequestAborted);
        }

        var account = Authenticate(context);
        if (account is null)
        {
            return Problem(401, "Unauthorized", "Unauthorized");
        }

        var fault = Faults.Next(endpoint, DateTimeOffset.UtcNow);
        while (fault is FakeXFault.LatencyFault latency)
        {
            await Task.Delay(latency.Delay, context.RequestAborted);
            fault = Faults.Next(endpoint, DateTimeOffset.UtcNow);
        }

        switch (fault)
        {
            case FakeXFault.ServerErrorFault error:
                return Problem(error.Status, "Service Unavailable", "Service Unavailable");
            case FakeXFault.RateLimitedFault limited:
                context.Response.Headers["x-rate-limit-limit"] = "100";
                context.Response.Headers["x-rate-limit-remaining"] = "0";
                context.Response.Headers["x-rate-limit-reset"] = limited.ResetAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                return Problem(429, "Too Many Requests", "Too Many Requests");
            case FakeXFault.UnauthorizedFault:
                return Problem(401, "Unauthorized", "Unauthorized");
            case FakeXFault.DuplicateFault:
                return DuplicateProblem();
            case FakeXFault.AcceptThenHangFault:
                await handler(account);
                // The request was carried out; the answer never comes (until the client gives up).
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
                return Results.StatusCode(504);
        }

        context.Response.Headers["x-rate-limit-limit"] = "100";
        context.Response.Headers["x-rate-limit-remaining"] = "99";
        context.Response.Headers["x-rate-limit-reset"] = DateTimeOffset.UtcNow.AddMinutes(15).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return await handler(account);
    }

    private FakeXAccount? Authenticate(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return _bearerTokens.GetValueOrDefault(header["Bearer ".Length..]);
        }

        if (!header.StartsWith("OAuth ", StringComparison.Ordinal))
        {
            return null;
        }

        var parameters = header["OAuth ".Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1].Trim('"')));
        if (!parameters.TryGetValue("oauth_consumer_key", out var consumerKey) || consumerKey != ConsumerKey
            || !parameters.TryGetValue("oauth_token", out var token) || !_oauth1Tokens.TryGetValue(token, out var account)
            || !parameters.TryGetValue("oauth_signature", out var signature)
            || parameters.GetValueOrDefault("oauth_signature_method") != "HMAC-SHA1")
        {
            return null;
        }

        var url = new Uri($"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}{context.Request.QueryString}");
        var signed = parameters.Where(p => p.Key != "oauth_signature")
            .Concat(context.Request.Query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? ""))));
        var expected = OAuth1Signer.Signature(context.Request.Method, url, signed, ConsumerSecret, account.AccessTokenSecret ?? "");
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)) ? account : null;
    }

    private IResult AuthorizePage(HttpContext context)
    {
        var q = context.Request.Query;
        if (q["response_type"] != "code" || q["client_id"] != ClientId || string.IsNullOrEmpty(q["redirect_uri"])
            || q["code_challenge_method"] != "S256" || string.IsNullOrEmpty(q["code_challenge"]) || string.IsNullOrEmpty(q["state"])
            || !(q["scope"].ToString().Split(' ').ToHashSet() is var scopes && new[] { "tweet.read", "tweet.write", "users.read", "offline.access" }.All(scopes.Contains)))
        {
            return Results.Content("<!DOCTYPE html><html lang=\"fr\"><head><title>Erreur</title></head><body><main><h1>Requête d'autorisation invalide</h1></main></body></html>", "text/html; charset=utf-8", statusCode: 400);
        }

        string Hidden(string name) => $"<input type=\"hidden\" name=\"{name}\" value=\"{WebUtility.HtmlEncode(q[name])}\">";
        var html = $"""
            <!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>X (simulé) – Autoriser PoliceFeeds</title></head>
            <body><main><h1>Autoriser PoliceFeeds à accéder à votre compte ?</h1>
            <p>Compte : @{WebUtility.HtmlEncode(AuthorizingAccount?.Username ?? "compte_fictif")}</p>
            <p>Autorisations demandées : {WebUtility.HtmlEncode(q["scope"])}</p>
            <form method="post" action="/i/oauth2/authorize">{Hidden("redirect_uri")}{Hidden("state")}{Hidden("code_challenge")}
            <button type="submit">Autoriser l'application</button></form></main></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private async Task<IResult> AuthorizeApprove(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var account = AuthorizingAccount ??= new FakeXAccount(NextId(), "compte_fictif");
        var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _codes[code] = (account, form["code_challenge"]!, form["redirect_uri"]!, DateTimeOffset.UtcNow.AddSeconds(30));
        var redirect = $"{form["redirect_uri"]}{(form["redirect_uri"].ToString().Contains('?', StringComparison.Ordinal) ? "&" : "?")}state={Uri.EscapeDataString(form["state"]!)}&code={code}";
        return Results.Redirect(redirect);
    }

    private async Task<IResult> TokenAsync(HttpContext context)
    {
        _requestCounts.AddOrUpdate(FakeXEndpoint.Token, 1, (_, n) => n + 1);
        var form = await context.Request.ReadFormAsync();
        var basic = context.Request.Headers.Authorization.ToString();
        var expectedBasic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(ClientId)}:{Uri.EscapeDataString(ClientSecret)}"));
        if (basic != expectedBasic)
        {
            return Results.Json(new { error = "invalid_client", error_description = "Missing valid authorization header" }, statusCode: 401);
        }

        FakeXAccount account;
        switch (form["grant_type"].ToString())
        {
            case "authorization_code":
                if (!_codes.TryRemove(form["code"].ToString(), out var grant) || grant.Expires < DateTimeOffset.UtcNow || grant.RedirectUri != form["redirect_uri"])
                {
                    return Results.Json(new { error = "invalid_request", error_description = "Value passed for the authorization code was invalid." }, statusCode: 400);
                }

                var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString()))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
                if (challenge != grant.Challenge)
                {
                    return Results.Json(new { error = "invalid_request", error_description = "Value passed for the code verifier was invalid." }, statusCode: 400);
                }

                account = grant.Account;
                break;
            case "refresh_token":
                // Refresh tokens rotate: the one used stops working.
                if (!_refreshTokens.TryRemove(form["refresh_token"].ToString(), out account!))
                {
                    return Results.Json(new { error = "invalid_request", error_description = "Value passed for the token was invalid." }, statusCode: 400);
                }

                break;
            default:
                return Results.Json(new { error = "unsupported_grant_type" }, statusCode: 400);
        }

        var accessToken = "at-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var refreshToken = "rt-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _bearerTokens[accessToken] = account;
        _refreshTokens[refreshToken] = account;
        return Results.Json(new
        {
            token_type = "bearer",
            expires_in = (long)AccessTokenLifetime.TotalSeconds,
            access_token = accessToken,
            scope = "tweet.read tweet.write users.read media.write offline.access",
            refresh_token = refreshToken,
        });
    }

    private static IResult DuplicateProblem() => Problem(403, "Forbidden", "You are not allowed to create a Tweet with duplicate content.");

    private static IResult Problem(int status, string title, string detail) =>
        Results.Json(new { title, detail, type = "about:blank", status }, statusCode: status, contentType: "application/problem+json");

    private sealed class FakeMedia(string id, string accountId, long length)
    {
        public string Id { get; } = id;

        public string AccountId { get; } = accountId;

        public long Length { get; } = length;

        public string? AltText { get; set; }
    }
}

/// <summary>An account of the fake X.</summary>
public sealed class FakeXAccount(string id, string username)
{
    public string Id { get; } = id;

    public string Username { get; } = username;

    public string Name { get; init; } = "Police nationale (fictif)";

    public string? AccessTokenSecret { get; init; }
}

/// <summary>A post kept by the fake X.</summary>
public sealed record FakeXPost(string Id, string AccountId, string Text, IReadOnlyList<string> MediaIds, IReadOnlyList<string?> AltTexts, string? InReplyTo, DateTimeOffset CreatedAt)
{
    public bool Deleted { get; set; }

    public long Impressions { get; set; }

    public long Likes { get; set; }

    public long Reposts { get; set; }

    public long Replies { get; set; }

    public long Quotes { get; set; }
}
