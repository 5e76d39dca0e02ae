using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.FakeX;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.IntegrationTests.Messages;

namespace PoliceFeeds.IntegrationTests.Publishing;

/// <summary>The fault matrix of publishing to X, against the fake X API v2 over HTTP.</summary>
public sealed class LivePublishingTests : IAsyncLifetime
{
    private const int Department = 5;
    private LivePublishing _live = null!;

    public async Task InitializeAsync()
    {
        _live = await LivePublishing.StartAsync(requestTimeout: TimeSpan.FromMilliseconds(1500));
        await _live.MakeLiveAsync(Department);
    }

    public async Task DisposeAsync() => await _live.DisposeAsync();

    private Task<List<long>> DueAsync(int count = 1, string prefix = "Message", Action<Message>? customise = null) =>
        PublishingTestData.AddDueMessagesAsync(_live.Factory, Department, count, _live.Factory.UtcNow.AddSeconds(-1), prefix, customise);

    private int PostsOf(long id, Message message) => _live.X.Posts.Count(p => p.Text == message.Text && !p.Deleted);

    [Fact]
    public async Task Happy_path_posts_once_with_photos_and_alt_text()
    {
        var id = (await DueAsync(1, "Avec photos", m => m.Photos.AddRange(
        [
            new MessagePhoto { Position = 0, ContentType = "image/png", Content = MessageTestData.Png, Length = MessageTestData.Png.Length, AltText = "Le chien renifleur de la brigade" },
            new MessagePhoto { Position = 1, ContentType = "image/png", Content = MessageTestData.Png, Length = MessageTestData.Png.Length, AltText = "Le maître-chien" },
        ])))[0];

        await _live.RunOnceAsync();

        var message = await _live.MessageAsync(id);
        Assert.Equal(MessageStatus.Published, message.Status);
        var post = Assert.Single(_live.X.Posts, p => p.Id == message.XPostId);
        // The text sent; X stores it with a t.co link to the photos appended.
        Assert.Equal(message.Text, post.SentText);
        Assert.Equal(2, post.MediaIds.Count);
        Assert.Equal(["Le chien renifleur de la brigade", "Le maître-chien"], post.AltTexts);
        Assert.Equal($"https://x.com/{_live.Accounts[Department].Username}/status/{post.Id}", message.XPostUrl);
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(500, false)]
    [InlineData(503, true)]
    [InlineData(503, false)]
    public async Task A_5xx_that_created_nothing_is_rescheduled_then_checked_before_posting_again_and_makes_one_post(int status, bool duplicateGuard)
    {
        _live.X.Behaviour.DuplicateGuard = duplicateGuard;
        var id = (await DueAsync())[0];
        _live.X.Faults.Enqueue(FakeXEndpoint.CreatePost, FakeXFault.ServerError(status));

        // A 5xx after a create proves nothing: never retried in place, the marker kept.
        await _live.RunOnceAsync();
        var afterFirst = await _live.MessageAsync(id);
        Assert.Equal(MessageStatus.Approved, afterFirst.Status);
        var delivery = await _live.DeliveryAsync(id);
        Assert.Equal(DeliveryFailure.PossiblySent, delivery.Failure);
        Assert.NotNull(delivery.PossiblySentSinceUtc);
        Assert.Equal(1, _live.X.RequestCount(FakeXEndpoint.CreatePost));

        await _live.DrainAsync([id], TimeSpan.FromSeconds(10));

        var message = await _live.MessageAsync(id);
        Assert.Equal(MessageStatus.Published, message.Status);
        Assert.Equal(1, PostsOf(id, message));
        Assert.Equal(2, _live.X.RequestCount(FakeXEndpoint.CreatePost));
        // Read before posting again: once, or twice when the first read came within the settle time after the attempt
        // and could not yet conclude (seen on a loaded machine).
        Assert.InRange(_live.X.RequestCount(FakeXEndpoint.UserPosts), 1, 2);
    }

    [Theory]
    [InlineData(503, null, false)]
    [InlineData(503, null, true)]
    [InlineData(501, null, false)]
    [InlineData(505, null, false)]
    [InlineData(500, null, false)]
    [InlineData(201, "<html>Service Unavailable</html>", false)]
    public async Task A_create_carried_out_then_answered_with_an_error_or_unreadably_makes_exactly_one_post(int status, string? body, bool duplicateGuard)
    {
        _live.X.Behaviour.DuplicateGuard = duplicateGuard;
        var id = (await DueAsync(1, "Créé puis erreur"))[0];
        _live.X.Faults.Enqueue(FakeXEndpoint.CreatePost, FakeXFault.AcceptThenAnswer(status, body));

        await _live.DrainAsync([id], TimeSpan.FromSeconds(10));

        var message = await _live.MessageAsync(id);
        Assert.Equal(MessageStatus.Published, message.Status);
        var post = Assert.Single(_live.X.Posts, p => p.SentText == message.Text && !p.Deleted);
        Assert.Equal(post.Id, message.XPostId);
        Assert.Equal(1, _live.X.RequestCount(FakeXEndpoint.CreatePost));
        Assert.Equal(DeliveryStatus.Sent, (await _live.DeliveryAsync(id)).Status);
    }

    [Fact]
    public async Task Rate_limit_waits_until_the_reset_then_posts_once()
    {
        var ids = await DueAsync(2, "Limité");
        // X gives the reset in whole seconds: 5 s ahead leaves the second round well before it even on a loaded machine.
        var reset = _live.Factory.Now.AddSeconds(5);
        _live.X.Faults.Enqueue(FakeXEndpoint.CreatePost, FakeXFault.RateLimited(reset));

        await _live.RunOnceAsync();
        var calls = _live.X.RequestCount(FakeXEndpoint.CreatePost);
        Assert.Equal(1, calls);
        var account = await _live.AccountAsync(Department);
        Assert.NotNull(account.RateLimitedUntilUtc);
        Assert.Equal(reset.ToUnixTimeSeconds(), new DateTimeOffset(account.RateLimitedUntilUtc!.Value).ToUnixTimeSeconds());

        // Before the reset: the account and all its messages wait, no call is made.
        await _live.RunOnceAsync();
        Assert.Equal(calls, _live.X.RequestCount(FakeXEndpoint.CreatePost));

        await Task.Delay(reset - _live.Factory.Now + TimeSpan.FromMilliseconds(100));
        await _live.DrainAsync(ids, TimeSpan.FromSeconds(10));

        foreach (var id in ids)
        {
            var message = await _live.MessageAsync(id);
            Assert.Equal(MessageStatus.Published, message.Status);
            Assert.Equal(1, PostsOf(id, message));
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Accept_then_timeout_makes_one_post_not_two(bool duplicateGuard)
    {
        _live.X.Behaviour.DuplicateGuard = duplicateGuard;
        var id = (await DueAsync())[0];
        _live.X.Faults.Enqueue(FakeXEndpoint.CreatePost, FakeXFault.AcceptThenHang());

        await _live.RunOnceAsync();
        var ambiguous = await _live.MessageAsync(id);
        Assert.Equal(MessageStatus.Approved, ambiguous.Status);
        Assert.NotNull((await _live.DeliveryAsync(id)).PossiblySentSinceUtc);

        await _live.DrainAsync([id], TimeSpan.FromSeconds(10));

        var message = await _live.MessageAsync(id);
        Assert.Equal(MessageStatus.Published, message.Status);
        Assert.Equal(1, PostsOf(id, message));
        Assert.Equal(1, _live.X.RequestCount(FakeXEndpoint.CreatePost));
        Assert.Equal(_live.X.Posts.Single(p => p.Text == message.Text).Id, message.XPostId);
    }

    [Fact]
    public async Task Unauthorized_marks_the_account_and_holds_the_message()
    {
        var id = (await DueAsync())[0];
        _live.X.Revoke(_live.Accounts[Department]);

        await _live.RunOnceAsync();

        var account = await _live.AccountAsync(Department);
        Assert.Equal(AccountState.NeedsReconnecting, account.State);
        var message = await _live.MessageAsync(id);
        Assert.Equal(MessageStatus.Approved, message.Status);
        Assert.Equal(DeliveryFailure.Unauthorized, (await _live.DeliveryAsync(id)).Failure);
        Assert.Empty(_live.X.Posts);

        // Held: no further call while the account needs reconnecting.
        var calls = _live.X.RequestCount(FakeXEndpoint.CreatePost);
        await _live.RunOnceAsync();
        Assert.Equal(calls, _live.X.RequestCount(FakeXEndpoint.CreatePost));
    }

    [Fact]
    public async Task Duplicate_content_fails_with_a_clear_french_reason()
    {
        var id = (await DueAsync())[0];
        _live.X.Faults.Enqueue(FakeXEndpoint.CreatePost, FakeXFault.Duplicate());

        await _live.RunOnceAsync();

        var message = await _live.MessageAsync(id);
        Assert.Equal(MessageStatus.Failed, message.Status);
        Assert.Equal(DeliveryFailure.Duplicate, (await _live.DeliveryAsync(id)).Failure);
        await using var scope = _live.Factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityId == id.ToString() && a.Action == "message.failed"));
    }

    [Fact]
    public async Task Cancelled_message_is_never_posted()
    {
        var id = (await DueAsync())[0];
        await PublishingTestData.WithDbAsync(_live.Factory, async db =>
        {
            var message = await db.Messages.SingleAsync(m => m.Id == id);
            message.Cancel("officer", _live.Factory.UtcNow);
            return await db.SaveChangesAsync();
        });

        await _live.RunOnceAsync();

        Assert.Empty(_live.X.Posts);
        Assert.Equal(0, _live.X.RequestCount(FakeXEndpoint.CreatePost));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Publisher_stopped_abruptly_mid_batch_then_restarted_posts_each_message_once(bool duplicateGuard)
    {
        _live.X.Behaviour.DuplicateGuard = duplicateGuard;
        var ids = await DueAsync(40, "Interrompu");
        _live.X.Faults.BaseLatency = TimeSpan.FromMilliseconds(30);
        using (var abrupt = new CancellationTokenSource(TimeSpan.FromMilliseconds(400)))
        {
            try
            {
                await _live.RunOnceAsync(o => o.LeaseDuration = TimeSpan.FromMilliseconds(500), abrupt.Token);
            }
            catch (OperationCanceledException)
            {
                // The instance died mid-batch.
            }
        }

        Assert.Contains(await PublishingTestData.WithDbAsync(_live.Factory, db => db.Messages.Where(m => ids.Contains(m.Id)).Select(m => m.Status).ToListAsync()), s => s != MessageStatus.Published);
        await Task.Delay(600);
        await _live.DrainAsync(ids, TimeSpan.FromSeconds(30));

        var texts = await PublishingTestData.WithDbAsync(_live.Factory, db => db.Messages.Where(m => ids.Contains(m.Id)).Select(m => m.Text).ToListAsync());
        Assert.All(texts, t => Assert.Equal(1, _live.X.Posts.Count(p => p.Text == t)));
        Assert.Equal(40, await PublishingTestData.WithDbAsync(_live.Factory, db => db.Messages.CountAsync(m => ids.Contains(m.Id) && m.Status == MessageStatus.Published)));
    }
}

/// <summary>A soak over many accounts with random faults: exactly one post per message, none lost.</summary>
public sealed class PublishingSoakTests : IAsyncLifetime
{
    private LivePublishing _live = null!;

    public async Task InitializeAsync() => _live = await LivePublishing.StartAsync(requestTimeout: TimeSpan.FromMilliseconds(300), circuitBreakerFailureRatio: 0.95);

    public async Task DisposeAsync() => await _live.DisposeAsync();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Thousand_messages_with_5xx_timeouts_and_429_bursts_make_exactly_a_thousand_posts(bool duplicateGuard)
    {
        _live.X.Behaviour.DuplicateGuard = duplicateGuard;
        var departments = await _live.AddLiveDepartmentsAsync(20);
        var ids = new List<long>();
        foreach (var department in departments)
        {
            ids.AddRange(await PublishingTestData.AddDueMessagesAsync(_live.Factory, department, 50, _live.Factory.UtcNow.AddSeconds(-1), "Soak"));
        }

        _live.X.Faults.UseRandom(seed: 2014, serverErrorRate: 0.30, acceptThenHangRate: 0.10, rateLimitRate: 0.02, rateLimitWindow: TimeSpan.FromSeconds(1));

        await _live.DrainAsync(ids, TimeSpan.FromSeconds(150));

        var texts = await PublishingTestData.WithDbAsync(_live.Factory, db => db.Messages.Where(m => ids.Contains(m.Id)).Select(m => m.Text).ToListAsync());
        var posts = _live.X.Posts.Where(p => p.Text.StartsWith("Soak", StringComparison.Ordinal)).ToList();
        var duplicates = posts.GroupBy(p => p.Text).Count(g => g.Count() > 1);
        var published = await PublishingTestData.WithDbAsync(_live.Factory, db => db.Messages.CountAsync(m => ids.Contains(m.Id) && m.Status == MessageStatus.Published));
        Console.WriteLine($"Soak: {ids.Count} due, {posts.Count} posts, {duplicates} duplicated, {ids.Count - published} not published, {_live.X.RequestCount(FakeXEndpoint.CreatePost)} create calls");
        Assert.Equal(1000, ids.Count);
        Assert.Equal(0, duplicates);
        Assert.Equal(1000, posts.Count);
        Assert.Equal(1000, published);
        Assert.Equal(texts.Order(StringComparer.Ordinal), posts.Select(p => p.Text).Order(StringComparer.Ordinal));
    }
}
