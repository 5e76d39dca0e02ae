using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.FakeX;
using PoliceFeeds.Infrastructure.XApi;
using PoliceFeeds.IntegrationTests.Publishing;

namespace PoliceFeeds.IntegrationTests.XApi;

/// <summary>The typed client against the fake X: requests in X's documented shapes, answers mapped to outcomes.</summary>
public sealed class XApiClientTests : IAsyncLifetime
{
    private LivePublishing _live = null!;
    private XAuth _auth = null!;
    private FakeXAccount _account = null!;

    public async Task InitializeAsync()
    {
        _live = await LivePublishing.StartAsync(requestTimeout: TimeSpan.FromSeconds(2));
        _account = _live.X.AddOAuth1Account("PoliceNat35", "tok", "toksecret");
        _auth = new XAuth.OAuth1(_live.X.ConsumerKey, _live.X.ConsumerSecret, "tok", "toksecret");
    }

    public async Task DisposeAsync() => await _live.DisposeAsync();

    private IXApiClient Client => _live.Factory.Services.GetRequiredService<IXApiClient>();

    [Fact]
    public async Task Signed_requests_are_accepted_and_a_wrong_secret_is_unauthorized()
    {
        Assert.IsType<XOutcome<XUser>.Success>(await Client.GetMeAsync(_auth, CancellationToken.None));

        var wrong = new XAuth.OAuth1(_live.X.ConsumerKey, "not-the-secret", "tok", "toksecret");
        Assert.IsType<XOutcome<XUser>.Unauthorized>(await Client.GetMeAsync(wrong, CancellationToken.None));
    }

    [Fact]
    public async Task Post_reply_delete_and_metrics()
    {
        // Replies to one's own posts: X does not document whether its reply rule allows them.
        _live.X.Behaviour.ReplyRule = FakeXReplyRule.MentionedOrQuotedOrSelf;
        var created = Assert.IsType<XOutcome<XPostCreated>.Success>(await Client.CreatePostAsync(_auth, new XCreatePostRequest("Premier message"), CancellationToken.None)).Value;
        var reply = Assert.IsType<XOutcome<XPostCreated>.Success>(await Client.CreatePostAsync(_auth, new XCreatePostRequest("Suite", InReplyToPostId: created.Id), CancellationToken.None)).Value;
        Assert.Equal(created.Id, _live.X.Posts.Single(p => p.Id == reply.Id).InReplyTo);

        var post = _live.X.Posts.Single(p => p.Id == created.Id);
        post.Likes = 7;
        post.Impressions = 1200;
        var metrics = Assert.IsType<XOutcome<IReadOnlyList<XPostMetrics>>.Success>(await Client.GetPublicMetricsAsync(_auth, [created.Id], CancellationToken.None)).Value;
        Assert.Equal((7L, 1200L), (metrics[0].Likes, metrics[0].Impressions));

        Assert.IsType<XOutcome<bool>.Success>(await Client.DeletePostAsync(_auth, created.Id, CancellationToken.None));
        Assert.True(_live.X.Posts.Single(p => p.Id == created.Id).Deleted);
        // Deleting a post X no longer has counts as done.
        Assert.IsType<XOutcome<bool>.Success>(await Client.DeletePostAsync(_auth, created.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Each_fault_maps_to_its_outcome_and_a_post_is_never_retried_by_the_pipeline()
    {
        var reset = _live.Factory.Now.AddMinutes(15);
        _live.X.Faults.Enqueue(FakeXEndpoint.CreatePost,
            FakeXFault.ServerError(503), FakeXFault.RateLimited(reset), FakeXFault.Unauthorized(), FakeXFault.Duplicate(), FakeXFault.AcceptThenHang());

        Assert.IsType<XOutcome<XPostCreated>.TransientFailure>(await Client.CreatePostAsync(_auth, new XCreatePostRequest("a"), CancellationToken.None));
        Assert.Equal(1, _live.X.RequestCount(FakeXEndpoint.CreatePost));
        var limited = Assert.IsType<XOutcome<XPostCreated>.RateLimited>(await Client.CreatePostAsync(_auth, new XCreatePostRequest("b"), CancellationToken.None));
        Assert.Equal(reset.ToUnixTimeSeconds(), new DateTimeOffset(limited.UntilUtc).ToUnixTimeSeconds());
        Assert.IsType<XOutcome<XPostCreated>.Unauthorized>(await Client.CreatePostAsync(_auth, new XCreatePostRequest("c"), CancellationToken.None));
        Assert.IsType<XOutcome<XPostCreated>.Duplicate>(await Client.CreatePostAsync(_auth, new XCreatePostRequest("d"), CancellationToken.None));
        var hang = Assert.IsType<XOutcome<XPostCreated>.TransientFailure>(await Client.CreatePostAsync(_auth, new XCreatePostRequest("e"), CancellationToken.None));
        Assert.True(hang.Ambiguous);
        Assert.Single(_live.X.Posts, p => p.Text == "e");
        Assert.Equal(5, _live.X.RequestCount(FakeXEndpoint.CreatePost));
    }

    [Fact]
    public async Task Get_is_retried_by_the_pipeline()
    {
        _live.X.Faults.Enqueue(FakeXEndpoint.UsersMe, FakeXFault.ServerError(503));

        Assert.IsType<XOutcome<XUser>.Success>(await Client.GetMeAsync(_auth, CancellationToken.None));
        Assert.Equal(2, _live.X.RequestCount(FakeXEndpoint.UsersMe));
    }

    [Fact]
    public async Task Unknown_properties_and_bad_ids_are_refused_by_the_schema_check()
    {
        var outcome = await Client.CreatePostAsync(_auth, new XCreatePostRequest("Texte", MediaIds: ["pas-un-id"]), CancellationToken.None);

        var rejected = Assert.IsType<XOutcome<XPostCreated>.Rejected>(outcome);
        Assert.Equal(400, rejected.StatusCode);
        Assert.Empty(_live.X.Posts);
    }

    [Fact]
    public async Task Photo_upload_and_alt_text_use_the_v2_media_endpoints()
    {
        var media = Assert.IsType<XOutcome<XMediaUploaded>.Success>(await Client.UploadImageAsync(_auth, PoliceFeeds.IntegrationTests.Messages.MessageTestData.Png, "image/png", CancellationToken.None)).Value;
        Assert.IsType<XOutcome<bool>.Success>(await Client.SetAltTextAsync(_auth, media.Id, "Description", CancellationToken.None));
        Assert.NotNull(media.ExpiresAtUtc);

        var post = Assert.IsType<XOutcome<XPostCreated>.Success>(await Client.CreatePostAsync(_auth, new XCreatePostRequest("Avec photo", [media.Id]), CancellationToken.None)).Value;
        Assert.Equal(["Description"], _live.X.Posts.Single(p => p.Id == post.Id).AltTexts);
        Assert.Equal(1, _live.X.RequestCount(FakeXEndpoint.MediaUpload));
        // The upload, the metadata and the post all passed X's 2.167 schemas (no media_type in the one-shot upload).
        Assert.Empty(_live.X.SchemaViolations);
    }
}
