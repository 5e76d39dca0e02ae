using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Networks.Bluesky;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Networks.Bluesky;
using PoliceFeeds.Infrastructure.Publishing.Channels;

namespace PoliceFeeds.UnitTests.Networks.Bluesky;

/// <summary>
/// How every PDS answer maps to a channel outcome, for the cases a real PDS cannot be made to produce (429 with its
/// headers, time-outs, 5xx on an upload): a fake handler answers by XRPC method.
/// </summary>
public sealed class BlueskyOutcomeTests
{
    private const string Did = "did:plc:ewvi7nxzyoun6zhxrhs64oiz";
    private static readonly DateTime Now = new(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc);
    private static readonly ChannelAccount Account = new(7, 44, "dipn44.bsky.social", Did, "https://pds.example");

    private readonly FakeTimeProvider _clock = new(Now);
    private readonly FakeBlueskyConnectionStore _store = new(Did, Now);
    private readonly Dictionary<string, Func<HttpRequestMessage, HttpResponseMessage>> _answers = [];
    private readonly List<string> _calls = [];

    public BlueskyOutcomeTests()
    {
        _answers["com.atproto.repo.getRecord"] = _ => Xrpc(HttpStatusCode.BadRequest, "RecordNotFound", "Could not locate record");
        _answers["com.atproto.repo.uploadBlob"] = _ => Json(HttpStatusCode.OK, """{"blob":{"$type":"blob","ref":{"$link":"bafkrei"},"mimeType":"image/png","size":3}}""");
    }

    [Fact]
    public async Task A_429_on_create_is_rate_limited_until_the_ratelimit_reset_header()
    {
        var reset = new DateTimeOffset(Now.AddMinutes(7)).ToUnixTimeSeconds();
        _answers["com.atproto.repo.createRecord"] = _ =>
        {
            var answer = Xrpc(HttpStatusCode.TooManyRequests, "RateLimitExceeded", "Rate Limit Exceeded");
            answer.Headers.Add("ratelimit-limit", "5000");
            answer.Headers.Add("ratelimit-remaining", "0");
            answer.Headers.Add("ratelimit-reset", reset.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return answer;
        };

        var outcome = Assert.IsType<ChannelOutcome.RateLimited>(await PublishAsync());

        Assert.Equal(Now.AddMinutes(7), outcome.UntilUtc);
    }

    [Fact]
    public async Task A_429_without_ratelimit_headers_waits_for_retry_after()
    {
        _answers["com.atproto.repo.createRecord"] = _ =>
        {
            var answer = Xrpc(HttpStatusCode.TooManyRequests, "RateLimitExceeded", "slow down");
            answer.Headers.Add("retry-after", "90");
            return answer;
        };

        Assert.Equal(Now.AddSeconds(90), Assert.IsType<ChannelOutcome.RateLimited>(await PublishAsync()).UntilUtc);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task A_5xx_on_create_with_nothing_at_the_key_is_ambiguous(HttpStatusCode status)
    {
        _answers["com.atproto.repo.createRecord"] = _ => Xrpc(status, "InternalServerError", "Internal Server Error");

        Assert.IsType<ChannelOutcome.Ambiguous>(await PublishAsync());
        Assert.Equal(["getRecord", "createRecord", "getRecord"], _calls.Select(c => c.Split('.')[^1]));
    }

    [Fact]
    public async Task A_5xx_on_create_with_the_post_at_the_key_is_done()
    {
        var key = Key();
        var created = false;
        _answers["com.atproto.repo.createRecord"] = _ =>
        {
            created = true;
            return Xrpc(HttpStatusCode.InternalServerError, "InternalServerError", "Internal Server Error");
        };
        _answers["com.atproto.repo.getRecord"] = _ => created
            ? Json(HttpStatusCode.OK, $$$"""{"uri":"at://{{{Did}}}/app.bsky.feed.post/{{{key}}}","cid":"bafyrei","value":{"text":"x","createdAt":"2026-12-07T09:00:00.000Z"}}""")
            : Xrpc(HttpStatusCode.BadRequest, "RecordNotFound", "Could not locate record");

        var done = Assert.IsType<ChannelOutcome.Done>(await PublishAsync(key, text: "x"));

        Assert.Equal($"at://{Did}/app.bsky.feed.post/{key}", done.PostId);
    }

    [Fact]
    public async Task Another_post_already_at_the_key_is_never_claimed_nor_overwritten()
    {
        var key = Key();
        _answers["com.atproto.repo.getRecord"] = _ =>
            Json(HttpStatusCode.OK, $$$"""{"uri":"at://{{{Did}}}/app.bsky.feed.post/{{{key}}}","cid":"bafyrei","value":{"text":"Un autre message","createdAt":"2026-12-07T09:00:00.000Z"}}""");

        var rejected = Assert.IsType<ChannelOutcome.Rejected>(await PublishAsync(key, text: "Appel à témoins"));

        Assert.Equal(409, rejected.StatusCode);
        Assert.DoesNotContain(_calls, c => c.EndsWith("createRecord", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_time_out_on_create_is_ambiguous()
    {
        _answers["com.atproto.repo.createRecord"] = _ => throw new TaskCanceledException("timed out");

        Assert.IsType<ChannelOutcome.Ambiguous>(await PublishAsync());
    }

    [Fact]
    public async Task A_refused_connection_on_create_is_not_sent()
    {
        _answers["com.atproto.repo.createRecord"] = _ => throw new HttpRequestException(HttpRequestError.ConnectionError, "connection refused");

        Assert.IsType<ChannelOutcome.NotSent>(await PublishAsync());
    }

    [Fact]
    public async Task An_invalid_request_is_rejected_with_the_pds_detail()
    {
        _answers["com.atproto.repo.createRecord"] = _ => Xrpc(HttpStatusCode.BadRequest, "InvalidRequest", "Invalid app.bsky.feed.post record: Record/text must not be longer than 300 graphemes");

        var rejected = Assert.IsType<ChannelOutcome.Rejected>(await PublishAsync());

        Assert.Equal(400, rejected.StatusCode);
        Assert.Equal("InvalidRequest: Invalid app.bsky.feed.post record: Record/text must not be longer than 300 graphemes", rejected.Detail);
    }

    [Fact]
    public async Task A_failed_upload_creates_nothing_so_a_5xx_there_is_not_sent()
    {
        _answers["com.atproto.repo.uploadBlob"] = _ => Xrpc(HttpStatusCode.InternalServerError, "InternalServerError", "boom");

        Assert.IsType<ChannelOutcome.NotSent>(await PublishAsync(photos: [Photo()]));
        Assert.DoesNotContain(_calls, c => c.EndsWith("createRecord", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_text_over_300_graphemes_is_refused_before_any_call()
    {
        var rejected = Assert.IsType<ChannelOutcome.Rejected>(await PublishAsync(text: new string('é', 301)));

        Assert.Contains("301", rejected.Detail, StringComparison.Ordinal);
        Assert.Empty(_calls);
    }

    [Fact]
    public async Task An_expired_token_is_refreshed_and_the_call_made_once_more()
    {
        var refreshed = false;
        _answers["com.atproto.server.refreshSession"] = _ =>
        {
            refreshed = true;
            return Json(HttpStatusCode.OK, $$"""{"did":"{{Did}}","handle":"dipn44.bsky.social","accessJwt":"new-access","refreshJwt":"new-refresh"}""");
        };
        _answers["com.atproto.repo.createRecord"] = request => request.Headers.Authorization!.Parameter == "new-access"
            ? Json(HttpStatusCode.OK, $$"""{"uri":"at://{{Did}}/app.bsky.feed.post/x","cid":"bafyrei"}""")
            : Xrpc(HttpStatusCode.BadRequest, "ExpiredToken", "Token has expired");

        Assert.IsType<ChannelOutcome.Done>(await PublishAsync());
        Assert.True(refreshed);
        Assert.Equal("new-refresh", _store.Connection!.Credentials.RefreshJwt);
    }

    [Fact]
    public async Task A_refused_refresh_then_a_refused_app_password_is_unauthorized_and_marks_the_account()
    {
        _answers["com.atproto.server.refreshSession"] = _ => Xrpc(HttpStatusCode.BadRequest, "ExpiredToken", "Token has expired");
        _answers["com.atproto.server.createSession"] = _ => Xrpc(HttpStatusCode.Unauthorized, "AuthenticationRequired", "Invalid identifier or password");
        _answers["com.atproto.repo.createRecord"] = _ => Xrpc(HttpStatusCode.BadRequest, "ExpiredToken", "Token has expired");

        var unauthorized = Assert.IsType<ChannelOutcome.Unauthorized>(await PublishAsync());

        Assert.False(unauthorized.CredentialsChanged);
        Assert.True(_store.Marked);
    }

    [Fact]
    public async Task Credentials_replaced_during_the_refusal_are_not_the_accounts_fault()
    {
        _answers["com.atproto.server.refreshSession"] = _ => Xrpc(HttpStatusCode.BadRequest, "ExpiredToken", "Token has expired");
        _answers["com.atproto.server.createSession"] = _ =>
        {
            _store.ReplaceByAdministrator();
            return Xrpc(HttpStatusCode.Unauthorized, "AuthenticationRequired", "Invalid identifier or password");
        };
        _answers["com.atproto.repo.createRecord"] = _ => Xrpc(HttpStatusCode.BadRequest, "ExpiredToken", "Token has expired");

        Assert.True(Assert.IsType<ChannelOutcome.Unauthorized>(await PublishAsync()).CredentialsChanged);
        Assert.False(_store.Marked);
    }

    [Fact]
    public async Task Deleting_a_post_the_pds_no_longer_has_is_done_and_a_5xx_is_ambiguous()
    {
        _answers["com.atproto.repo.deleteRecord"] = _ => Xrpc(HttpStatusCode.BadRequest, "RecordNotFound", "Could not locate record");
        Assert.IsType<ChannelOutcome.Done>(await Channel().DeleteAsync(Account, $"at://{Did}/app.bsky.feed.post/{Key()}", CancellationToken.None));

        _answers["com.atproto.repo.deleteRecord"] = _ => Xrpc(HttpStatusCode.BadGateway, null, null);
        Assert.IsType<ChannelOutcome.Ambiguous>(await Channel().DeleteAsync(Account, $"at://{Did}/app.bsky.feed.post/{Key()}", CancellationToken.None));
    }

    [Fact]
    public async Task A_post_of_another_repository_is_never_deleted()
    {
        var outcome = await Channel().DeleteAsync(Account, $"at://did:plc:someoneelse234567abcdefg/app.bsky.feed.post/{Key()}", CancellationToken.None);

        Assert.IsType<ChannelOutcome.Rejected>(outcome);
        Assert.Empty(_calls);
    }

    [Fact]
    public async Task Recent_posts_stopped_by_the_page_limit_are_incomplete()
    {
        var page = 0;
        _answers["com.atproto.repo.listRecords"] = _ =>
        {
            var key = Tid.From(Now.AddSeconds(-page++), 0).Value;
            return Json(HttpStatusCode.OK, $$$"""{"records":[{"uri":"at://{{{Did}}}/app.bsky.feed.post/{{{key}}}","cid":"c","value":{"text":"x","createdAt":"2026-12-07T09:00:00.000Z"}}],"cursor":"{{{key}}}"}""");
        };
        var channel = new BlueskyPublishingChannel(Client(), Sessions(), Options.Create(new BlueskyOptions { MaxRecentPages = 3, RecentPageSize = 1 }), _clock);

        var read = await channel.FindRecentPostsAsync(Account, Now.AddHours(-1), CancellationToken.None);

        Assert.False(read.Complete);
        Assert.Equal(3, read.Posts!.Count);
    }

    [Fact]
    public void The_post_url_uses_the_handle_and_the_record_key()
    {
        Assert.Equal("https://bsky.app/profile/dipn44.bsky.social/post/3lbbbbbbbbb22", Channel().PostUrl(Account, $"at://{Did}/app.bsky.feed.post/3lbbbbbbbbb22"));
    }

    private Task<ChannelOutcome> PublishAsync(string? key = null, string text = "Appel à témoins #Nantes", IReadOnlyList<MessagePhoto>? photos = null) =>
        Channel().PublishAsync(Account, new ChannelPost(1, text, photos ?? [], ClientKey: key ?? Key()), CancellationToken.None);

    private static string Key() => Tid.From(Now, 3).Value;

    private BlueskyPublishingChannel Channel() => new(Client(), Sessions(), Options.Create(new BlueskyOptions()), _clock);

    private BlueskySessions Sessions() => new(_store, Client(), _clock, NullLogger<BlueskySessions>.Instance);

    private BlueskyClient Client() => new(new HttpClient(new Handler(this)), _clock, NullLogger<BlueskyClient>.Instance);

    private static MessagePhoto Photo() => new() { ContentType = "image/png", Content = [1, 2, 3], AltText = "Photo" };

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private static HttpResponseMessage Xrpc(HttpStatusCode status, string? error, string? message) =>
        Json(status, error is null ? "{}" : $$"""{"error":"{{error}}","message":"{{message}}"}""");

    private sealed class Handler(BlueskyOutcomeTests test) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var nsid = request.RequestUri!.AbsolutePath["/xrpc/".Length..];
            test._calls.Add(nsid);
            return test._answers.TryGetValue(nsid, out var answer)
                ? Task.FromResult(answer(request))
                : throw new InvalidOperationException($"unexpected call {nsid}");
        }
    }
}
