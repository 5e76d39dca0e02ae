using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.FakeX;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Publishing;
using Xunit.Abstractions;

namespace PoliceFeeds.IntegrationTests.Faults;

/// <summary>
/// The named faults of the hardening issue, against the fake X and the database. Each prints its figures: posts made
/// versus messages due, duplicates and lost messages.
/// </summary>
public sealed class FaultSuiteTests(ITestOutputHelper output)
{
    private async Task<(int Posts, int Duplicates, int Lost)> FiguresAsync(LivePublishing live, IReadOnlyCollection<long> ids, string fault)
    {
        var messages = await PublishingTestData.WithDbAsync(live.Factory, db => db.Messages.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync());
        var posts = live.X.Posts.Where(p => !p.Deleted && messages.Any(m => m.Text == p.SentText)).ToList();
        var duplicates = posts.GroupBy(p => p.Text).Sum(g => g.Count() - 1);
        var lost = messages.Count(m => m.Status != MessageStatus.Published || posts.All(p => p.Id != m.XPostId));
        output.WriteLine($"{fault}: {ids.Count} due, {posts.Count} posts, {duplicates} duplicates, {lost} lost, {live.X.RequestCount(FakeXEndpoint.CreatePost)} create calls");
        return (posts.Count, duplicates, lost);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Two_publisher_instances_on_one_database_post_a_thousand_due_messages_exactly_once(bool duplicateGuard)
    {
        await using var live = await LivePublishing.StartAsync();
        live.X.Behaviour.DuplicateGuard = duplicateGuard;
        // 200 posts per account in a minute: above X's 100 per 15 minutes, which this test is not about.
        live.X.Limits.Per15Minutes[FakeXEndpoint.CreatePost] = 1_000;
        var ids = new List<long>();
        foreach (var department in new[] { 1, 2, 3, 4, 5 })
        {
            await live.MakeLiveAsync(department);
            ids.AddRange(await PublishingTestData.AddDueMessagesAsync(live.Factory, department, 200, live.Factory.UtcNow.AddSeconds(-1), "Deux instances"));
        }

        async Task InstanceAsync(string name)
        {
            var waited = Stopwatch.StartNew();
            while (waited.Elapsed < TimeSpan.FromSeconds(120)
                && await PublishingTestData.WithDbAsync(live.Factory, db => db.Messages.CountAsync(m => ids.Contains(m.Id) && m.Status != MessageStatus.Published)) > 0)
            {
                await live.RunOnceAsync(o =>
                {
                    o.InstanceId = name;
                    o.MaxParallelAccounts = 5;
                });
            }
        }

        await Task.WhenAll(InstanceAsync("instance-a"), InstanceAsync("instance-b"));

        var (posts, duplicates, lost) = await FiguresAsync(live, ids, "two instances");
        Assert.Equal((1000, 0, 0), (posts, duplicates, lost));
        Assert.Equal(1000, live.X.RequestCount(FakeXEndpoint.CreatePost));
        var owners = await PublishingTestData.WithDbAsync(live.Factory, db => db.AuditEntries
            .Where(a => a.Action == "message.published" && a.ActorName != null && a.ActorName.StartsWith("instance-"))
            .GroupBy(a => a.ActorName!).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        output.WriteLine("published by " + string.Join(", ", owners.Select(o => $"{o.Key}: {o.Count}")));
        Assert.Equal(1000, owners.Sum(o => o.Count));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Database_unavailable_turns_health_red_pages_fail_politely_nothing_is_lost_and_publishing_resumes(bool duplicateGuard)
    {
        var outage = new DatabaseOutage();
        await using var live = await LivePublishing.StartAsync(services: s => s.AddSingleton<IInterceptor>(outage));
        live.X.Behaviour.DuplicateGuard = duplicateGuard;
        await live.MakeLiveAsync(DemoUsers.Department62);
        var ids = await PublishingTestData.AddDueMessagesAsync(live.Factory, DemoUsers.Department62, 5, live.Factory.UtcNow.AddSeconds(-1), "Panne base");
        using var officer = live.Factory.CreateTestClient();
        await officer.SignInAsync(DemoUsers.Officer62);
        using var anonymous = live.Factory.CreateTestClient();

        outage.Down = true;
        using (var health = await anonymous.Http.GetAsync(new Uri("/health", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        }

        using (var page = await officer.Http.GetAsync(new Uri($"/Messages?departmentId={DemoUsers.Department62}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            var body = await TestClient.ParseAsync(page);
            Assert.Contains("Rien de ce qui était enregistré n'est perdu", body.QuerySelector("[data-testid=database-unavailable]")!.TextContent, StringComparison.Ordinal);
        }

        await Assert.ThrowsAnyAsync<Exception>(() => live.RunOnceAsync());
        Assert.Equal(0, live.X.RequestCount(FakeXEndpoint.CreatePost));

        outage.Down = false;
        using (var health = await anonymous.Http.GetAsync(new Uri("/health", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        await live.DrainAsync(ids, TimeSpan.FromSeconds(20));
        var (posts, duplicates, lost) = await FiguresAsync(live, ids, "database unavailable");
        Assert.Equal((5, 0, 0), (posts, duplicates, lost));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_worker_frozen_past_its_lease_cannot_mark_the_message_published_and_its_post_is_reconciled_not_repeated(bool duplicateGuard)
    {
        await using var live = await LivePublishing.StartAsync(requestTimeout: TimeSpan.FromSeconds(10));
        live.X.Behaviour.DuplicateGuard = duplicateGuard;
        await live.MakeLiveAsync(DemoUsers.Department62);
        var ids = await PublishingTestData.AddDueMessagesAsync(live.Factory, DemoUsers.Department62, 1, live.Factory.UtcNow.AddSeconds(-1), "Travailleur gelé");
        var id = ids.Single();

        // Worker A claims, records its attempt, then stays frozen 3 s inside its call to X, far past its 300 ms lease.
        live.X.Faults.Enqueue(FakeXEndpoint.CreatePost, FakeXFault.Latency(TimeSpan.FromSeconds(3)));
        var workerA = live.RunOnceAsync(o =>
        {
            o.InstanceId = "worker-a";
            o.LeaseDuration = TimeSpan.FromMilliseconds(300);
        });
        await PublishingTestData.WaitUntilAsync(async () => (await live.DeliveryAsync(id)).PossiblySentSinceUtc is not null, TimeSpan.FromSeconds(5));
        await Task.Delay(500);

        // Worker B takes the expired lease; X's recent posts cannot be read, so it does not post and reschedules.
        live.X.Faults.Enqueue(FakeXEndpoint.UserPosts, Enumerable.Range(0, 10).Select(_ => FakeXFault.ServerError()).ToArray());
        await live.RunOnceAsync(o => o.InstanceId = "worker-b");
        Assert.Equal(MessageStatus.Approved, (await live.MessageAsync(id)).Status);

        // A wakes up: X accepted its post, but its "published" is conditional on a lease it no longer holds.
        await workerA;
        var afterA = await live.MessageAsync(id);
        Assert.Equal(MessageStatus.Approved, afterA.Status);
        Assert.Null(afterA.XPostId);
        var post = Assert.Single(live.X.Posts, p => p.SentText == afterA.Text);

        // The next owner finds A's post among the account's recent posts instead of posting again.
        live.X.Faults.Clear();
        await live.DrainAsync(ids, TimeSpan.FromSeconds(20));
        Assert.Equal(post.Id, (await live.MessageAsync(id)).XPostId);
        var (posts, duplicates, lost) = await FiguresAsync(live, ids, "frozen worker");
        Assert.Equal((1, 0, 0), (posts, duplicates, lost));
    }

    [Fact]
    public async Task A_429_fifteen_minutes_ahead_reschedules_the_message_without_holding_a_thread()
    {
        await using var live = await LivePublishing.StartAsync();
        await live.MakeLiveAsync(DemoUsers.Department62);
        var ids = await PublishingTestData.AddDueMessagesAsync(live.Factory, DemoUsers.Department62, 3, live.Factory.UtcNow.AddSeconds(-1), "Limite");
        var reset = live.Factory.Now.AddMinutes(15);
        live.X.Faults.Enqueue(FakeXEndpoint.CreatePost, FakeXFault.RateLimited(reset));

        var round = System.Diagnostics.Stopwatch.StartNew();
        await live.RunOnceAsync();
        round.Stop();
        await live.RunOnceAsync();

        Assert.True(round.Elapsed < TimeSpan.FromSeconds(10), $"the round took {round.Elapsed}");
        Assert.Equal(1, live.X.RequestCount(FakeXEndpoint.CreatePost));
        var messages = await PublishingTestData.WithDbAsync(live.Factory, db => db.Messages.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync());
        Assert.All(messages, m => Assert.Equal(MessageStatus.Approved, m.Status));
        var account = await live.AccountAsync(DemoUsers.Department62);
        Assert.Equal(reset.UtcDateTime, account.RateLimitedUntilUtc!.Value, TimeSpan.FromSeconds(1));
        var deliveries = await PublishingTestData.WithDbAsync(live.Factory, db => db.Deliveries.AsNoTracking().Where(d => ids.Contains(d.MessageId)).ToListAsync());
        var first = deliveries.Single(d => d.Failure != DeliveryFailure.None);
        Assert.Equal(DeliveryFailure.RateLimited, first.Failure);
        Assert.Equal(reset.UtcDateTime, first.NextAttemptAtUtc!.Value, TimeSpan.FromSeconds(1));
        output.WriteLine($"429 until {reset:HH:mm:ss}: round {round.ElapsedMilliseconds} ms, 1 call, {messages.Count} messages waiting, 0 posts");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_burst_of_5xx_opens_the_circuit_so_calls_to_X_stop_for_a_while_then_delivery_resumes_exactly_once(bool duplicateGuard)
    {
        await using var live = await LivePublishing.StartAsync(circuitBreakerFailureRatio: 0.5, settings: new Dictionary<string, string?>
        {
            ["XApi:Resilience:CircuitBreakerMinimumThroughput"] = "5",
            ["XApi:Resilience:CircuitBreakerBreakDuration"] = "00:00:02",
        });
        live.X.Behaviour.DuplicateGuard = duplicateGuard;
        await live.MakeLiveAsync(DemoUsers.Department62);
        var ids = await PublishingTestData.AddDueMessagesAsync(live.Factory, DemoUsers.Department62, 30, live.Factory.UtcNow.AddSeconds(-1), "Rafale");
        live.X.Faults.Enqueue(FakeXEndpoint.CreatePost, Enumerable.Range(0, 500).Select(_ => FakeXFault.ServerError()).ToArray());

        await live.RunOnceAsync(o => o.BackoffBase = o.BackoffMax = TimeSpan.FromMilliseconds(1));
        var callsDuringBurst = live.X.RequestCount(FakeXEndpoint.CreatePost);

        // 30 messages, each tried once (a 5xx after a create is not retried in place: it may have created the post) and
        // the refused calls of an open circuit three times: at least 30 calls without a breaker. The open circuit stops them.
        Assert.InRange(callsDuringBurst, 5, 20);
        Assert.Equal(0, await PublishingTestData.WithDbAsync(live.Factory, db => db.Messages.CountAsync(m => ids.Contains(m.Id) && m.Status == MessageStatus.Published)));

        live.X.Faults.Clear();
        await Task.Delay(TimeSpan.FromSeconds(2.2));
        await live.DrainAsync(ids, TimeSpan.FromSeconds(30));
        var (posts, duplicates, lost) = await FiguresAsync(live, ids, "5xx burst");
        Assert.Equal((30, 0, 0), (posts, duplicates, lost));
    }
}
