using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.FakeMastodon;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Networks.Bluesky;
using PoliceFeeds.Infrastructure.Networks.Mastodon;
using PoliceFeeds.Infrastructure.Publishing;
using PoliceFeeds.Infrastructure.Publishing.Channels;
using PoliceFeeds.IntegrationTests.Publishing;

namespace PoliceFeeds.Bench;

/// <summary>
/// The bulk case over three networks: each department has an X, a Bluesky and a Mastodon account, all live, and every
/// message goes to the three (one delivery each), through the real publisher (claims, state machine, group commit) and
/// the channels as the app registers them. X is the fake X server (latency on every request, as in the X-only case);
/// Bluesky is <see cref="FakeBlueskyPds"/> as the primary handler of <c>BlueskyClient</c>'s HttpClient; Mastodon is the
/// fake instance on loopback behind a <see cref="LatencyHandler"/> added to <c>MastodonClient</c>'s HttpClient. Its floor
/// is measured in the same run and defined as the X case's: the same posts through the same channels, each account's in
/// series, every account in parallel, with no claim, record or database write.
/// </summary>
internal static class NetworksPublisherBenchmark
{
    public static async Task RunAsync(int departments, int perAccount, TimeSpan latency, bool report = true)
    {
        var floor = await FloorAsync(departments, perAccount, latency);
        var drained = await BulkAsync(departments, perAccount, latency, report);
        var line = $"three networks: {departments * 3 * perAccount} deliveries over {departments * 3} accounts (X, Bluesky, Mastodon, {departments} each), latency {latency.TotalMilliseconds} ms: drained in {drained.TotalSeconds:F2} s, floor {floor.TotalSeconds:F2} s, ratio {drained / floor:F2} (target ≤ 1.5)";
        Console.WriteLine(report ? line : $"warm-up: {line} (not reported)");
    }

    /// <summary>
    /// The app with the three networks, <paramref name="departments"/> departments each with its three live accounts, connected
    /// as the admin pages leave them (a Bluesky account with the session its connection opened, a Mastodon one with its token).
    /// </summary>
    private static async Task<Networks> StartAsync(int departments, TimeSpan latency, SqlTimings? sql = null)
    {
        var pds = new FakeBlueskyPds(latency);
        var mastodon = await FakeMastodonServer.StartAsync();
        var settings = new Dictionary<string, string?> { ["Mastodon:RequestTimeout"] = "00:00:10", ["Bluesky:RequestTimeout"] = "00:00:10" };
        void Fakes(IServiceCollection s)
        {
            s.AddHttpClient<BlueskyClient>().ConfigurePrimaryHttpMessageHandler(pds.CreateHandler);
            s.AddHttpClient<MastodonClient>().AddHttpMessageHandler(() => new LatencyHandler(latency));
        }

        var live = await PublisherBenchmark.StartAsync(departments, latency, hosted: false, sql, more: (settings, Fakes));
        var networks = new Networks(live, pds, mastodon);
        await using var scope = live.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        foreach (var department in live.Accounts.Keys)
        {
            var bluesky = new PublishingAccount { DepartmentId = department, Network = PublishingNetwork.Bluesky, Handle = $"police{department}.bsky.bench", Mode = AccountMode.Live };
            var toot = new PublishingAccount { DepartmentId = department, Network = PublishingNetwork.Mastodon, Handle = $"police{department}", Mode = AccountMode.Live };
            db.PublishingAccounts.AddRange(bluesky, toot);
            await db.SaveChangesAsync();
            var did = $"did:plc:bench{department:D19}";
            pds.AddAccount(did, bluesky.Handle, "abcd-efgh-ijkl-mnop");
            var session = pds.OpenSession(did);
            var credentials = new BlueskyCredentials { ServerUrl = FakeBlueskyPds.Server, Did = did, Handle = bluesky.Handle, AppPassword = "abcd-efgh-ijkl-mnop" }
                .WithSession(new BlueskySession(session.Did, session.Handle, session.AccessJwt, session.RefreshJwt));
            await scope.ServiceProvider.GetRequiredService<IBlueskyConnectionStore>().SaveAsync(bluesky.Id, credentials, CancellationToken.None);
            var token = $"token-{department}-{Guid.NewGuid():N}";
            var remote = mastodon.AddAccount(toot.Handle, token);
            await scope.ServiceProvider.GetRequiredService<IMastodonConnections>().SaveAsync(
                toot.Id, new MastodonCredentials(mastodon.BaseAddress.AbsoluteUri, "client-id", "client-secret", token, remote.Id), CancellationToken.None);
        }

        return networks;
    }

    private static async Task<TimeSpan> BulkAsync(int departments, int perAccount, TimeSpan latency, bool report)
    {
        var sql = SqlTimings.Enabled && report ? new SqlTimings() : null;
        await using var networks = await StartAsync(departments, latency, sql);
        var live = networks.Live;
        var ids = new List<long>();
        foreach (var department in live.Accounts.Keys)
        {
            ids.AddRange(await PublishingTestData.AddDueMessagesAsync(live.Factory, department, perAccount, DateTime.UtcNow.AddSeconds(-1), "Réseaux"));
        }

        using var groups = new GroupCommitListener();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        sql?.Start();
        var start = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        while (await PublishingTestData.WithDbAsync(live.Factory, db => db.Deliveries.CountAsync(d => ids.Contains(d.MessageId) && d.Status != DeliveryStatus.Sent)) > 0)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new TimeoutException("three networks: deliveries still open after 5 minutes.");
            }

            await live.RunOnceAsync(o =>
            {
                // Every account at once, as the X-only case serves its 100 (production's default is 8).
                o.MaxParallelAccounts = departments * 3;
                o.BatchSize = Math.Max(2000, ids.Count * 3);
                o.ReconcileSettleTime = new PublishingOptions().ReconcileSettleTime;
            });
        }

        clock.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        await CheckAsync(networks, ids, perAccount);
        if (report)
        {
            sql?.Print();
            var deliveries = ids.Count * 3;
            Console.WriteLine($"three networks bulk: CPU {cpu.TotalSeconds:F2} s ({cpu.TotalMilliseconds / deliveries:F2} ms per delivery, publisher and fakes together, {Environment.ProcessorCount} cores); group commit: {groups.Groups} groups of {groups.Writes / Math.Max(1.0, groups.Groups):F1} writes on average, its loop busy {groups.BusyMs:F0} ms of the {clock.Elapsed.TotalMilliseconds:F0} ms");
            Times("X", networks.Live.X.Posts.Select(p => (p.AccountId, p.CreatedAt)), start);
            Times("Bluesky", networks.Pds.Records.Select(r => (r.Did, r.CreatedAt)), start);
            Times("Mastodon", networks.Mastodon.Statuses.Select(s => (s.Account.Id, s.CreatedAt)), start);
        }

        return clock.Elapsed;
    }

    /// <summary>Every delivery sent once: each network holds exactly the posts the deliveries point at, no more.</summary>
    private static async Task CheckAsync(Networks networks, List<long> ids, int perAccount)
    {
        var sent = await PublishingTestData.WithDbAsync(networks.Live.Factory, db => (
                from d in db.Deliveries.AsNoTracking()
                join a in db.PublishingAccounts.AsNoTracking() on d.AccountId equals a.Id
                where ids.Contains(d.MessageId)
                select new { a.Network, d.Status, d.RemotePostId })
            .ToListAsync());
        var remote = new Dictionary<PublishingNetwork, HashSet<string>>
        {
            [PublishingNetwork.X] = networks.Live.X.Posts.Select(p => p.Id).ToHashSet(),
            [PublishingNetwork.Bluesky] = networks.Pds.Records.Select(r => r.Uri).ToHashSet(),
            [PublishingNetwork.Mastodon] = networks.Mastodon.Statuses.Select(s => s.Id).ToHashSet(),
        };
        foreach (var (network, posts) in remote)
        {
            var mine = sent.Where(d => d.Network == network).ToList();
            var matched = mine.Count(d => d.Status == DeliveryStatus.Sent && d.RemotePostId is not null && posts.Contains(d.RemotePostId));
            if (mine.Count != ids.Count || matched != ids.Count || posts.Count != ids.Count)
            {
                throw new InvalidOperationException($"three networks, {network}: {mine.Count} deliveries for {ids.Count} messages, {matched} sent to a post there, {posts.Count} posts there ({perAccount} per account expected).");
            }
        }
    }

    /// <summary>The floor: the same channels called directly, each account's posts in series, every account in parallel.</summary>
    private static async Task<TimeSpan> FloorAsync(int departments, int perAccount, TimeSpan latency)
    {
        await using var networks = await StartAsync(departments, latency);
        var live = networks.Live;
        var targets = await PublishingTestData.WithDbAsync(live.Factory, db => db.PublishingAccounts.AsNoTracking()
            .Where(a => live.Accounts.Keys.Contains(a.DepartmentId))
            .Select(a => new ChannelAccount(a.Id, a.DepartmentId, a.Handle, a.RemoteUserId, a.ServerUrl) { Network = a.Network })
            .ToListAsync());
        var slowest = new Dictionary<PublishingNetwork, double>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(targets.Select(async account =>
        {
            await using var scope = live.Factory.Services.CreateAsyncScope();
            var channel = scope.ServiceProvider.GetRequiredKeyedService<IPublishingChannel>(account.Network);
            var own = Stopwatch.StartNew();
            for (var i = 0; i < perAccount; i++)
            {
                // The delivery's own key, as the publisher stores it before the first attempt (Bluesky's record key, Mastodon's Idempotency-Key).
                var post = new ChannelPost(i, $"Plancher {i} {Guid.NewGuid():N}", [], ClientKey: DeliveryKeys.New(DateTime.UtcNow));
                var outcome = await channel.PublishAsync(account, post, CancellationToken.None);
                if (outcome is not ChannelOutcome.Done)
                {
                    throw new InvalidOperationException($"The channel-only post to {account.Network} failed: {outcome}");
                }
            }

            lock (slowest)
            {
                slowest[account.Network] = Math.Max(slowest.GetValueOrDefault(account.Network), own.Elapsed.TotalSeconds);
            }
        }));
        clock.Stop();
        Console.WriteLine($"channel only (the three networks' floor): {targets.Count} accounts × {perAccount} posts in {clock.Elapsed.TotalSeconds:F2} s; slowest account per network: {string.Join(", ", slowest.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value:F2} s"))}");
        return clock.Elapsed;
    }

    /// <summary>
    /// When each network's posts were made, from the start of the drain (the fakes stamp a post after its latency): all
    /// posts, each account's first, and the gap between two posts of an account.
    /// </summary>
    private static void Times(string network, IEnumerable<(string Account, DateTimeOffset CreatedAt)> posts, DateTimeOffset start)
    {
        var byAccount = posts.GroupBy(p => p.Account).Select(g => g.Select(p => (p.CreatedAt - start).TotalMilliseconds).Order().ToList()).ToList();
        var times = byAccount.SelectMany(a => a).Order().ToList();
        var firsts = byAccount.Select(a => a[0]).Order().ToList();
        var gaps = byAccount.SelectMany(a => a.Zip(a.Skip(1), (x, y) => y - x)).Order().ToList();
        Console.WriteLine($"  {network}: {times.Count} posts made after p50 {Percentiles.Of(times, 50):F0} ms, p99 {Percentiles.Of(times, 99):F0} ms, last {times.LastOrDefault():F0} ms; an account's first post p50 {Percentiles.Of(firsts, 50):F0} ms, max {firsts.LastOrDefault():F0} ms; gap between an account's posts p50 {Percentiles.Of(gaps, 50):F0} ms, p99 {Percentiles.Of(gaps, 99):F0} ms");
    }

    private sealed record Networks(LivePublishing Live, FakeBlueskyPds Pds, FakeMastodonServer Mastodon) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Live.DisposeAsync();
            await Mastodon.DisposeAsync();
        }
    }
}
