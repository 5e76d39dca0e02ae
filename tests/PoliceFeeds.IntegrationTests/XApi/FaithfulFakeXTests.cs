using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PoliceFeeds.FakeX;
using PoliceFeeds.Infrastructure.XApi;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Publishing;

namespace PoliceFeeds.IntegrationTests.XApi;

/// <summary>
/// The client against the fake X behaving as X does: rewritten texts read back and recognised, timeline lag, the reply
/// rule, errors' real reasons, limits with X's headers, the duplicate rule per account, schema checks on every request.
/// </summary>
public sealed class FaithfulFakeXTests : IAsyncLifetime
{
    private LivePublishing _live = null!;
    private XAuth _auth = null!;
    private FakeXAccount _account = null!;

    public async Task InitializeAsync()
    {
        _live = await LivePublishing.StartAsync(requestTimeout: TimeSpan.FromSeconds(2));
        _account = _live.X.AddOAuth1Account("PoliceNat13", "tok13", "secret13");
        _auth = new XAuth.OAuth1(_live.X.ConsumerKey, _live.X.ConsumerSecret, "tok13", "secret13");
    }

    public async Task DisposeAsync() => await _live.DisposeAsync();

    private IXApiClient Client => _live.Factory.Services.GetRequiredService<IXApiClient>();

    private async Task<XPostCreated> PostAsync(string text, IReadOnlyList<string>? media = null) =>
        Assert.IsType<XOutcome<XPostCreated>.Success>(await Client.CreatePostAsync(_auth, new XCreatePostRequest(text, media), CancellationToken.None)).Value;

    private async Task<IReadOnlyList<XPostSummary>> RecentAsync(int maxPages = 3) => (await ReadAsync(maxPages)).Posts;

    private async Task<XRecentPosts> ReadAsync(int maxPages = 3) =>
        Assert.IsType<XOutcome<XRecentPosts>.Success>(
            await Client.GetRecentPostsAsync(_auth, _account.Id, _live.Factory.UtcNow.AddHours(-1), CancellationToken.None, maxPages)).Value;

    [Fact]
    public async Task Texts_come_back_as_X_rewrites_them_and_the_matcher_recognises_them()
    {
        const string withUrl = "Travaux sur l'A7 : https://www.bison-fute.gouv.fr/carte et exemple.fr/deviation";
        const string withAmpersand = "Contrôles & prévention <ce soir> : soyez prudents 🚓";
        const string withPhoto = "Avis de recherche : Léa, 14 ans. Appelez le 17.";
        var media = Assert.IsType<XOutcome<XMediaUploaded>.Success>(await Client.UploadImageAsync(_auth, PoliceFeeds.IntegrationTests.Messages.MessageTestData.Png, "image/png", CancellationToken.None)).Value;

        var created = await PostAsync(withUrl);
        await PostAsync(withAmpersand);
        await PostAsync(withPhoto, [media.Id]);

        // The create answer already carries X's text.
        Assert.Matches(@"^Travaux sur l'A7 : https://t\.co/[A-Za-z0-9]{10} et https://t\.co/[A-Za-z0-9]{10}$", created.Text);
        var recent = await RecentAsync();
        var url = recent.Single(p => p.Id == created.Id);
        Assert.Equal(["https://www.bison-fute.gouv.fr/carte", "http://exemple.fr/deviation"], url.Urls.Select(u => u.ExpandedUrl));
        Assert.All(url.Urls, u => Assert.Equal(23, u.Url.Length));
        Assert.NotNull(url.CreatedAtUtc);
        var ampersand = recent.Single(p => p.Text.Contains("&amp;", StringComparison.Ordinal));
        Assert.Equal("Contrôles &amp; prévention &lt;ce soir&gt; : soyez prudents 🚓", ampersand.Text);
        var photo = recent.Single(p => p.MediaKeys.Count == 1);
        Assert.Matches(@"^Avis de recherche : Léa, 14 ans\. Appelez le 17\. https://t\.co/[A-Za-z0-9]{10}$", photo.Text);
        Assert.Equal(photo.MediaKeys[0], Assert.Single(photo.Urls).MediaKey);

        Assert.True(url.IsPostOf(withUrl));
        Assert.True(ampersand.IsPostOf(withAmpersand));
        Assert.True(photo.IsPostOf(withPhoto, sentPhotoCount: 1));
        Assert.False(photo.IsPostOf(withPhoto, sentPhotoCount: 0));
        Assert.False(url.IsPostOf(withAmpersand));
        Assert.Empty(_live.X.SchemaViolations);
    }

    [Fact]
    public async Task The_timeline_lags_behind_creates_on_the_fakes_clock()
    {
        var clock = new FakeTimeProvider(TestClock.DefaultStart);
        _live.X.Clock = clock;
        _live.X.Behaviour.TimelineLag = TimeSpan.FromSeconds(10);
        var created = await PostAsync("Route barrée à Aix");

        Assert.Empty(await RecentAsync());
        clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(created.Id, Assert.Single(await RecentAsync()).Id);
    }

    [Fact]
    public async Task Recent_posts_follow_the_pagination_token_up_to_the_page_limit()
    {
        for (var i = 0; i < 130; i++)
        {
            _live.X.AddPost(_account, $"Message {i}", _live.Factory.Now.AddMinutes(-30).AddSeconds(i));
        }

        var all = await ReadAsync();
        Assert.Equal((130, true), (all.Posts.Count, all.Complete));

        // Cut short by the page limit with posts left: the read says so (a post it does not show proves nothing).
        var cut = await ReadAsync(maxPages: 1);
        Assert.Equal((100, false), (cut.Posts.Count, cut.Complete));
        Assert.Equal("Message 129", (await RecentAsync())[0].Text);
    }

    [Fact]
    public async Task A_reply_refused_by_X_reply_rule_is_its_own_outcome_and_a_mention_lets_it_through()
    {
        var other = _live.X.AddOAuth1Account("Prefet13", "tok-prefet", "secret-prefet");
        var plain = _live.X.AddPost(other, "Alerte météo orange sur les Bouches-du-Rhône", _live.Factory.Now);
        var mentioning = _live.X.AddPost(other, "Merci à @PoliceNat13 pour son aide", _live.Factory.Now);

        var refused = await Client.CreatePostAsync(_auth, new XCreatePostRequest("Soyez prudents", InReplyToPostId: plain.Id), CancellationToken.None);
        var mine = await PostAsync("Fermeture du tunnel");
        var selfReply = await Client.CreatePostAsync(_auth, new XCreatePostRequest("Réouverture du tunnel", InReplyToPostId: mine.Id), CancellationToken.None);

        Assert.Contains("not been mentioned or otherwise engaged by the author", Assert.IsType<XOutcome<XPostCreated>.ReplyRefused>(refused).Detail, StringComparison.Ordinal);
        Assert.IsType<XOutcome<XPostCreated>.ReplyRefused>(selfReply);
        Assert.IsType<XOutcome<XPostCreated>.Success>(await Client.CreatePostAsync(_auth, new XCreatePostRequest("Avec plaisir", InReplyToPostId: mentioning.Id), CancellationToken.None));
        // The fallback a publisher may choose: a quote of the original.
        var quote = Assert.IsType<XOutcome<XPostCreated>.Success>(await Client.CreatePostAsync(_auth, new XCreatePostRequest("Soyez prudents", QuotePostId: plain.Id), CancellationToken.None)).Value;
        Assert.Equal(plain.Id, _live.X.Posts.Single(p => p.Id == quote.Id).QuotePostId);
        Assert.DoesNotContain(_live.X.Posts, p => p.InReplyTo == plain.Id || p.InReplyTo == mine.Id);
    }

    [Fact]
    public async Task A_refusal_keeps_X_real_reason_rather_than_the_generic_detail()
    {
        var outcome = await Client.CreatePostAsync(_auth, new XCreatePostRequest("Suite", InReplyToPostId: "1234567890"), CancellationToken.None);

        Assert.Equal(new XOutcome<XPostCreated>.Rejected(400, "Your reply tweet ID is invalid."), outcome);
    }

    [Fact]
    public async Task The_duplicate_rule_is_per_account_and_recent_and_can_be_turned_off()
    {
        const string text = "Marché de Noël : stationnement interdit & contrôles https://exemple.fr";
        var other = _live.X.AddOAuth1Account("PoliceNat84", "tok84", "secret84");
        var otherAuth = new XAuth.OAuth1(_live.X.ConsumerKey, _live.X.ConsumerSecret, "tok84", "secret84");
        await PostAsync(text);

        Assert.IsType<XOutcome<XPostCreated>.Duplicate>(await Client.CreatePostAsync(_auth, new XCreatePostRequest(text), CancellationToken.None));
        Assert.IsType<XOutcome<XPostCreated>.Success>(await Client.CreatePostAsync(otherAuth, new XCreatePostRequest(text), CancellationToken.None));
        Assert.Equal(2, _live.X.Posts.Count);
        Assert.Single(_live.X.Posts, p => p.AccountId == other.Id);

        // Only a recent post counts: the same text posted 25 hours ago does not stop it, one posted an hour ago does.
        _live.X.AddPost(_account, "Collecte de jouets au commissariat", _live.Factory.Now.AddHours(-25));
        _live.X.AddPost(_account, "Fermeture du guichet samedi", _live.Factory.Now.AddHours(-1));
        Assert.IsType<XOutcome<XPostCreated>.Success>(await Client.CreatePostAsync(_auth, new XCreatePostRequest("Collecte de jouets au commissariat"), CancellationToken.None));
        Assert.IsType<XOutcome<XPostCreated>.Duplicate>(await Client.CreatePostAsync(_auth, new XCreatePostRequest("Fermeture du guichet samedi"), CancellationToken.None));

        // Off (as Bluesky and Mastodon have no such rule): a second identical post goes online, for tests to see it.
        _live.X.Behaviour.DuplicateGuard = false;
        Assert.IsType<XOutcome<XPostCreated>.Success>(await Client.CreatePostAsync(_auth, new XCreatePostRequest(text), CancellationToken.None));
        Assert.Equal(2, _live.X.Posts.Count(p => p.AccountId == _account.Id && p.SentText == text && !p.Deleted));
    }

    [Fact]
    public async Task A_spent_15_minute_window_answers_429_until_its_reset()
    {
        var clock = new FakeTimeProvider(TestClock.DefaultStart);
        _live.X.Clock = clock;
        _live.X.Limits.Per15Minutes[FakeXEndpoint.CreatePost] = 2;
        await PostAsync("Un");
        await PostAsync("Deux");

        var limited = Assert.IsType<XOutcome<XPostCreated>.RateLimited>(await Client.CreatePostAsync(_auth, new XCreatePostRequest("Trois"), CancellationToken.None));
        Assert.InRange(limited.UntilUtc, clock.GetUtcNow().UtcDateTime.AddMinutes(14), clock.GetUtcNow().UtcDateTime.AddMinutes(15).AddSeconds(1));
        clock.Advance(TimeSpan.FromMinutes(15));
        await PostAsync("Trois");
        Assert.Equal(3, _live.X.Posts.Count);
    }

    [Fact]
    public async Task A_spent_24_hour_quota_waits_for_the_day_not_the_15_minutes()
    {
        var clock = new FakeTimeProvider(TestClock.DefaultStart);
        _live.X.Clock = clock;
        _live.X.Limits.PostsPerAppPer24Hours = 1;
        await PostAsync("Premier du jour");
        var other = _live.X.AddOAuth1Account("PoliceNat84", "tok84", "secret84");

        // The app's quota is shared by every account.
        var limited = Assert.IsType<XOutcome<XPostCreated>.RateLimited>(await Client.CreatePostAsync(new XAuth.OAuth1(_live.X.ConsumerKey, _live.X.ConsumerSecret, "tok84", "secret84"), new XCreatePostRequest("Autre compte"), CancellationToken.None));
        Assert.True(limited.UntilUtc > clock.GetUtcNow().UtcDateTime.AddHours(23), $"until {limited.UntilUtc:o}");
        Assert.DoesNotContain(_live.X.Posts, p => p.AccountId == other.Id);
    }

    [Fact]
    public async Task Answers_carry_X_rate_limit_headers()
    {
        var bearer = "bearer-" + Guid.NewGuid().ToString("N");
        _live.X.AddBearerAccount("PoliceNat06", bearer);
        using var http = new HttpClient { BaseAddress = _live.X.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);

        using var created = await http.PostAsync("2/tweets", new StringContent("""{"text":"Bonjour"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("100", created.Headers.GetValues("x-rate-limit-limit").Single());
        Assert.Equal("99", created.Headers.GetValues("x-rate-limit-remaining").Single());
        Assert.True(long.Parse(created.Headers.GetValues("x-rate-limit-reset").Single(), System.Globalization.CultureInfo.InvariantCulture) > _live.Factory.Now.ToUnixTimeSeconds());
        Assert.Equal("2399", created.Headers.GetValues("x-user-limit-24hour-remaining").Single());
        Assert.Equal("9999", created.Headers.GetValues("x-app-limit-24hour-remaining").Single());
    }

    [Fact]
    public async Task Requests_outside_X_description_are_refused_with_the_reason()
    {
        var bearer = "bearer-" + Guid.NewGuid().ToString("N");
        var account = _live.X.AddBearerAccount("PoliceNat06", bearer);
        using var http = new HttpClient { BaseAddress = _live.X.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);

        // The one-shot upload of 2.165 with media_type, refused by 2.167 (additionalProperties: false).
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(PoliceFeeds.IntegrationTests.Messages.MessageTestData.Png), "media", "photo" },
            { new StringContent("tweet_image"), "media_category" },
            { new StringContent("image/png"), "media_type" },
        };
        using var upload = await http.PostAsync("2/media/upload", form);
        using var alt = await http.PostAsync("2/media/metadata", new StringContent("""{"id":"abc","metadata":{"alt_text":{"text":"x"}}}""", System.Text.Encoding.UTF8, "application/json"));
        using var timeline = await http.GetAsync($"2/users/{account.Id}/tweets?max_results=500&tweet.fields=created_at,colour&foo=bar");

        Assert.Equal(HttpStatusCode.BadRequest, upload.StatusCode);
        Assert.Contains("media_type", await upload.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, alt.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, timeline.StatusCode);
        var errors = (JsonNode.Parse(await timeline.Content.ReadAsStringAsync())!["errors"] as JsonArray)!.Select(e => e!["message"]!.GetValue<string>()).ToList();
        Assert.Contains(errors, e => e.Contains("max_results", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("colour", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("The query parameter [foo] is not one of", StringComparison.Ordinal));
        Assert.Equal(5, _live.X.SchemaViolations.Count);
    }
}
