using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.FakeX;
using PoliceFeeds.Infrastructure.Publishing;

namespace PoliceFeeds.IntegrationTests.Publishing;

/// <summary>
/// An account's due posts are claimed together (one lease token for the run) and published one after the other:
/// what happens to the posts of the run the worker does not reach, and to a worker whose cached credentials were replaced.
/// </summary>
public sealed class ClaimedRunTests : IAsyncLifetime
{
    private const int Department = 5;
    private LivePublishing _live = null!;

    public async Task InitializeAsync()
    {
        _live = await LivePublishing.StartAsync(requestTimeout: TimeSpan.FromSeconds(3));
        await _live.MakeLiveAsync(Department);
    }

    public async Task DisposeAsync() => await _live.DisposeAsync();

    [Fact]
    public async Task Posts_of_the_run_not_reached_after_a_rate_limit_go_back_as_never_attempted()
    {
        // Created in the reverse order of their due times: the order that counts is the due time's.
        var now = _live.Factory.UtcNow;
        var ids = new List<long>();
        foreach (var secondsAgo in new[] { 1, 2, 3 })
        {
            ids.Insert(0, (await PublishingTestData.AddDueMessagesAsync(_live.Factory, Department, 1, now.AddSeconds(-secondsAgo), $"Série -{secondsAgo}s"))[0]);
        }

        var reset = _live.Factory.Now.AddSeconds(2);
        _live.X.Faults.Enqueue(FakeXEndpoint.CreatePost, FakeXFault.RateLimited(reset));

        await _live.RunOnceAsync();

        Assert.Equal(1, _live.X.RequestCount(FakeXEndpoint.CreatePost));
        var first = await _live.MessageAsync(ids[0]);
        Assert.Equal(MessageStatus.Approved, first.Status);
        Assert.Equal(DeliveryFailure.RateLimited, (await _live.DeliveryAsync(ids[0])).Failure);
        foreach (var id in ids.Skip(1))
        {
            // Never sent: no attempt counted, nothing to check on X before posting, no lease left behind.
            var message = await _live.MessageAsync(id);
            Assert.Equal(MessageStatus.Approved, message.Status);
            var delivery = await _live.DeliveryAsync(id);
            Assert.Equal(DeliveryStatus.Pending, delivery.Status);
            Assert.Equal(0, delivery.Attempts);
            Assert.Null(delivery.PossiblySentSinceUtc);
            Assert.Null(delivery.LeaseToken);
            Assert.Null(delivery.LeaseOwner);
            Assert.Equal(DeliveryFailure.None, delivery.Failure);
        }

        await Task.Delay(reset - _live.Factory.Now + TimeSpan.FromMilliseconds(100));
        await _live.DrainAsync(ids, TimeSpan.FromSeconds(10));

        var texts = new List<string>();
        foreach (var id in ids)
        {
            var message = await _live.MessageAsync(id);
            Assert.Equal(MessageStatus.Published, message.Status);
            Assert.Equal(1, _live.X.Posts.Count(p => p.Text == message.Text));
            texts.Add(message.Text);
        }

        // In the order they were due (the rate-limited one first), and without looking for an earlier post: none of them
        // had an uncertain attempt.
        Assert.Equal(texts, _live.X.Posts.Select(p => p.Text).ToList());
        Assert.Equal(0, _live.X.RequestCount(FakeXEndpoint.UserPosts));
    }

    [Fact]
    public async Task A_run_claims_at_most_its_length_so_the_account_s_later_messages_stay_editable_and_all_go_out_in_order()
    {
        var ids = await PublishingTestData.AddDueMessagesAsync(_live.Factory, Department, 7, _live.Factory.UtcNow.AddSeconds(-1), "Longue file");
        _live.X.Faults.BaseLatency = TimeSpan.FromMilliseconds(400);

        var round = _live.RunOnceAsync(o => o.MaxRunLength = 3);
        await PublishingTestData.WaitUntilAsync(() => Task.FromResult(_live.X.RequestCount(FakeXEndpoint.CreatePost) == 1), TimeSpan.FromSeconds(10));
        var statuses = await PublishingTestData.WithDbAsync(_live.Factory, db => db.Messages.Where(m => ids.Contains(m.Id)).OrderBy(m => m.Id).Select(m => m.Status).ToListAsync());
        Assert.Equal([.. Enumerable.Repeat(MessageStatus.Publishing, 3), .. Enumerable.Repeat(MessageStatus.Approved, 4)], statuses);
        await round;

        var texts = new List<string>();
        foreach (var id in ids)
        {
            var message = await _live.MessageAsync(id);
            Assert.Equal(MessageStatus.Published, message.Status);
            Assert.Equal(1, (await _live.DeliveryAsync(id)).Attempts);
            texts.Add(message.Text);
        }

        Assert.Equal(texts, _live.X.Posts.Select(p => p.Text).ToList());
    }

    [Fact]
    public async Task A_401_after_the_account_was_reconnected_during_the_run_does_not_mark_it_for_reconnection()
    {
        var ids = await PublishingTestData.AddDueMessagesAsync(_live.Factory, Department, 2, _live.Factory.UtcNow.AddSeconds(-1), "Reconnecté");

        // The first post takes a while; meanwhile an administrator reconnects the account. The second post is then
        // refused with the credentials the worker had read before.
        _live.X.Faults.Enqueue(FakeXEndpoint.CreatePost, FakeXFault.Latency(TimeSpan.FromMilliseconds(1200)), FakeXFault.Normal(), FakeXFault.Unauthorized());
        var round = _live.RunOnceAsync();
        await PublishingTestData.WaitUntilAsync(() => Task.FromResult(_live.X.RequestCount(FakeXEndpoint.CreatePost) == 1), TimeSpan.FromSeconds(10));
        await _live.MakeLiveAsync(Department);
        await round;

        var account = await _live.AccountAsync(Department);
        Assert.Equal(AccountState.Connected, account.State);
        var second = await _live.MessageAsync(ids[1]);
        Assert.Equal(MessageStatus.Approved, second.Status);
        Assert.Equal(DeliveryFailure.CredentialsChanged, (await _live.DeliveryAsync(ids[1])).Failure);

        await _live.DrainAsync(ids, TimeSpan.FromSeconds(10));
        foreach (var id in ids)
        {
            var message = await _live.MessageAsync(id);
            Assert.Equal(MessageStatus.Published, message.Status);
            Assert.Equal(1, _live.X.Posts.Count(p => p.Text == message.Text));
        }
    }

    [Fact]
    public async Task A_401_after_a_reconnection_during_an_uncertain_attempt_keeps_it_uncertain_and_one_post_goes_out()
    {
        _live.X.Behaviour.DuplicateGuard = false;
        var id = (await PublishingTestData.AddDueMessagesAsync(_live.Factory, Department, 1, _live.Factory.UtcNow.AddSeconds(-1), "Incertain puis reconnecté"))[0];
        var text = (await _live.MessageAsync(id)).Text;
        void Quick(PublishingOptions o) => (o.BackoffBase, o.BackoffMax) = (TimeSpan.Zero, TimeSpan.Zero);

        // X creates the post, its answer is lost.
        _live.X.Faults.Enqueue(FakeXEndpoint.CreatePost, FakeXFault.AcceptThenHang());
        await _live.RunOnceAsync(Quick);
        Assert.NotNull((await _live.DeliveryAsync(id)).PossiblySentSinceUtc);

        // The check's timeline read takes a while; meanwhile an administrator reconnects the account, and X refuses the
        // credentials the worker had read before (401, "credentials changed"). That proves nothing about the post.
        _live.X.Faults.Enqueue(FakeXEndpoint.UserPosts, FakeXFault.Latency(TimeSpan.FromMilliseconds(1200)), FakeXFault.Unauthorized());
        var round = _live.RunOnceAsync(Quick);
        await PublishingTestData.WaitUntilAsync(() => Task.FromResult(_live.X.RequestCount(FakeXEndpoint.UserPosts) == 1), TimeSpan.FromSeconds(10));
        await _live.ReconnectAsync(Department);
        await round;

        var afterRefusal = await _live.DeliveryAsync(id);
        Assert.Equal(DeliveryFailure.CredentialsChanged, afterRefusal.Failure);
        Assert.NotNull(afterRefusal.PossiblySentSinceUtc);
        Assert.Equal(AccountState.Connected, (await _live.AccountAsync(Department)).State);

        // With the new credentials: reconciled first, found, never posted again.
        await _live.RunOnceAsync(Quick);
        await _live.RunOnceAsync(Quick);

        var delivery = await _live.DeliveryAsync(id);
        Assert.Equal(DeliveryStatus.Sent, delivery.Status);
        Assert.Equal(1, _live.X.Posts.Count(p => p.Text == text));
        Assert.Equal(1, _live.X.RequestCount(FakeXEndpoint.CreatePost));
        Assert.Equal(_live.X.Posts.Single(p => p.Text == text).Id, delivery.RemotePostId);
    }

    [Fact]
    public async Task A_401_with_the_credentials_still_stored_marks_the_account_and_holds_the_rest_of_the_run()
    {
        var ids = await PublishingTestData.AddDueMessagesAsync(_live.Factory, Department, 3, _live.Factory.UtcNow.AddSeconds(-1), "Refusé");
        _live.X.Faults.Enqueue(FakeXEndpoint.CreatePost, FakeXFault.Unauthorized());

        await _live.RunOnceAsync();

        Assert.Equal(AccountState.NeedsReconnecting, (await _live.AccountAsync(Department)).State);
        Assert.Equal(1, _live.X.RequestCount(FakeXEndpoint.CreatePost));
        foreach (var id in ids)
        {
            var message = await _live.MessageAsync(id);
            Assert.Equal(MessageStatus.Approved, message.Status);
            Assert.Null((await _live.DeliveryAsync(id)).LeaseToken);
        }

        Assert.Equal(DeliveryFailure.Unauthorized, (await _live.DeliveryAsync(ids[0])).Failure);
        Assert.Empty(_live.X.Posts);
    }
}
