using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PoliceFeeds.FakeX;

/// <summary>
/// A fake X API v2 on 127.0.0.1 (random port) that behaves as X does where PoliceFeeds can tell: X's JSON and problem
/// shapes, OAuth 1.0a signatures and bearer tokens, every request body (posts, media upload, media metadata) and the
/// timeline's query string checked against X's OpenAPI description, text stored and returned as X rewrites it, timelines
/// that lag behind creates, the reply rule, refresh tokens that work once, the 15-minute and 24-hour limits with X's
/// headers, and the duplicate rule (per account, recent posts only, <see cref="FakeXBehaviour.DuplicateGuard"/>). A test scripts faults on top. Never call the real X from tests.
/// </summary>
public sealed partial class FakeXServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SchemaValidator _createPostSchema = SchemaValidator.Load("create-posts-request.json");
    private readonly SchemaValidator _mediaUploadSchema = SchemaValidator.Load("media-upload-request.json");
    private readonly SchemaValidator _mediaMetadataSchema = SchemaValidator.Load("media-metadata-request.json");
    private readonly SchemaValidator _userPostsQuery = SchemaValidator.Load("users-posts-query.json");
    private readonly ConcurrentDictionary<string, FakeXAccount> _oauth1Tokens = new();
    private readonly ConcurrentDictionary<string, (FakeXAccount Account, DateTimeOffset? Expires)> _bearerTokens = new();
    private readonly ConcurrentDictionary<string, (FakeXAccount Account, string Challenge, string RedirectUri, DateTimeOffset Expires)> _codes = new();
    private readonly ConcurrentDictionary<string, FakeXAccount> _refreshTokens = new();
    private readonly ConcurrentDictionary<string, FakeMedia> _media = new();
    private readonly ConcurrentDictionary<FakeXEndpoint, int> _requestCounts = new();
    private readonly ConcurrentQueue<string> _schemaViolations = new();
    private readonly List<FakeXPost> _posts = [];
    private readonly List<IReadOnlyList<string>> _lookups = [];
    private readonly object _postsLock = new();
    private readonly FakeXRateLimits _rateLimits;
    private long _nextId = 1_800_000_000_000_000_000;
    private int _refreshes;

    private FakeXServer(WebApplication app)
    {
        _app = app;
        _rateLimits = new FakeXRateLimits(Limits, () => Now);
    }

    public Uri BaseAddress { get; private set; } = null!;

    public FakeXFaults Faults { get; } = new();

    /// <summary>How faithful the fake is (text rewriting, timeline lag, reply rule); X's behaviour by default.</summary>
    public FakeXBehaviour Behaviour { get; } = new();

    /// <summary>X's rate limits, enforced by default.</summary>
    public FakeXLimits Limits { get; } = new();

    /// <summary>The fake's clock: creation times, timeline lag, rate-limit windows, token and code expiry.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>The national app's OAuth 1.0a consumer key and secret known to the fake.</summary>
    public string ConsumerKey { get; set; } = "fake-consumer-key";

    public string ConsumerSecret { get; set; } = "fake-consumer-secret";

    /// <summary>The national app's OAuth 2.0 client id and secret known to the fake.</summary>
    public string ClientId { get; set; } = "fake-client-id";

    public string ClientSecret { get; set; } = "fake-client-secret";

    /// <summary>The account that grants access on the authorize page (the person "signed in to X").</summary>
    public FakeXAccount? AuthorizingAccount { get; set; }

    /// <summary>Lifetime of access tokens issued by the token endpoint (X: 7,200 s); an expired one answers 401.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Successful refreshes (<c>grant_type=refresh_token</c>) so far: one per rotation.</summary>
    public int RefreshCount => Volatile.Read(ref _refreshes);

    /// <summary>Every request body or query string refused by the schema check, with its endpoint.</summary>
    public IReadOnlyList<string> SchemaViolations => _schemaViolations.ToList();

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

    private DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>
    /// Adds a post to the account's timeline directly (as if posted earlier, with X's rewriting of its text), for tests of
    /// reading metrics, of the reply rule (an original that mentions an account) and of reconciliation.
    /// </summary>
    public FakeXPost AddPost(FakeXAccount account, string text, DateTimeOffset createdAt, string? quotePostId = null)
    {
        var id = NextId();
        var (stored, urls) = Behaviour.RewriteText ? FakeXText.Store(text, account.Username, id, []) : (text, []);
        var post = new FakeXPost(id, account.Id, stored, [], [], null, createdAt) { SentText = text, Urls = urls, QuotePostId = quotePostId };
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

    /// <summary>A new OAuth 1.0a access token for an existing account (the account reconnected); its old tokens keep working.</summary>
    public void AddOAuth1Token(FakeXAccount account, string accessToken) => _oauth1Tokens[accessToken] = account;

    /// <summary>An account reached with a bearer token that never expires (tests that do not exercise OAuth 2.0).</summary>
    public FakeXAccount AddBearerAccount(string username, string accessToken)
    {
        var account = new FakeXAccount(NextId(), username);
        _bearerTokens[accessToken] = (account, null);
        return account;
    }

    /// <summary>Revokes every token of the account, refresh tokens included (the next call answers 401).</summary>
    public void Revoke(FakeXAccount account)
    {
        foreach (var pair in _oauth1Tokens.Where(p => p.Value == account).ToList())
        {
            _oauth1Tokens.TryRemove(pair.Key, out _);
        }

        foreach (var pair in _bearerTokens.Where(p => p.Value.Account == account).ToList())
        {
            _bearerTokens.TryRemove(pair.Key, out _);
        }

        foreach (var pair in _refreshTokens.Where(p => p.Value == account).ToList())
        {
            _refreshTokens.TryRemove(pair.Key, out _);
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
        _app.MapDelete("/2/tweets/{id}", (HttpContext c, string id) => Handle(c, FakeXEndpoint.DeletePost, account => DeletePost(account, id)));
        _app.MapGet("/2/users/me", (Func<HttpContext, Task<IResult>>)(c => Handle(c, FakeXEndpoint.UsersMe, account =>
            Results.Json(new { data = new { id = account.Id, name = account.Name, username = account.Username } }))));
        _app.MapGet("/2/users/{id}/tweets", (HttpContext c, string id) => Handle(c, FakeXEndpoint.UserPosts, _ => UserPosts(c, id)));
        _app.MapGet("/2/tweets", (Func<HttpContext, Task<IResult>>)(c => Handle(c, FakeXEndpoint.PostsLookup, _ => Lookup(c))));
        _app.MapPost("/2/media/upload", (Func<HttpContext, Task<IResult>>)(c => HandleAsync(c, FakeXEndpoint.MediaUpload, account => UploadMediaAsync(c, account))));
        _app.MapPost("/2/media/metadata", (Func<HttpContext, Task<IResult>>)(c => HandleAsync(c, FakeXEndpoint.MediaMetadata, account => SetMetadataAsync(c, account))));
        _app.MapGet("/i/oauth2/authorize", (Func<HttpContext, IResult>)AuthorizePage);
        _app.MapPost("/i/oauth2/authorize", (Func<HttpContext, Task<IResult>>)AuthorizeApprove);
        _app.MapPost("/2/oauth2/token", (Func<HttpContext, Task<IResult>>)TokenAsync);
    }

    private sealed class FakeMedia(string id, string accountId, long length)
    {
        public string Id { get; } = id;

        public string Key { get; } = "3_" + id;

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

/// <summary>
/// A post kept by the fake X. <see cref="Text"/> is what X stores and returns (rewritten); <see cref="SentText"/> is
/// what the client sent.
/// </summary>
public sealed record FakeXPost(string Id, string AccountId, string Text, IReadOnlyList<string> MediaIds, IReadOnlyList<string?> AltTexts, string? InReplyTo, DateTimeOffset CreatedAt)
{
    public string SentText { get; init; } = Text;

    public IReadOnlyList<FakeXUrlEntity> Urls { get; init; } = [];

    public IReadOnlyList<string> MediaKeys { get; init; } = [];

    public string? QuotePostId { get; init; }

    public bool Deleted { get; set; }

    public long Impressions { get; set; }

    public long Likes { get; set; }

    public long Reposts { get; set; }

    public long Replies { get; set; }

    public long Quotes { get; set; }
}
