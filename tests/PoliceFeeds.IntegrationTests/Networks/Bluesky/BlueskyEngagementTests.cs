using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Engagement;
using PoliceFeeds.Infrastructure.Networks.Bluesky;
using PoliceFeeds.Infrastructure.Publishing.Channels;

namespace PoliceFeeds.IntegrationTests.Networks.Bluesky;

/// <summary>
/// Bluesky's engagement reader. A PDS answers <c>app.bsky.feed.getPosts</c> through its AppView; the PDS on loopback has
/// none, so the real PDS shows the refusal (a failed read, nothing thrown), and the counts are read from an AppView's
/// answer at the HTTP handler.
/// </summary>
[Collection(BlueskyPdsCollection.Name)]
public sealed class BlueskyEngagementTests(BlueskyPdsFixture pds, BlueskyApp app) : IClassFixture<BlueskyApp>
{
    [Fact]
    public async Task A_pds_without_an_appview_refuses_the_read_and_the_reader_says_so()
    {
        var remote = await pds.CreateAccountAsync("dipn62e");
        var account = await app.ConnectAsync(pds, remote);
        var key = app.NewClientKey();
        await using var scope = app.Factory.CreateScope();
        var posted = Assert.IsType<ChannelOutcome.Done>(await BlueskyApp.RegisteredChannel(scope).PublishAsync(account, BlueskyApp.Post("Prévention cambriolages #Lens", key), CancellationToken.None));

        var reader = scope.ServiceProvider.GetRequiredKeyedService<IEngagementReader>(PublishingNetwork.Bluesky);
        var read = await reader.ReadAsync(account, [posted.PostId!], CancellationToken.None);

        Assert.Empty(read.Posts);
        // "No service configured for app.bsky.feed.getPosts": the PDS has no AppView to ask.
        Assert.StartsWith("400 InvalidRequest", read.Failure, StringComparison.Ordinal);
        Assert.Null(read.RateLimitedUntilUtc);
    }

    [Fact]
    public async Task The_counts_come_from_get_posts_by_at_uri_with_the_session()
    {
        var handler = new AppViewAnswer(HttpStatusCode.OK, """
            {"posts":[
              {"uri":"at://did:plc:abc/app.bsky.feed.post/3l2a","cid":"x","likeCount":12,"repostCount":4,"replyCount":2,"quoteCount":1},
              {"uri":"at://did:plc:abc/app.bsky.feed.post/3l2b","cid":"y","likeCount":0}
            ]}
            """);
        var client = new BlueskyClient(new HttpClient(handler), TimeProvider.System, NullLogger<BlueskyClient>.Instance);

        var read = await client.GetPostCountsAsync("https://pds.example", "jwt-1", ["at://did:plc:abc/app.bsky.feed.post/3l2a", "at://did:plc:abc/app.bsky.feed.post/3l2b"], CancellationToken.None);

        var posts = Assert.IsType<BlueskyResult<IReadOnlyList<BlueskyPostCounts>>.Ok>(read).Value;
        Assert.Equal(
            [new BlueskyPostCounts("at://did:plc:abc/app.bsky.feed.post/3l2a", 12, 4, 2, 1), new BlueskyPostCounts("at://did:plc:abc/app.bsky.feed.post/3l2b", 0, 0, 0, 0)],
            posts);
        Assert.Equal(
            "https://pds.example/xrpc/app.bsky.feed.getPosts?uris=at%3A%2F%2Fdid%3Aplc%3Aabc%2Fapp.bsky.feed.post%2F3l2a&uris=at%3A%2F%2Fdid%3Aplc%3Aabc%2Fapp.bsky.feed.post%2F3l2b",
            handler.Asked!.RequestUri!.AbsoluteUri);
        Assert.Equal("Bearer jwt-1", handler.Asked.Headers.Authorization!.ToString());
    }

    [Fact]
    public async Task The_reader_turns_the_appview_s_counts_into_a_delivery_s_engagement()
    {
        var remote = await pds.CreateAccountAsync("dipn62f");
        var account = await app.ConnectAsync(pds, remote);
        var uri = $"at://{remote.Did}/app.bsky.feed.post/3l2c";
        var handler = new AppViewAnswer(HttpStatusCode.OK, $$"""{"posts":[{"uri":"{{uri}}","cid":"x","likeCount":5,"repostCount":3,"replyCount":1,"quoteCount":2}]}""", passThroughTo: pds.Url);
        await using var scope = app.Factory.CreateScope();
        var services = scope.ServiceProvider;
        var client = new BlueskyClient(new HttpClient(handler), services.GetRequiredService<TimeProvider>(), NullLogger<BlueskyClient>.Instance);
        var reader = new BlueskyEngagementReader(client, ActivatorUtilities.CreateInstance<BlueskySessions>(services, client), services.GetRequiredService<TimeProvider>());

        var read = await reader.ReadAsync(account, [uri], CancellationToken.None);

        Assert.False(read.Stopped);
        Assert.Equal(new PostEngagement(uri, 0, 5, 3, 1, 2), Assert.Single(read.Posts));
    }

    /// <summary>Answers <c>getPosts</c> as an AppView would; every other call goes to the real PDS when one is given.</summary>
    private sealed class AppViewAnswer(HttpStatusCode status, string body, Uri? passThroughTo = null) : DelegatingHandler(new HttpClientHandler())
    {
        public HttpRequestMessage? Asked { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath.EndsWith("/app.bsky.feed.getPosts", StringComparison.Ordinal) || passThroughTo is null)
            {
                Asked = request;
                return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
