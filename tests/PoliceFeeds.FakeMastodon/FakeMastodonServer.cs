using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PoliceFeeds.FakeMastodon;

/// <summary>
/// A fake Mastodon instance on 127.0.0.1 (random port) that behaves as Mastodon does where PoliceFeeds can tell: apps and
/// OAuth's code flow, tokens that never expire but can be revoked (401), statuses rendered to HTML as Mastodon's
/// <c>TextFormatter</c> does (links with their hidden spans, hashtags, mentions of known accounts, paragraphs),
/// <c>Idempotency-Key</c> kept an hour per account (a repeat returns the same status; a concurrent repeat gets a 503),
/// no duplicate-text guard, the status length validated as <c>StatusLengthValidator</c> counts it (422 with Mastodon's
/// text), media processed in the background (202, then 206, then 200; a status with unprocessed media is refused), the
/// account's statuses newest first with <c>max_id</c> paging and <c>Link</c> headers, the source endpoint, the rate
/// limits with Rack::Attack's headers (300 per 5 minutes per account, 30 media and 30 deletions per 30 minutes). Faults
/// are scripted on top (<see cref="Faults"/>). Never call a real instance from tests.
/// </summary>
public sealed partial class FakeMastodonServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, FakeMastodonAccount> _tokens = new();
    private readonly ConcurrentDictionary<string, string> _revoked = new();
    private readonly ConcurrentDictionary<FakeMastodonEndpoint, int> _requestCounts = new();
    private readonly object _lock = new();
    private readonly List<FakeMastodonStatus> _statuses = [];
    private readonly Dictionary<string, FakeMastodonMedia> _media = [];
    private readonly Dictionary<string, (string StatusId, DateTimeOffset At)> _idempotency = [];
    private readonly HashSet<string> _idempotencyInFlight = [];
    private readonly Dictionary<string, (int Count, long Window)> _rateWindows = [];
    private long _lastId;

    private FakeMastodonServer(WebApplication app)
    {
        _app = app;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public FakeMastodonFaults Faults { get; } = new();

    public FakeMastodonBehaviour Behaviour { get; } = new();

    /// <summary>The fake's clock: creation times, idempotency window, rate-limit windows.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>The person who grants access on the authorize page.</summary>
    public FakeMastodonAccount? AuthorizingAccount { get; set; }

    /// <summary>The person refuses on the authorize page: the instance sends them back with <c>error=access_denied</c>.</summary>
    public bool DenyAuthorization { get; set; }

    /// <summary>Rate limits: requests per 5 minutes per account; media uploads and deletions per 30 minutes.</summary>
    public int RequestsPer5Minutes { get; set; } = 300;

    public int MediaPer30Minutes { get; set; } = 30;

    public int DeletesPer30Minutes { get; set; } = 30;

    public IReadOnlyList<FakeMastodonStatus> Statuses
    {
        get
        {
            lock (_lock)
            {
                return _statuses.ToList();
            }
        }
    }

    public int RequestCount(FakeMastodonEndpoint endpoint) => _requestCounts.GetValueOrDefault(endpoint);

    private DateTimeOffset Now => Clock.GetUtcNow();

    public static async Task<FakeMastodonServer> StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeMastodonServer(app);
        server.MapEndpoints();
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Urls.First() + "/");
        return server;
    }

    /// <summary>A local account reached with <paramref name="accessToken"/>.</summary>
    public FakeMastodonAccount AddAccount(string username, string accessToken)
    {
        var account = new FakeMastodonAccount(NextId(), username);
        _tokens[accessToken] = account;
        return account;
    }

    public void AddToken(FakeMastodonAccount account, string accessToken) => _tokens[accessToken] = account;

    /// <summary>Revokes every token of the account (the next call answers 401 "The access token was revoked").</summary>
    public void Revoke(FakeMastodonAccount account)
    {
        foreach (var pair in _tokens.Where(p => p.Value == account).ToList())
        {
            _tokens.TryRemove(pair.Key, out _);
            _revoked[pair.Key] = account.Id;
        }
    }

    /// <summary>Adds a status to the account directly (posted earlier, by another client), rendered as Mastodon does.</summary>
    public FakeMastodonStatus AddStatus(FakeMastodonAccount account, string text, DateTimeOffset createdAt, string application = "Web")
    {
        lock (_lock)
        {
            var status = new FakeMastodonStatus(NextId(), account, text, FakeMastodonHtml.Render(text, BaseAddress, KnownAccounts()), createdAt, [], null, application);
            _statuses.Add(status);
            return status;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Ids shaped like Mastodon's snowflakes: the creation time in milliseconds, shifted, plus a sequence.</summary>
    private string NextId()
    {
        var candidate = Now.ToUnixTimeMilliseconds() << 16;
        long next;
        long last;
        do
        {
            last = Interlocked.Read(ref _lastId);
            next = Math.Max(candidate, last + 1);
        }
        while (Interlocked.CompareExchange(ref _lastId, next, last) != last);

        return next.ToString(CultureInfo.InvariantCulture);
    }

    private Dictionary<string, FakeMastodonAccount> KnownAccounts() =>
        _tokens.Values.Distinct().ToDictionary(a => a.Username, StringComparer.OrdinalIgnoreCase);

    private void MapEndpoints()
    {
        _app.MapPost("/api/v1/apps", (Func<HttpContext, Task<IResult>>)RegisterAppAsync);
        _app.MapGet("/oauth/authorize", (Func<HttpContext, IResult>)Authorize);
        _app.MapPost("/oauth/token", (Func<HttpContext, Task<IResult>>)TokenAsync);
        _app.MapGet("/api/v2/instance", (Func<HttpContext, Task<IResult>>)(c => Public(c, FakeMastodonEndpoint.Instance, InstanceInfo)));
        _app.MapGet("/api/v1/accounts/verify_credentials", (Func<HttpContext, Task<IResult>>)(c => HandleAsync(c, FakeMastodonEndpoint.VerifyCredentials, a => Task.FromResult(Results.Json(AccountJson(a))))));
        _app.MapPost("/api/v1/statuses", (Func<HttpContext, Task<IResult>>)(c => HandleAsync(c, FakeMastodonEndpoint.CreateStatus, a => CreateStatusAsync(c, a))));
        _app.MapDelete("/api/v1/statuses/{id}", (HttpContext c, string id) => HandleAsync(c, FakeMastodonEndpoint.DeleteStatus, a => Task.FromResult(DeleteStatus(a, id))));
        _app.MapGet("/api/v1/statuses/{id}", (HttpContext c, string id) => HandleAsync(c, FakeMastodonEndpoint.GetStatus, _ => Task.FromResult(GetStatus(id))));
        _app.MapGet("/api/v1/statuses/{id}/source", (HttpContext c, string id) => HandleAsync(c, FakeMastodonEndpoint.StatusSource, a => Task.FromResult(Source(a, id))));
        _app.MapGet("/api/v1/accounts/{id}/statuses", (HttpContext c, string id) => HandleAsync(c, FakeMastodonEndpoint.AccountStatuses, _ => Task.FromResult(AccountStatuses(c, id))));
        _app.MapPost("/api/v2/media", (Func<HttpContext, Task<IResult>>)(c => HandleAsync(c, FakeMastodonEndpoint.UploadMedia, a => UploadMediaAsync(c, a))));
        _app.MapGet("/api/v1/media/{id}", (HttpContext c, string id) => HandleAsync(c, FakeMastodonEndpoint.GetMedia, a => Task.FromResult(GetMedia(a, id))));
    }

    private static IResult Error(int status, string error) => Results.Json(new { error }, statusCode: status);
}

/// <summary>An account of the fake instance.</summary>
public sealed record FakeMastodonAccount(string Id, string Username);

/// <summary>A status as the fake keeps it: the text as sent (its source) and the HTML it renders.</summary>
public sealed record FakeMastodonStatus(string Id, FakeMastodonAccount Account, string Text, string Content, DateTimeOffset CreatedAt, IReadOnlyList<FakeMastodonMedia> Media, string? InReplyToId, string Application)
{
    public string? Language { get; init; }

    public string? Visibility { get; init; }

    public string? IdempotencyKey { get; init; }

    /// <summary>The counts people's actions would give it (set by tests): <c>favourites_count</c>, <c>reblogs_count</c>, <c>replies_count</c>.</summary>
    public int Favourites { get; set; }

    public int Reblogs { get; set; }

    public int Replies { get; set; }
}

/// <summary>A media attachment of the fake: processed after <c>PollsLeft</c> more polls.</summary>
public sealed class FakeMastodonMedia(string id, string accountId, string contentType, long length, string? description)
{
    public string Id { get; } = id;

    public string AccountId { get; } = accountId;

    public string ContentType { get; } = contentType;

    public long Length { get; } = length;

    public string? Description { get; } = description;

    public int PollsLeft { get; set; }

    public string? StatusId { get; set; }

    public bool Processed => PollsLeft <= 0;
}
