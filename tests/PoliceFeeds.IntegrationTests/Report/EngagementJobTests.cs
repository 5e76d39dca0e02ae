using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Core.Sandbox;
using PoliceFeeds.FakeX;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Engagement;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Publishing;

namespace PoliceFeeds.IntegrationTests.Report;

/// <summary>The engagement job against the fake X: batches of 100 ids, history kept, 429 respected, sandbox skipped.</summary>
public sealed class EngagementJobTests : IAsyncLifetime
{
    private const int Department = 5;
    private LivePublishing _live = null!;
    private FakeXAccount _account = null!;
    private readonly FakeTimeProvider _clock = new(TestClock.DefaultStart);

    public async Task InitializeAsync()
    {
        _live = await LivePublishing.StartAsync();
        _account = await _live.MakeLiveAsync(Department);
    }

    public async Task DisposeAsync() => await _live.DisposeAsync();

    private async Task<EngagementRound> RunAsync()
    {
        await using var scope = _live.Factory.CreateScope();
        var processor = ActivatorUtilities.CreateInstance<EngagementProcessor>(scope.ServiceProvider, (TimeProvider)_clock, Options.Create(new EngagementOptions()));
        return await processor.RunOnceAsync(CancellationToken.None);
    }

    /// <summary>Published messages of the live department whose posts exist on the fake X, with metrics.</summary>
    private async Task<List<(long MessageId, FakeXPost Post)>> PublishedAsync(int count, TimeSpan age)
    {
        var publishedAt = _clock.GetUtcNow().UtcDateTime - age;
        var posts = Enumerable.Range(0, count).Select(i =>
        {
            var post = _live.X.AddPost(_account, $"Publication {i} {Guid.NewGuid():N}", publishedAt);
            post.Impressions = 1000 + i;
            post.Likes = i;
            post.Reposts = 2;
            post.Replies = 1;
            post.Quotes = 3;
            return post;
        }).ToList();
        var ids = await PublishingTestData.AddDueMessagesAsync(_live.Factory, Department, count, publishedAt, "Publiée");
        await using var scope = _live.Factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        for (var i = 0; i < count; i++)
        {
            var id = ids[i];
            var postId = posts[i].Id;
            await db.Messages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, MessageStatus.Published)
                .SetProperty(m => m.PublishedAtUtc, publishedAt)
                .SetProperty(m => m.XPostId, postId));

            // Its delivery to the department's live X account: what the job measures.
            await db.Deliveries.Where(d => d.MessageId == id).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, DeliveryStatus.Sent)
                .SetProperty(d => d.Mode, DeliveryMode.Live)
                .SetProperty(d => d.SentAtUtc, publishedAt)
                .SetProperty(d => d.RemotePostId, postId));
        }

        return ids.Zip(posts).ToList();
    }

    private Task<int> SnapshotCountAsync() => PublishingTestData.WithDbAsync(_live.Factory, db => db.PostMetricsSnapshots.CountAsync());

    [Fact]
    public async Task Asks_100_ids_per_call_and_keeps_every_snapshot()
    {
        var published = await PublishedAsync(150, TimeSpan.FromHours(3));

        var first = await RunAsync();

        Assert.Equal(2, first.Calls);
        Assert.Equal(150, first.Snapshots);
        Assert.Equal([100, 50], _live.X.LookupRequests.Select(r => r.Count));
        Assert.Equal(published.Select(p => p.Post.Id).Order(), _live.X.LookupRequests.SelectMany(r => r).Order());
        var (messageId, post) = published[7];
        var snapshot = await PublishingTestData.WithDbAsync(_live.Factory, db => db.PostMetricsSnapshots.SingleAsync(s => s.MessageId == messageId));
        Assert.Equal((1007L, 7L, 2L, 1L, 3L), (snapshot.Impressions, snapshot.Likes, snapshot.Reposts, snapshot.Replies, snapshot.Quotes));
        Assert.Equal(_clock.GetUtcNow().UtcDateTime, snapshot.TakenAtUtc);

        // Not due again before the recent posts' interval (1 hour).
        _clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(0, (await RunAsync()).Calls);

        post.Impressions = 5000;
        _clock.Advance(TimeSpan.FromMinutes(2));
        var second = await RunAsync();

        Assert.Equal(2, second.Calls);
        Assert.Equal(300, await SnapshotCountAsync());
        var history = await PublishingTestData.WithDbAsync(_live.Factory, db => db.PostMetricsSnapshots.Where(s => s.MessageId == messageId).OrderBy(s => s.TakenAtUtc).Select(s => s.Impressions).ToListAsync());
        Assert.Equal([1007L, 5000L], history);
    }

    [Fact]
    public async Task A_429_stops_the_account_until_the_reset_then_it_resumes()
    {
        await PublishedAsync(120, TimeSpan.FromHours(1));
        var reset = _clock.GetUtcNow().AddMinutes(15);
        _live.X.Faults.Enqueue(FakeXEndpoint.PostsLookup, FakeXFault.RateLimited(reset));

        var limited = await RunAsync();

        Assert.Equal(1, limited.Calls);
        Assert.Equal(1, limited.RateLimitedAccounts);
        Assert.Equal(0, await SnapshotCountAsync());
        var account = await _live.AccountAsync(Department);
        Assert.Equal(reset.ToUnixTimeSeconds(), new DateTimeOffset(account.MetricsRateLimitedUntilUtc!.Value).ToUnixTimeSeconds());
        Assert.Null(account.RateLimitedUntilUtc); // Publishing is not held by the metrics limit.

        // No call at all before the reset.
        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, (await RunAsync()).Calls);
        _clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(0, (await RunAsync()).Calls);
        Assert.Equal(1, _live.X.RequestCount(FakeXEndpoint.PostsLookup));

        _clock.Advance(TimeSpan.FromMinutes(2));
        var resumed = await RunAsync();

        Assert.Equal(2, resumed.Calls);
        Assert.Equal(120, resumed.Snapshots);
        Assert.Equal(3, _live.X.RequestCount(FakeXEndpoint.PostsLookup));
    }

    [Fact]
    public async Task Sandbox_posts_and_posts_older_than_the_limit_are_not_asked()
    {
        var recent = await PublishedAsync(3, TimeSpan.FromHours(5));
        var old = await PublishedAsync(2, TimeSpan.FromDays(31));
        // Published while the account was still in sandbox: its id is on the training timeline, not on X.
        await using (var scope = _live.Factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
            var sandboxId = recent[0].Post.Id;
            db.SandboxPosts.Add(new SandboxPost { PostId = sandboxId, DepartmentId = Department, Handle = "PoliceNat06", Text = "entraînement", CreatedAtUtc = _live.Factory.UtcNow });
            await db.SaveChangesAsync();
            var sandboxMessage = recent[0].MessageId;
            await db.Deliveries.Where(d => d.MessageId == sandboxMessage).ExecuteUpdateAsync(s => s.SetProperty(d => d.Mode, DeliveryMode.Training));
        }

        // Department 44 stays a sandbox account: its published messages are never asked.
        var sandboxMessages = await PublishingTestData.AddDueMessagesAsync(_live.Factory, DemoUsers.Department44, 2, _live.Factory.UtcNow.AddHours(-1), "Bac à sable",
            m => { m.Status = MessageStatus.Published; m.XPostId = "1234567890"; m.PublishedAtUtc = _live.Factory.UtcNow.AddHours(-1); });

        var round = await RunAsync();

        Assert.Equal(1, round.Calls);
        Assert.Equal([recent[1].Post.Id, recent[2].Post.Id], _live.X.LookupRequests.Single().Order());
        Assert.Equal(2, await SnapshotCountAsync());
        Assert.DoesNotContain(old[0].Post.Id, _live.X.LookupRequests.Single());
        Assert.Equal(2, sandboxMessages.Count);
    }

    [Fact]
    public async Task Older_posts_are_measured_once_a_day()
    {
        var published = await PublishedAsync(1, TimeSpan.FromDays(5));
        Assert.Equal(1, (await RunAsync()).Snapshots);

        _clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(0, (await RunAsync()).Calls);
        _clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, (await RunAsync()).Snapshots);
        Assert.Single(published);
    }
}
