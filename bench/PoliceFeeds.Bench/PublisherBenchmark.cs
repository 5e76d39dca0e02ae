using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.FakeX;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Publishing;
using PoliceFeeds.Infrastructure.Publishing.Channels;
using PoliceFeeds.IntegrationTests.Publishing;

namespace PoliceFeeds.Bench;

/// <summary>
/// N due messages over M live accounts against the fake X with a set latency, published by the real hosted publisher:
/// throughput and the lag from due time to the X request (p50, p99), for "as soon as possible", scheduled and bulk cases.
/// </summary>
internal static class PublisherBenchmark
{
    public static async Task<int> RunAsync()
    {
        Console.WriteLine($"Machine: {Percentiles.Machine()}");

        if (Smoke.On)
        {
            // Each case once, tiny: 20 posts over 2 accounts, 4 "as soon as possible" and 4 scheduled.
            await ChannelOnlyAsync(messages: 20, accounts: 2, latency: TimeSpan.FromMilliseconds(10));
            await BulkAsync(messages: 20, accounts: 2, latency: TimeSpan.FromMilliseconds(10));
            await AsapAsync(messages: 4, accounts: 2, latency: TimeSpan.FromMilliseconds(10));
            await ScheduledAsync(messages: 4, accounts: 2, latency: TimeSpan.FromMilliseconds(10));
            await NetworksPublisherBenchmark.RunAsync(departments: 2, perAccount: 3, latency: TimeSpan.FromMilliseconds(10));
            return 0;
        }

        if (Environment.GetEnvironmentVariable("BENCH_ONLY_NETWORKS") == "1")
        {
            return await NetworksAsync();
        }

        // One unreported pass first: a fresh process spends its first publications compiling (tiered JIT, EF Core's
        // queries), which would be charged to whichever case ran first.
        await BulkAsync(messages: 100, accounts: 10, latency: TimeSpan.FromMilliseconds(100), report: false);
        await ChannelOnlyAsync(messages: 100, accounts: 10, latency: TimeSpan.FromMilliseconds(100), report: false);
        await ChannelOnlyAsync(messages: 1000, accounts: 100, latency: TimeSpan.FromMilliseconds(100));
        await BulkAsync(messages: 1000, accounts: 100, latency: TimeSpan.FromMilliseconds(100));
        if (Environment.GetEnvironmentVariable("BENCH_ONLY_BULK") == "1")
        {
            return 0;
        }

        await AsapAsync(messages: 200, accounts: 20, latency: TimeSpan.FromMilliseconds(100));
        await ScheduledAsync(messages: 200, accounts: 20, latency: TimeSpan.FromMilliseconds(100));
        return await NetworksAsync();
    }

    /// <summary>3,000 deliveries over 300 accounts on three networks (100 each), 10 per account, at 100 ms, after a small warm-up.</summary>
    private static async Task<int> NetworksAsync()
    {
        await NetworksPublisherBenchmark.RunAsync(departments: 10, perAccount: 10, latency: TimeSpan.FromMilliseconds(100), report: false);
        await NetworksPublisherBenchmark.RunAsync(departments: 100, perAccount: 10, latency: TimeSpan.FromMilliseconds(100));
        return 0;
    }

    /// <summary>
    /// The app on the system clock over the fake X (<paramref name="latency"/> on every request), with
    /// <paramref name="accounts"/> live X accounts; <paramref name="more"/> adds settings and services (other networks).
    /// </summary>
    internal static async Task<LivePublishing> StartAsync(int accounts, TimeSpan latency, bool hosted, SqlTimings? sql = null, (IReadOnlyDictionary<string, string?> Settings, Action<IServiceCollection> Services)? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Publishing:RunHostedService"] = hosted ? "true" : "false",
            ["Publishing:MaxParallelAccounts"] = "100",
            ["Publishing:BatchSize"] = "2000",
        };
        foreach (var (key, value) in more?.Settings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var live = await LivePublishing.StartAsync(
            requestTimeout: TimeSpan.FromSeconds(10),
            settings: settings,
            services: s =>
            {
                more?.Services(s);
                // Latency is measured against real time: the app runs on the system clock here, not the tests' clock.
                s.AddSingleton(TimeProvider.System);
                if (sql is not null)
                {
                    s.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(sql);
                }
            });
        live.X.Faults.BaseLatency = latency;
        var added = await live.AddLiveDepartmentsAsync(accounts);
        // The listed departments without an account run out at 101: the pilot departments make up the rest.
        foreach (var pilot in Enumerable.Range(1, Math.Max(0, accounts - added.Count)))
        {
            await live.MakeLiveAsync(pilot);
        }

        return live;
    }

    /// <summary>1,000 messages already due over 100 accounts: how long to drain them.</summary>
    private static async Task BulkAsync(int messages, int accounts, TimeSpan latency, bool report = true)
    {
        var sql = SqlTimings.Enabled && report ? new SqlTimings() : null;
        await using var live = await StartAsync(accounts, latency, hosted: false, sql);
        var ids = await SeedAsync(live, messages, DateTime.UtcNow.AddSeconds(-1));
        using var groups = new GroupCommitListener();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        sql?.Start();
        var clock = Stopwatch.StartNew();
        while (await OpenAsync(live, ids) > 0)
        {
            await live.RunOnceAsync(o =>
            {
                o.MaxParallelAccounts = 100;
                o.BatchSize = 2000;

                // Production's settle time (the tests' fixture sets none): it decides how often a run renews its lease and
                // restamps the attempt before a post (a tenth of it), so a zero here would measure a renewal per post.
                o.ReconcileSettleTime = new PublishingOptions().ReconcileSettleTime;
            });
        }

        clock.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        if (!report)
        {
            Console.WriteLine($"warm-up: {messages} messages over {accounts} accounts in {clock.Elapsed.TotalSeconds:F2} s (not reported)");
            return;
        }

        var start = DateTimeOffset.UtcNow - clock.Elapsed;
        var byAccount = live.X.Posts.GroupBy(p => p.AccountId).Select(g => g.Select(p => (p.CreatedAt - start).TotalMilliseconds - latency.TotalMilliseconds).Order().ToList()).ToList();
        var firsts = byAccount.Select(a => a[0]).Order().ToList();
        var gaps = byAccount.SelectMany(a => a.Zip(a.Skip(1), (x, y) => y - x)).Order().ToList();
        var lasts = byAccount.Select(a => a[^1]).Order().ToList();
        Console.WriteLine($"TRACE first post request after start p50 {Percentiles.Of(firsts, 50):F0} p90 {Percentiles.Of(firsts, 90):F0} max {firsts[^1]:F0} ms; gap between an account's posts p50 {Percentiles.Of(gaps, 50):F0} p90 {Percentiles.Of(gaps, 90):F0} p99 {Percentiles.Of(gaps, 99):F0} max {gaps[^1]:F0} ms; last p50 {Percentiles.Of(lasts, 50):F0} max {lasts[^1]:F0}");
        Console.WriteLine($"group commit: {groups.Groups} groups of {groups.Writes / Math.Max(1.0, groups.Groups):F1} writes on average, its loop busy {groups.BusyMs:F0} ms of the {clock.Elapsed.TotalMilliseconds:F0} ms");
        sql?.Print();
        var postIds = live.X.Posts.Select(p => p.Id).ToHashSet();
        var published = await PublishingTestData.WithDbAsync(live.Factory, db => db.Messages.Where(m => ids.Contains(m.Id)).Select(m => new { m.XPostId, m.XPostUrl, m.DepartmentId }).ToListAsync());
        var orphans = published.Where(m => m.XPostId is null || !postIds.Contains(m.XPostId)).ToList();
        if (published.Count != messages || orphans.Count > 0)
        {
            throw new InvalidOperationException($"bulk: {published.Count} of {messages} messages published, {orphans.Count} without a post on X.");
        }

        Console.WriteLine($"bulk check: {published.Count} published, {orphans.Count} without a post on X {string.Join(", ", orphans.Take(3).Select(o => $"{o.DepartmentId}:{o.XPostUrl}"))}");
        Console.WriteLine($"bulk: {messages} messages over {accounts} accounts, X latency {latency.TotalMilliseconds} ms: drained in {clock.Elapsed.TotalSeconds:F2} s ({messages / clock.Elapsed.TotalSeconds:F0} posts/s), {live.X.Posts.Count} posts; CPU {cpu.TotalSeconds:F2} s ({cpu.TotalMilliseconds / messages:F2} ms per post, publisher and fake X together, {Environment.ProcessorCount} cores)");
    }

    /// <summary>
    /// The bulk case's floor, measured in the same run: the same posts to the same fake X through the same X channel (client,
    /// OAuth 1.0a signing, resilience pipeline, credentials read once per account), ten per account in series and every
    /// account in parallel, with no claim, no record and no database write. What the bulk case takes beyond this is the
    /// publisher's own cost.
    /// </summary>
    private static async Task ChannelOnlyAsync(int messages, int accounts, TimeSpan latency, bool report = true)
    {
        await using var live = await StartAsync(accounts, latency, hosted: false);
        var perAccount = messages / accounts;
        var targets = await PublishingTestData.WithDbAsync(live.Factory, db => db.PublishingAccounts.AsNoTracking()
            .Where(a => live.Accounts.Keys.Contains(a.DepartmentId))
            .Select(a => new ChannelAccount(a.Id, a.DepartmentId, a.Handle, a.RemoteUserId))
            .ToListAsync());
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(targets.Select(async account =>
        {
            await using var scope = live.Factory.Services.CreateAsyncScope();
            var channel = scope.ServiceProvider.GetRequiredKeyedService<IPublishingChannel>(PublishingNetwork.X);
            for (var i = 0; i < perAccount; i++)
            {
                var outcome = await channel.PublishAsync(account, new ChannelPost(i, $"Floor {i} {Guid.NewGuid():N}", []), CancellationToken.None);
                if (outcome is not ChannelOutcome.Done)
                {
                    throw new InvalidOperationException($"The channel-only post failed: {outcome}");
                }
            }
        }));
        clock.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        if (report)
        {
            Console.WriteLine($"channel only (the bulk case's floor): {messages} posts over {accounts} accounts in {clock.Elapsed.TotalSeconds:F2} s; CPU {cpu.TotalSeconds:F2} s ({cpu.TotalMilliseconds / messages:F2} ms per post), {live.X.Posts.Count} posts");
        }
    }

    /// <summary>Messages approved "as soon as possible" one after another while the hosted publisher runs.</summary>
    private static async Task AsapAsync(int messages, int accounts, TimeSpan latency)
    {
        await using var live = await StartAsync(accounts, latency, hosted: true);
        var signal = live.Factory.Services.GetRequiredService<PublishingSignal>();
        var dueTimes = new Dictionary<string, DateTime>();
        var departments = live.Accounts.Keys.ToList();
        for (var i = 0; i < messages; i++)
        {
            var text = $"ASAP {i} {Guid.NewGuid():N}";
            var due = DateTime.UtcNow;
            await PublishingTestData.AddDueMessagesAsync(live.Factory, departments[i % departments.Count], 1, due, text);
            dueTimes[text] = due;
            signal.Notify();
            await Task.Delay(10);
        }

        await WaitForPostsAsync(live, messages);
        Report("asap", live, dueTimes, latency);
    }

    /// <summary>Messages scheduled a few seconds ahead: lag from their time to the X request.</summary>
    private static async Task ScheduledAsync(int messages, int accounts, TimeSpan latency)
    {
        await using var live = await StartAsync(accounts, latency, hosted: true);
        var departments = live.Accounts.Keys.ToList();
        var dueTimes = new Dictionary<string, DateTime>();
        var start = DateTime.UtcNow.AddSeconds(3);
        for (var i = 0; i < messages; i++)
        {
            var due = start.AddMilliseconds(i * 20);
            var text = $"Programmé {i} {Guid.NewGuid():N}";
            await PublishingTestData.AddDueMessagesAsync(live.Factory, departments[i % departments.Count], 1, due, text);
            dueTimes[text] = due;
        }

        // As the back office does when a message is scheduled: the publisher plans its next wake-up.
        live.Factory.Services.GetRequiredService<PublishingSignal>().Notify();
        await WaitForPostsAsync(live, messages);
        Report("scheduled", live, dueTimes, latency);
    }

    private static void Report(string name, LivePublishing live, Dictionary<string, DateTime> dueTimes, TimeSpan latency)
    {
        // The fake stamps each post after its simulated latency: the request reached it that much earlier.
        var lags = live.X.Posts
            .Where(p => dueTimes.ContainsKey(MessageKey(p.Text, dueTimes)))
            .Select(p => Math.Max(0, (p.CreatedAt.UtcDateTime - latency - dueTimes[MessageKey(p.Text, dueTimes)]).TotalMilliseconds))
            .Order()
            .ToList();
        if (lags.Count < dueTimes.Count)
        {
            throw new InvalidOperationException($"{name}: {dueTimes.Count - lags.Count} of {dueTimes.Count} messages never reached X.");
        }

        Console.WriteLine($"{name}: {lags.Count} posts; due → X request lag p50 {Percentiles.Of(lags, 50):F0} ms, p99 {Percentiles.Of(lags, 99):F0} ms, max {lags.LastOrDefault():F0} ms");
    }

    private static string MessageKey(string postText, Dictionary<string, DateTime> dueTimes) =>
        dueTimes.Keys.FirstOrDefault(k => postText.StartsWith(k, StringComparison.Ordinal)) ?? "";

    private static async Task<List<long>> SeedAsync(LivePublishing live, int messages, DateTime due)
    {
        var ids = new List<long>();
        var departments = live.Accounts.Keys.ToList();
        var perAccount = messages / departments.Count;
        foreach (var department in departments)
        {
            ids.AddRange(await PublishingTestData.AddDueMessagesAsync(live.Factory, department, perAccount, due, "Bulk"));
        }

        return ids;
    }

    private static Task<int> OpenAsync(LivePublishing live, List<long> ids) =>
        PublishingTestData.WithDbAsync(live.Factory, db => db.Messages.CountAsync(m => ids.Contains(m.Id) && m.Status != MessageStatus.Published));

    private static async Task WaitForPostsAsync(LivePublishing live, int count)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (live.X.Posts.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
    }
}
